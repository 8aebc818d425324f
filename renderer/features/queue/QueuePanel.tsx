// The waiting calls, longest waiting first, each with the greeting the operator will say (P-GREET).
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { SwitchboardHours } from './SwitchboardHours';
import { selectQueue, type Call } from '../../sip';
import { useNow } from '../useNow';
import { callerText } from './caller';
import { useDirectoryCallerName } from '../directory/use-directory-caller-name';
import { displayNumber } from '../../../common/phone';

function QueueItem({ call, now }: { call: Call; now: number }) {
  const { t } = useTranslation();
  const caller = callerText(call);
  const directoryName = useDirectoryCallerName(call.callerNumber);
  const seconds = Math.max(0, Math.floor((now - call.offeredAt) / 1000));
  return (
    <li className={`queue-item greeting-${call.greetingKind}`}>
      <strong className="greeting">{call.greeting}</strong>
      {call.greetingKind === 'unknown' && <span className="marker"> ({t('queue.unknownNumber')})</span>}
      <span className="caller-number"> {caller.number ?? t('queue.anonymous')}</span>
      {caller.raw && <span className="caller-raw"> {caller.raw}</span>}
      {caller.name && <span className="caller-name"> {caller.name}</span>}
      {directoryName && <span className="caller-directory-name"> {directoryName}</span>}
      {call.dialledNumber && <span className="dialled"> {t('queue.dialled', { number: displayNumber(call.dialledNumber) })}</span>}
      <span className="waiting"> {t('queue.waiting', { seconds })}</span>
    </li>
  );
}

export function QueuePanel() {
  const { t } = useTranslation();
  const { stores, actions } = useConsole();
  const queue = useStore(stores.calls, useShallow(selectQueue));
  const now = useNow();
  return (
    <section className="panel queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">{t('queue.heading')}</h2>
      <SwitchboardHours />
      <button type="button" className="answer" aria-keyshortcuts={actions.keymap.answer} disabled={queue.length === 0} onClick={() => void actions.answerNext()}>
        {t('queue.answer')} <kbd aria-hidden="true">{actions.keymap.answer}</kbd>
      </button>
      <ul aria-label={t('queue.listLabel')}>
        {queue.map((call) => (
          <QueueItem key={call.id} call={call} now={now} />
        ))}
      </ul>
      {queue.length === 0 && <p className="empty">{t('queue.empty')}</p>}
    </section>
  );
}
