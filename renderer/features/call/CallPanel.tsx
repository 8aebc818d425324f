// The call the operator is on: greeting, caller, state, and every call control with its key;
// the calls on hold (several at once) with a resume control each; a transfer's progress
// (announced politely); and, when a transfer did not go through, the recall choices.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { selectActiveCall, selectHeld, selectLiveCalls, type Call, type TransferInfo } from '../../sip';
import type { ActionId } from '../../keyboard/keymap';
import { callerText } from '../queue/caller';

function Key({ name }: { name: string }) {
  return <kbd aria-hidden="true">{name}</kbd>;
}

function ActionButton(props: { action: ActionId; label: string; disabled?: boolean; onClick: () => void; className?: string }) {
  const { actions } = useConsole();
  const key = actions.keymap[props.action];
  return (
    <button type="button" className={props.className} aria-keyshortcuts={key.replaceAll('Control', 'Control')} disabled={props.disabled} onClick={props.onClick}>
      {props.label} <Key name={key} />
    </button>
  );
}

export function useTransferText(): (transfer: TransferInfo) => string {
  const { t } = useTranslation();
  return (transfer) =>
    t(`transfer.status.${transfer.status}`, {
      kind: t(`transfer.kind.${transfer.kind}`),
      target: transfer.target,
      code: transfer.status === 'failed' && transfer.code ? ` (${transfer.code})` : '',
    });
}

function HeldItem({ call }: { call: Call }) {
  const { t } = useTranslation();
  const { actions } = useConsole();
  const transferText = useTransferText();
  const caller = callerText(call).number ?? t('queue.anonymous');
  return (
    <li className="held-item">
      <span>{t('call.heldItem', { caller })}</span>
      {call.transfer && <span className="transfer-status"> {transferText(call.transfer)}</span>}
      <button type="button" onClick={() => void actions.resume(call.id)}>
        {t('call.resume')} {caller}
      </button>
    </li>
  );
}

function Recall({ call }: { call: Call }) {
  const { t } = useTranslation();
  const { actions } = useConsole();
  const recall = call.recall!;
  const text = t(recall.reason === 'no-answer' ? 'transfer.recallNoAnswer' : 'transfer.recallFailed', { target: recall.target });
  return (
    <div role="group" aria-label={t('transfer.recallHeading')} className="recall">
      <h3>{t('transfer.recallHeading')}</h3>
      <p>{text}</p>
      <ActionButton action="safe" label={t('transfer.retry')} onClick={() => void actions.safe(recall.target)} />
      <ActionButton action="voicemail" label={t('transfer.toVoicemail')} onClick={() => void actions.voicemail(recall.target)} />
      <ActionButton action="message" label={t('transfer.message')} onClick={() => void actions.message()} />
      <ActionButton action="cancel" label={t('transfer.another')} onClick={() => void actions.takeBack()} />
    </div>
  );
}

export function CallPanel() {
  const { t } = useTranslation();
  const { stores, actions, notices } = useConsole();
  const call = useStore(stores.calls, selectActiveCall);
  const held = useStore(stores.calls, useShallow(selectHeld));
  const live = useStore(stores.calls, useShallow(selectLiveCalls));
  const notice = useStore(notices, (s) => s.notice);
  const dtmfMode = useStore(actions.ui, (s) => s.dtmfMode);
  const transferText = useTransferText();
  // The latest transfer outcome stays readable after the caller's leg has ended (final NOTIFY).
  const [lastTransfer, setLastTransfer] = useState<TransferInfo | null>(null);
  useEffect(
    () =>
      stores.calls.subscribe((state, previous) => {
        for (const c of Object.values(state.calls)) {
          if (c.legKind === 'call' && c.transfer && c.transfer !== previous.calls[c.id]?.transfer) setLastTransfer(c.transfer);
        }
      }),
    [stores.calls],
  );
  const caller = call ? callerText(call) : null;
  const consultCaller = call?.consultFor ? live.find((c) => c.id === call.consultFor) : undefined;
  const recalled = live.filter((c) => c.recall).at(-1);
  const talking = !!call && !call.consultFor;
  return (
    <section className="panel call" aria-label={t('call.regionLabel')}>
      <h2>{t('call.regionLabel')}</h2>
      {call && caller ? (
        <>
          {call.greeting && <p className="greeting">{call.greeting}</p>}
          <p className="call-state">{t(`call.state.${call.state}`)}</p>
          <p className="caller">
            {call.direction === 'out' ? t('call.to', { number: caller.number ?? call.dialledNumber }) : t('call.from', { caller: caller.number ?? t('queue.anonymous') })}
            {caller.name && <span className="caller-name"> {caller.name}</span>}
          </p>
          {consultCaller && <p className="consulting">{t('transfer.consulting', { target: call.callerNumber })}</p>}
          {call.muted && <p className="muted">{t('call.muted')}</p>}
          {dtmfMode && <p className="dtmf-mode">{t('call.dtmfOn')}</p>}
        </>
      ) : (
        <p className="call-state">{t('call.idle')}</p>
      )}
      <div className="controls">
        <ActionButton action="hangup" className="hangup" label={t('call.hangup')} disabled={!call} onClick={() => void actions.hangupActive()} />
        <ActionButton action="hold" label={t('call.hold')} disabled={!call && held.length === 0} onClick={() => void actions.toggleHold()} />
        <ActionButton action="mute" label={t('call.mute')} disabled={!call} onClick={() => void actions.toggleMute()} />
        <ActionButton action="dtmf" label={t('call.dtmf')} disabled={!call} onClick={() => actions.toggleDtmfMode()} />
        <ActionButton action="dial" label={t('call.dial')} onClick={() => void actions.dial()} />
        <ActionButton action="announced" label={t('transfer.announced')} disabled={!talking} onClick={() => void actions.announced()} />
        <ActionButton action="complete" label={t('transfer.complete')} disabled={!consultCaller} onClick={() => void actions.complete()} />
        <ActionButton action="cancel" label={t('transfer.cancel')} disabled={!consultCaller} onClick={() => void actions.cancel()} />
        <ActionButton action="blind" label={t('transfer.blind')} disabled={!call} onClick={() => void actions.blind()} />
        <ActionButton action="safe" label={t('transfer.safe')} disabled={!talking} onClick={() => void actions.safe()} />
        <ActionButton action="voicemail" label={t('transfer.voicemail')} disabled={!call && !recalled} onClick={() => void actions.voicemail()} />
        <ActionButton action="park" label={t('park.park')} disabled={!call} onClick={() => void actions.park()} />
      </div>
      {recalled && <Recall call={recalled} />}
      <h3 id="held-heading">{t('call.heldHeading')}</h3>
      <ul aria-label={t('call.heldListLabel')}>
        {held.map((c) => (
          <HeldItem key={c.id} call={c} />
        ))}
      </ul>
      {/* Transfer progress, said politely: the operator keeps working while it runs. */}
      <div className="transfer-log" aria-live="polite" aria-atomic="true">
        {lastTransfer && <p className="transfer-status">{transferText(lastTransfer)}</p>}
      </div>
      <p className="notice" aria-live="polite">
        {notice ? t(notice) : ''}
      </p>
    </section>
  );
}
