// Messages: open callbacks for the call on the line (the caller rings again, or the employee calls
// the switchboard: P-MAILBOX), and the recent messages with each channel's status.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { formatSwedishTime, type MessageView } from '../../../common/messages/model';
import { useConsole } from '../../console-context';
import { vaxel } from '../../platform/vaxel';
import { CallState } from '../../sip';
import { useTranslation } from 'react-i18next';

/** One reload at a time; changes during it make one more reload after it (a delivery burst is one). */
function reloadCoalesced(load: () => Promise<unknown>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void load().finally(() => {
      running = false;
      if (again) {
        again = false;
        run();
      }
    });
  };
  return run;
}

function useMessages(): MessageView[] {
  const [list, setList] = useState<MessageView[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      vaxel()
        .messageList({ limit: 20 })
        .then((l) => live && setList(l))
        .catch(() => undefined);
    void load();
    // main pushes messagesChanged on every outbox change (also another console's callback): no polling
    const off = vaxel().on('messagesChanged', reloadCoalesced(load));
    return () => {
      live = false;
      off();
    };
  }, []);
  return list;
}

function useOpenForCalls(): [MessageView[], () => void] {
  const { stores } = useConsole();
  const numbers = useStore(
    stores.calls,
    useShallow((s) =>
      Object.values(s.calls)
        .filter((c) => c.direction === 'in' && c.legKind === 'call' && c.state !== CallState.Ended)
        .map((c) => c.callerNumber)
        .filter(Boolean)
        .sort(),
    ),
  );
  const [open, setOpen] = useState<MessageView[]>([]);
  const [tick, setTick] = useState(0);
  const key = numbers.join(' ');
  useEffect(() => {
    let live = true;
    if (!key) {
      setOpen([]);
      return;
    }
    vaxel()
      .messageFindOpen({ numbers: key.split(' ').slice(0, 10) })
      .then((l) => live && setOpen(l))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key, tick]);
  useEffect(() => vaxel().on('messagesChanged', () => setTick((n) => n + 1)), []);
  return [open, () => setTick((n) => n + 1)];
}

export function MessagesPanel() {
  const { t } = useTranslation();
  const list = useMessages();
  const [open, refresh] = useOpenForCalls();
  return (
    <section aria-label={t('messages.panel')} className="messages-panel">
      <h2>{t('messages.panel')}</h2>
      {open.length ? (
        <div role="alert" aria-label={t('messages.open')}>
          {open.map((m) => (
            <p key={m.id}>
              {t('messages.openFor', { caller: m.callerName || m.callerNumber || t('messages.unknownCaller'), employee: m.employeeName, time: formatSwedishTime(m.calledAt) })}
              {m.text ? `: ${m.text}` : ''}{' '}
              <button type="button" onClick={() => void vaxel().messageCloseCallback({ id: m.id }).then(refresh)}>
                {t('messages.done')}
              </button>
            </p>
          ))}
        </div>
      ) : null}
      {list.length ? (
        <ul aria-label={t('messages.panel')}>
          {list.map((m) => {
            const title = t('messages.messageFor', { employee: m.employeeName, caller: m.callerName || m.callerNumber || t('messages.unknownCaller') });
            return (
              <li key={m.id}>
                <span>
                  {m.urgent ? `${t('messages.urgent')}: ` : ''}
                  {title} {formatSwedishTime(m.createdAt)}
                </span>
                {m.callbackWanted ? (
                  <p>
                    {m.callbackDoneAt ? t('messages.callbackClosed', { time: formatSwedishTime(m.callbackDoneAt) }) : t('messages.callbackOpen')}{' '}
                    {m.callbackDoneAt ? null : (
                      // the employee may say so on another line: the callback is closed from the list too
                      <button type="button" aria-label={t('messages.markDone', { message: title })} onClick={() => void vaxel().messageCloseCallback({ id: m.id })}>
                        {t('messages.done')}
                      </button>
                    )}
                  </p>
                ) : null}
                <ul>
                  {m.deliveries.map((d) => (
                    <li key={d.channel}>
                      {t(`messages.channel.${d.channel}`)}: {t(`messages.status.${d.status}`)}
                      {d.reason && d.status !== 'delivered' && d.status !== 'sent' ? ` (${d.reason})` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t('messages.empty')}</p>
      )}
    </section>
  );
}
