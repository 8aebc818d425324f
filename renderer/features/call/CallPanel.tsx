// The call the operator is on: its greeting, caller and state, and the hang-up control.
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { selectActiveCall } from '../../sip';
import { KEYS } from '../../keyboard/useGlobalKeys';
import { callerText } from '../queue/caller';

export function CallPanel() {
  const { t } = useTranslation();
  const { stores, actions, notices } = useConsole();
  const call = useStore(stores.calls, selectActiveCall);
  const notice = useStore(notices, (s) => s.notice);
  const caller = call ? callerText(call) : null;
  return (
    <section className="panel call" aria-label={t('call.regionLabel')}>
      <h2>{t('call.regionLabel')}</h2>
      {call && caller ? (
        <>
          <p className="greeting">{call.greeting}</p>
          <p className="call-state">{t(`call.state.${call.state}`)}</p>
          <p className="caller">
            {t('call.from', { caller: caller.number ?? t('queue.anonymous') })}
            {caller.name && <span className="caller-name"> {caller.name}</span>}
          </p>
        </>
      ) : (
        <p className="call-state">{t('call.idle')}</p>
      )}
      <button type="button" className="hangup" aria-keyshortcuts={KEYS.hangup} disabled={!call} onClick={() => void actions.hangupActive()}>
        {t('call.hangup')} <kbd aria-hidden="true">{KEYS.hangup}</kbd>
      </button>
      <p className="notice" aria-live="polite">
        {notice ? t(notice) : ''}
      </p>
    </section>
  );
}
