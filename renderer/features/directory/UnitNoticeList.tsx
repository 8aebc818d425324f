// The card's "Meddelanden från enheten" (P-CHANGES): active notices of the unit and its förvaltning,
// each entered one with "Ta bort", and "Nytt meddelande till enheten" (Alt+N, card scope) opening
// the NoticeDialog. Focus goes back to the search field after every action (onDone).
import { useState } from 'react';
import type { Notice } from '../../../common/directory/model';
import { chordsOfBinding } from '../../keyboard/bindings';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { vaxel } from '../../platform/vaxel';
import { errorMessage } from './EditorDialog';
import { NoticeDialog } from './NoticeDialog';
import { useTranslation } from 'react-i18next';
import { dateTimeText } from '../../../common/time/stockholm';

/** The key as aria-keyshortcuts names it ("Alt+N"). */
export const NEW_NOTICE_KEY = chordsOfBinding('card.newNotice')[0]!.replace(/\+([a-z])$/, (_, l: string) => `+${l.toUpperCase()}`);

const when = (iso: string) => dateTimeText(Date.parse(iso));

export function UnitNoticeList({ notices, unitId, emptyText, onDone }: { notices: Notice[]; unitId: string | undefined; emptyText: string; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState('');
  useKeyScope('card', 'card', { 'card.newNotice': () => (setOpen(true), true) }, { active: !!unitId && !open });
  const close = () => setOpen(false);
  const remove = async (id: string) => {
    try {
      await vaxel().directoryRemoveNotice({ id });
      setError('');
    } catch (e) {
      setError(t('notices.failed', { why: errorMessage(e) }));
    }
    onDone();
  };
  return (
    <>
      {notices.length ? (
        <ul className="notices">
          {notices.map((n) => (
            <li key={n.id}>
              <span className="notice-text">{n.text}</span>
              {(n.validTo || n.enteredBy || n.reportedBy) && (
                <span className="notice-meta">
                  {' '}
                  (
                  {[
                    n.validTo ? t('notices.until', { when: when(n.validTo) }) : '',
                    n.reportedBy ? t('team.reportedByShown', { who: n.reportedBy }) : '',
                    n.enteredBy && n.enteredAt ? t('notices.enteredBy', { who: n.enteredBy, when: when(n.enteredAt) }) : '',
                  ]
                    .filter(Boolean)
                    .join(', ')}
                  )
                </span>
              )}{' '}
              {n.enteredBy && (
                <button type="button" className="notice-remove" onClick={() => void remove(n.id)}>
                  {t('notices.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        emptyText
      )}{' '}
      {unitId && (
        <button type="button" className="notice-new" aria-keyshortcuts={NEW_NOTICE_KEY} onClick={() => setOpen(true)}>
          {t('notices.new')} <kbd aria-hidden="true">{NEW_NOTICE_KEY}</kbd>
        </button>
      )}
      {error && (
        <span role="alert" className="dialog-error">
          {error}
        </span>
      )}
      {open && unitId && <NoticeDialog unitId={unitId} onClose={close} onDone={onDone} />}
    </>
  );
}
