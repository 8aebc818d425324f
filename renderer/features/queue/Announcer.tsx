// Tells a screen reader about every new ringing call, at once (assertive): the operator must know
// a call is waiting and which greeting it needs, without looking.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { CallState } from '../../sip';
import { callerText } from './caller';

export function Announcer() {
  const { t } = useTranslation();
  const { stores } = useConsole();
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      stores.calls.subscribe((state, previous) => {
        const fresh = Object.values(state.calls).filter((c) => c.state === CallState.Ringing && !previous.calls[c.id]);
        if (!fresh.length) return;
        setMessage(fresh.map((c) => t('queue.announce', { greeting: c.greeting, caller: callerText(c).number ?? t('queue.anonymous') })).join(' '));
      }),
    [stores.calls, t],
  );
  return (
    <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
      {message}
    </div>
  );
}
