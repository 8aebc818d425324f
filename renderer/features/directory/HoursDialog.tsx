// "Öppettider": the unit's weekly opening hours, a row per weekday, and a temporary override with
// its own period (P-CHANGES). Main records who changed them and announces it to every card.
import { useState } from 'react';
import type { Unit } from '../../../common/directory/model';
import { vaxel } from '../../platform/vaxel';
import { EditorDialog, errorMessage } from './EditorDialog';
import { useTranslation } from 'react-i18next';
import { WEEKDAY_KEYS, type WeekdayKey } from '../../../common/i18n';
import { DAYS, hoursOf, rowsOf, type Row } from './opening-hours-rows';
import { DialogFooter } from '../../components/DialogFooter';

export function HoursDialog({ unit, onClose, onDone }: { unit: Unit; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const weekday = (d: number) => t(`hours.weekday.${WEEKDAY_KEYS[d] as WeekdayKey}`);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(unit.openingHours));
  const o = unit.hoursOverride;
  const [from, setFrom] = useState(o?.from ?? '');
  const [to, setTo] = useState(o?.to ?? '');
  const [oOpen, setOOpen] = useState(o?.open ?? '');
  const [oClose, setOClose] = useState(o?.close ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const setRow = (i: number, field: keyof Row, value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const save = async () => {
    if (busy) return;
    const weekly = hoursOf(rows);
    if (!weekly) return setError(t('hours.badTime'));
    let override = null;
    if (from || to) {
      if (!from || !to || to < from) return setError(t('hours.badRange'));
      if (!!oOpen !== !!oClose || (oOpen && oClose <= oOpen)) return setError(t('hours.badTime'));
      override = { from, to, ...(oOpen ? { open: oOpen, close: oClose } : {}) };
    }
    setBusy(true);
    try {
      await vaxel().directorySetOpeningHours({ unitId: unit.id, weekly, override });
      onClose();
    } catch (e) {
      setError(t('notices.failed', { why: errorMessage(e) }));
      setBusy(false);
    }
  };
  return (
    <EditorDialog label={t('hours.dialog')} className="hours-dialog" onCancel={onClose} onSubmit={() => void save()} onDone={onDone}>
      <table>
        <caption>{t('hours.weekly')}</caption>
        <tbody>
          {DAYS.map((d, i) => (
            <tr key={d}>
              <th scope="row">{weekday(d)}</th>
              <td>
                <input type="time" aria-label={t('hours.opens', { day: weekday(d) })} value={rows[i]!.open} onChange={(e) => setRow(i, 'open', e.target.value)} />
              </td>
              <td>
                <input type="time" aria-label={t('hours.closes', { day: weekday(d) })} value={rows[i]!.close} onChange={(e) => setRow(i, 'close', e.target.value)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('hours.closedHint')}</p>
      <fieldset>
        <legend>{t('hours.override')}</legend>
        <label>
          {t('hours.overrideFrom')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('hours.overrideTo')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('hours.overrideOpens')}
          <input type="time" value={oOpen} onChange={(e) => setOOpen(e.target.value)} />
        </label>
        <label>
          {t('hours.overrideCloses')}
          <input type="time" value={oClose} onChange={(e) => setOClose(e.target.value)} />
        </label>
        <p className="hint">{t('hours.overrideHint')}</p>
      </fieldset>
      <DialogFooter error={error} busy={busy} onCancel={onClose} />
    </EditorDialog>
  );
}
