// "Meddelande från enheten": a new notice for the unit (P-CHANGES), with an optional end. Main records
// who entered it from its own settings. Notice texts are never logged.
import { useState } from 'react';
import { NOTICE_MAX_CHARS } from '../../../common/directory/notices';
import { vaxel } from '../../platform/vaxel';
import { EditorDialog, errorMessage } from './EditorDialog';
import type { NoticeTexts } from './notice-texts';

export function NoticeDialog({ unitId, t, onClose, onDone }: { unitId: string; t: NoticeTexts; onClose(): void; onDone(): void }) {
  const [text, setText] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (busy) return;
    if (!text.trim()) return setError(t.emptyText);
    setBusy(true);
    try {
      await vaxel().directoryAddNotice({ unitId, text: text.trim(), ...(until ? { validTo: new Date(until).toISOString() } : {}) });
      onClose();
    } catch (e) {
      setError(t.failed(errorMessage(e)));
      setBusy(false);
    }
  };
  return (
    <EditorDialog label={t.noticeDialog} className="notice-dialog" onCancel={onClose} onSubmit={() => void save()} onDone={onDone}>
      <label>
        {t.text}
        <textarea value={text} maxLength={NOTICE_MAX_CHARS} rows={4} onChange={(e) => setText(e.target.value)} aria-invalid={!!error || undefined} />
      </label>
      <label>
        {t.validTo}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} aria-describedby="notice-until-hint" />
      </label>
      <p id="notice-until-hint" className="hint">
        {t.validToHint}
      </p>
      <p role="alert" className="dialog-error">
        {error}
      </p>
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t.save}
        </button>
        <button type="button" onClick={onClose}>
          {t.cancel}
        </button>
      </div>
    </EditorDialog>
  );
}
