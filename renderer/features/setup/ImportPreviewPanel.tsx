// "Katalogimport" (issue 11, P-SECRECY): the configured directory source read by main without
// writing anything, shown as a table of its columns: the field each maps to (a <select> per row,
// so every choice is a keyboard action), how many values it has and what went wrong. A changed
// choice previews again at once; "Spara mappning" stores the mapping on the source in settings,
// and main's next sync uses it. A source with no protected-identity column stays refused until a
// column is chosen for it or the operator states there is none.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportMapping } from '../../../common/directory/importMapping';
import type { ImportPreviewT, PreviewColumnT } from '../../../common/directory/importIpc';
import { IpcError } from '../../../common/ipc/contract';
import { reportLog, vaxel } from '../../platform/vaxel';
import { withChoice, type Choice } from './import-choice';

const CHOICES: readonly Choice[] = ['unknown', 'ignore', ...IMPORT_FIELDS];

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

export function ImportPreviewPanel() {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ImportPreviewT | null>(null);
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);

  const load = async (mapping?: ImportMapping) => {
    setBusy(true);
    try {
      setPreview(await vaxel().directoryPreviewImport(mapping ? { mapping } : {}));
    } catch (error) {
      reportLog({ level: 'warn', code: 'import.preview-failed', detail: { ipc: error instanceof IpcError ? error.code : 'none' } });
      setMessage({ kind: 'alert', text: t('importPreview.loadFailed', { reason: reasonOf(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const toggle = () => {
    const next = !open;
    setOpen(next);
    setMessage(null);
    if (next) void load();
  };

  const choose = (header: string, choice: Choice) => {
    if (!preview) return;
    setMessage(null);
    void load(withChoice(preview.mapping, header, choice));
  };

  const setNoProtected = (value: boolean) => {
    if (!preview) return;
    setMessage(null);
    void load({ ...preview.mapping, noProtectedColumn: value });
  };

  const save = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      setPreview(await vaxel().directorySaveMapping({ mapping: preview.mapping }));
      setMessage({ kind: 'status', text: t('importPreview.saved') });
    } catch (error) {
      reportLog({ level: 'warn', code: 'import.save-failed', detail: { ipc: error instanceof IpcError ? error.code : 'none' } });
      setMessage({ kind: 'alert', text: t('importPreview.saveFailed', { reason: reasonOf(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const problems = (c: PreviewColumnT) =>
    [
      c.how === 'duplicate' ? t('importPreview.duplicate') : c.field === 'unknown' ? t('importPreview.unknownColumn') : '',
      c.how === 'system' ? t('importPreview.systemColumn') : '',
      c.rejected ? t('importPreview.rejectedRows', { count: c.rejected }) : '',
    ]
      .filter(Boolean)
      .join('; ');

  const hasProtected = !!preview?.columns.some((c) => c.field === 'protectedIdentity');

  return (
    <section className="panel import-preview" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('importPreview.heading')}</h2>
      <button type="button" aria-expanded={open} aria-controls={`${id}-body`} onClick={toggle}>
        {open ? t('importPreview.close') : t('importPreview.open')}
      </button>
      {open && (
        <div id={`${id}-body`}>
          {busy && <p>{t('importPreview.loading')}</p>}
          {preview && (
            <>
              {preview.missingProtectedColumn && <p role="alert">{t('importPreview.missingProtected')}</p>}
              {preview.fatal ? (
                <p role="alert">{t('importPreview.refused', { reason: preview.fatal })}</p>
              ) : (
                <p role="status">{t('importPreview.summary', { rows: preview.rows, importable: preview.importable, rejected: preview.rejectedCount })}</p>
              )}
              <table aria-label={t('importPreview.table')}>
                <thead>
                  <tr>
                    <th scope="col">{t('importPreview.column')}</th>
                    <th scope="col">{t('importPreview.field')}</th>
                    <th scope="col">{t('importPreview.samples')}</th>
                    <th scope="col">{t('importPreview.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.columns.map((c) => (
                    <tr key={c.header}>
                      <th scope="row">{c.header}</th>
                      <td>
                        <select
                          aria-label={t('importPreview.fieldFor', { header: c.header })}
                          value={c.how === 'duplicate' ? 'unknown' : c.field}
                          disabled={busy}
                          onChange={(e) => choose(c.header, e.target.value as Choice)}
                        >
                          {CHOICES.map((f) => (
                            <option key={f} value={f}>
                              {t(`importPreview.fields.${f}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>{c.samples}</td>
                      <td>{problems(c)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="field">
                <label>
                  <input
                    type="checkbox"
                    checked={preview.mapping.noProtectedColumn}
                    disabled={busy || hasProtected}
                    aria-describedby={`${id}-np-hint`}
                    onChange={(e) => setNoProtected(e.target.checked)}
                  />{' '}
                  {t('importPreview.noProtected')}
                </label>
                <p id={`${id}-np-hint`} className="hint">
                  {t('importPreview.noProtectedHint')}
                </p>
              </div>
              {preview.rejected.length > 0 && (
                <>
                  <h3>{t('importPreview.rejectedHeading')}</h3>
                  <ul aria-label={t('importPreview.rejectedHeading')}>
                    {preview.rejected.map((r) => (
                      <li key={r.line}>{t('importPreview.rejectedLine', { line: r.line, reason: r.reason })}</li>
                    ))}
                  </ul>
                </>
              )}
              <button type="button" disabled={busy} onClick={() => void save()}>
                {t('importPreview.save')}
              </button>{' '}
              <button type="button" disabled={busy} onClick={() => void load(preview.mapping)}>
                {t('importPreview.refresh')}
              </button>
            </>
          )}
          {message && <p role={message.kind}>{message.text}</p>}
        </div>
      )}
    </section>
  );
}
