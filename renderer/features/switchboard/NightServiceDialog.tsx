// "Stäng växeln" / "Öppna växeln" (P-AFTERHOURS, night service): a small confirm that opens with
// the municipality of the call being talked to (else the one switched last here) and the switch
// that applies to it: close when it is open or closed by schedule, open when night service holds
// it. Enter switches (two presses from anywhere: Shift+F11, Enter); Escape cancels. Main logs who
// and when, and pushes it to the PBX; the queue's line follows at once.
import { useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { HoursMunicipality } from '../../../common/switchboard/schema';
import { Dialog } from '../../components/Dialog';
import { useConsole } from '../../console-context';
import { reportLog, vaxel } from '../../platform/vaxel';
import { reasonOf } from './SettingsFrame';

export function NightServiceDialog({ initial, onClose }: { initial: HoursMunicipality; onClose(): void }) {
  const { t } = useTranslation();
  const { switchboard, switchboardUi, searchFocus } = useConsole();
  const status = useStore(switchboard.store, (s) => s.status);
  const [municipality, setMunicipality] = useState<HoursMunicipality>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const current = status?.municipalities.find((m) => m.municipality === municipality);
  const closing = current?.closedBy !== 'night-service';
  const name = t(`switchboardSettings.${municipality}`);
  const state = !current
    ? ''
    : current.open
      ? t('switchboardSettings.night.stateOpen', { municipality: name })
      : current.closedBy === 'night-service'
        ? t('switchboardSettings.night.stateNight', { municipality: name })
        : t('switchboardSettings.night.stateSchedule', { municipality: name });

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      switchboard.accept(await vaxel().switchboardSetNightService({ municipality, closed: closing }));
      switchboardUi.setState({ lastUsed: municipality });
      onClose();
    } catch (e) {
      reportLog({ level: 'warn', code: 'switchboard.night-service-failed', detail: { municipality } });
      setError(t('switchboardSettings.night.failed', { reason: reasonOf(e) }));
      setBusy(false);
      void switchboard.refresh();
    }
  };

  return (
    <Dialog
      owner="night-service"
      title={closing ? t('switchboardSettings.night.closeTitle') : t('switchboardSettings.night.openTitle')}
      className="night-service"
      onClose={onClose}
      returnFocus={searchFocus.focus}
      keys={{
        'nightService.confirm': (e) => {
          if (e.target instanceof HTMLButtonElement) return false; // Enter on a button is its click
          void confirm();
          return true;
        },
      }}
    >
      <label>
        {t('switchboardSettings.night.choose')}
        <select autoFocus value={municipality} onChange={(e) => setMunicipality(e.target.value as HoursMunicipality)}>
          <option value="essunga">{t('switchboardSettings.essunga')}</option>
          <option value="grastorp">{t('switchboardSettings.grastorp')}</option>
        </select>
      </label>
      <p role="status">{state}</p>
      <p role="alert">{error}</p>
      <button type="button" disabled={busy} onClick={() => void confirm()}>
        {closing ? t('switchboardSettings.night.close', { municipality: name }) : t('switchboardSettings.night.open', { municipality: name })}
      </button>
      <button type="button" onClick={onClose}>
        {t('switchboardSettings.night.cancel')}
      </button>
    </Dialog>
  );
}
