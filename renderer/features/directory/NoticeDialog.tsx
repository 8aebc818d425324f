// "Meddelande från enheten": a new notice for the unit (P-CHANGES), with an optional end and the
// manager who reported it. Main records who entered it from its own settings. Notice texts are never logged.
import { useState } from 'react';
import { NOTICE_MAX_CHARS } from '../../../common/directory/notices';
import { vaxel } from '../../platform/vaxel';
import { EditorDialog, errorMessage } from './EditorDialog';
import { useTranslation } from 'react-i18next';
import { instantOfWallText } from '../../../common/time/stockholm';

export function NoticeDialog({ unitId, onClose, onDone }: { unitId: string; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [until, setUntil] = useState('');
  const [reportedBy, setReportedBy] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (busy) return;
    if (!text.trim()) return setError(t('notices.emptyText'));
    setBusy(true);
    try {
      // the field's time is the switchboard's (Stockholm), as the card shows it, whatever the workstation's zone
      const validTo = until ? instantOfWallText(until) : undefined;
      await vaxel().directoryAddNotice({
        unitId,
        text: text.trim(),
        ...(validTo !== undefined ? { validTo: new Date(validTo).toISOString() } : {}),
        ...(reportedBy.trim() ? { reportedBy: reportedBy.trim() } : {}),
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
        {t('notices.validTo')}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} aria-describedby="notice-until-hint" />
      </label>
      <p id="notice-until-hint" className="hint">
        {t('notices.validToHint')}
      </p>
      <label>
        {t('team.reportedBy')}
        <input type="text" value={reportedBy} maxLength={200} onChange={(e) => setReportedBy(e.target.value)} />
      </label>
      <p role="alert" className="dialog-error">
        {error}
      </p>
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </EditorDialog>
  );
}
