// "Meddelande från enheten": a new notice for the unit (P-CHANGES), with an optional validity period
// and the manager who reported it (picked from the directory). Main records who entered it from its
// own settings. Notice texts are never logged.
import { useState } from 'react';
import { NOTICE_MAX_CHARS } from '../../../common/directory/notices';
import { vaxel } from '../../platform/vaxel';
import { EditorDialog, errorMessage } from './EditorDialog';
import { useTranslation } from 'react-i18next';
import { instantOfWallText } from '../../../common/time/stockholm';
import { PersonPicker, type PickedPerson } from '../orders/PersonPicker';
import { DialogFooter } from '../../components/DialogFooter';

export function NoticeDialog({ unitId, onClose, onDone }: { unitId: string; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [reporter, setReporter] = useState<PickedPerson | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (busy) return;
    if (!text.trim()) return setError(t('notices.emptyText'));
    setBusy(true);
    try {
      // the field's time is the switchboard's (Stockholm), as the card shows it, whatever the workstation's zone
      const validFrom = from ? instantOfWallText(from) : undefined;
      const validTo = until ? instantOfWallText(until) : undefined;
      await vaxel().directoryAddNotice({
        unitId,
        text: text.trim(),
        ...(validFrom !== undefined ? { validFrom: new Date(validFrom).toISOString() } : {}),
        ...(validTo !== undefined ? { validTo: new Date(validTo).toISOString() } : {}),
        ...(reporter ? { reportedById: reporter.id } : {}),
      });
      onClose();
    } catch (e) {
      setError(t('notices.failed', { why: errorMessage(e) }));
      setBusy(false);
    }
  };
  return (
    <EditorDialog label={t('notices.dialog')} className="notice-dialog" onCancel={onClose} onSubmit={() => void save()} onDone={onDone}>
      <label>
        {t('notices.text')}
        <textarea value={text} maxLength={NOTICE_MAX_CHARS} rows={4} onChange={(e) => setText(e.target.value)} aria-invalid={!!error || undefined} />
      </label>
      <label>
        {t('orders.changes.validFrom')}
        <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        {t('notices.validTo')}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} aria-describedby="notice-until-hint" />
      </label>
      <p id="notice-until-hint" className="hint">
        {t('notices.validToHint')}
      </p>
      <PersonPicker label={t('orders.changes.reportedBySearch')} picked={reporter} onPick={setReporter} />
      <DialogFooter error={error} busy={busy} onCancel={onClose} />
    </EditorDialog>
  );
}
