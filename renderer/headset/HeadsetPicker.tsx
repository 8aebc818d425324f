// "Välj headset": opens Chromium's HID chooser (telephony devices only), uses the chosen headset at
// once and saves it in the settings. Shows which headset is in use and whether it is plugged in, and
// what its Flash and Redial buttons do.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Settings } from '../../common/settings/schema';
import { reportLog, vaxel } from '../platform/vaxel';
import type { HeadsetButtonConfig } from '../../common/headset/interpret';
import { HeadsetButtonsField } from './HeadsetButtonsField';
import type { ConsoleHeadset } from './index';

export function HeadsetPicker({ headset, settings }: { headset: ConsoleHeadset; settings: Settings }) {
  const { t } = useTranslation();
  const status = useStore(headset.status);
  const [failed, setFailed] = useState(false);

  async function choose() {
    setFailed(false);
    try {
      const device = await headset.choose();
      if (device) await vaxel().saveSettings({ ...settings, headset: device });
    } catch {
      reportLog({ level: 'error', code: 'headset.choose-failed' });
      setFailed(true);
    }
  }

  async function configure(buttons: HeadsetButtonConfig) {
    const device = headset.configure(buttons);
    if (!device) return;
    try {
      await vaxel().saveSettings({ ...settings, headset: device });
    } catch {
      reportLog({ level: 'error', code: 'headset.save-failed' });
      setFailed(true);
    }
  }

  const label = !status.chosen ? t('headset.none') : status.connected ? t('headset.chosen', { name: status.chosen.name }) : t('headset.notConnected', { name: status.chosen.name });
  return (
    <div className="headset">
      <span aria-live="polite">{status.supported ? label : t('headset.unsupported')}</span>
      {status.supported && (
        <button type="button" onClick={() => void choose()}>
          {t('headset.choose')}
        </button>
      )}
      {status.supported && status.chosen && <HeadsetButtonsField value={{ flash: status.chosen.flash, redial: status.chosen.redial }} onChange={(b) => void configure(b)} />}
      {failed && <span role="alert">{t('headset.failed')}</span>}
    </div>
  );
}
