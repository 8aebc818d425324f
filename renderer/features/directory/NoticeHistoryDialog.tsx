// "Historik" (P-CHANGES): every notice of the unit still kept, newest first, each marked as valid,
// upcoming, expired or removed, with its period, who reported and who entered it. Read-only.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeHistoryEntry } from '../../../common/directory/notices';
import { dateTimeText } from '../../../common/time/stockholm';
import { Dialog } from '../../components/Dialog';
import { vaxel } from '../../platform/vaxel';
import { errorMessage } from './EditorDialog';

const when = (iso: string) => dateTimeText(Date.parse(iso));

export function NoticeHistoryDialog({ unitId, unitName, onClose, onDone }: { unitId: string; unitName: string; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<NoticeHistoryEntry[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    vaxel()
      .directoryNoticeHistory({ unitId })
      .then((e) => live && setEntries(e))
      .catch((e: unknown) => live && setError(t('notices.failed', { why: errorMessage(e) })));
    return () => {
      live = false;
    };
  }, [unitId, t]);
  const now = Date.now();
  const state = (n: NoticeHistoryEntry) => {
    if (n.removedAt) return t('orders.changes.removed', { when: when(n.removedAt), who: n.removedBy ?? '' });
    if (n.validTo && Date.parse(n.validTo) < now) return t('orders.changes.expired');
    if (n.validFrom && Date.parse(n.validFrom) > now) return t('orders.changes.upcoming');
    return t('orders.changes.active');
  };
  const title = t('orders.changes.historyDialog', { unit: unitName });
  return (
    <Dialog owner="notice-history" title={title} headingLevel={3} className="notice-history-dialog" onClose={onClose} returnFocus={onDone} keys={{ 'notices.closeHistory': () => (onClose(), true) }}>
      {error && (
        <p role="alert" className="dialog-error">
          {error}
        </p>
      )}
      {entries && !entries.length && <p>{t('orders.changes.historyEmpty')}</p>}
      {entries && entries.length > 0 && (
        <ul aria-label={title}>
          {entries.map((n) => (
            <li key={n.id}>
              <strong>{state(n)}</strong>: {n.text} (
              {[
                n.validFrom ? t('orders.changes.from', { when: when(n.validFrom) }) : '',
                n.validTo ? t('notices.until', { when: when(n.validTo) }) : '',
                n.reportedBy ? t('orders.changes.reported', { name: n.reportedBy }) : '',
                n.enteredBy && n.enteredAt ? t('notices.enteredBy', { who: n.enteredBy, when: when(n.enteredAt) }) : '',
              ]
                .filter(Boolean)
                .join(', ')}
              )
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-buttons">
        <button type="button" autoFocus onClick={onClose}>
          {t('orders.changes.close')}
        </button>
      </div>
    </Dialog>
  );
}
