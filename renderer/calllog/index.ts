// The renderer's side of the call log: watches the calls store and reports each call's offer,
// answer, transfer and end to main (recordCallEvent). Start it once per calls store; the returned
// function stops watching (events already queued are still delivered).
import type { StoreApi } from 'zustand/vanilla';
import type { CallEvent, CallReferral } from '../../common/ipc/contract';
import { reportLog, vaxel } from '../platform/vaxel';
import type { CallsState, ReportLog } from '../sip';
import { createCallLogTracker } from './events';
import { transferTargetOf } from './transfer-attempts';
import { createCallLogSender, type CallLogSenderOptions } from './sender';

export interface StartCallLogOptions extends Partial<Omit<CallLogSenderOptions, 'send' | 'report'>> {
  send?: (event: CallEvent) => Promise<unknown>;
  report?: ReportLog;
  now?: () => number;
  /** Referral scripts opened on a call (actions.onReferral): each is logged with its reason only. */
  referrals?: (listener: (callId: string, reason: CallReferral) => void) => () => void;
  /** Dial-outs placed for a caller (actions.onDialOut): each is logged with the destination's country only. */
  dialOuts?: (listener: (callId: string, destination: { country: string | null; callingCode: string }) => void) => () => void;
  /** The recall choice "take a message" (softphone.onTakeMessage): logged as the call's transfer to a message. */
  messages?: (listener: (callId: string, target: string) => void) => () => void;
}

export function startCallLog(calls: StoreApi<CallsState>, options: StartCallLogOptions = {}): () => void {
  const report = options.report ?? reportLog;
  const now = options.now ?? Date.now;
  const sender = createCallLogSender({ ...options, send: options.send ?? ((event) => vaxel().recordCallEvent(event)), report });
  const tracker = createCallLogTracker();
  const track = (produce: () => CallEvent[]) => {
    // Runs inside the store's set(): it must never throw into the SIP engine.
    try {
      for (const event of produce()) sender.enqueue(event);
    } catch (error) {
      report({ level: 'error', code: 'calllog.track-failed', detail: { error: error instanceof Error ? error.name.slice(0, 60) : 'unknown' } });
    }
  };
  track(() => tracker.start(calls.getState(), now()));
  const offReferrals = options.referrals?.((callId, referral) => sender.enqueue({ callId, kind: 'referral', at: now(), referral }));
  const offDialOuts = options.dialOuts?.((callId, d) => sender.enqueue({ callId, kind: 'dial-out', at: now(), country: d.country, callingCode: d.callingCode }));
  const offMessages = options.messages?.((callId, target) =>
    sender.enqueue({ callId, kind: 'transfer', at: now(), transferKind: 'message', target: transferTargetOf(target), result: 'message', answeredAt: null }),
  );
  const offCalls = calls.subscribe((next, prev) => track(() => tracker.update(prev, next, now())));
  return () => {
    offCalls();
    offReferrals?.();
    offDialOuts?.();
    offMessages?.();
  };
}

export { createCallLogTracker, offeredEvent, outcomeOf, type CallLogTracker, type CallsSnapshot } from './events';
export { createCallLogSender, type CallLogSender, type CallLogSenderOptions } from './sender';
