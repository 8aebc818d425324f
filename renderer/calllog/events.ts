// Turns changes of the calls store into call-log events (issue 3 item 9). Pure apart from the
// small memory of which calls were transferred, so it is tested without a browser or main.
// Only calls offered to the switchboard are logged; the operator's own outgoing legs (dial-out,
// consultation) are not calls to the switchboard and would distort time to answer.
import type { CallEvent, CallOutcome } from '../../common/ipc/contract';
import type { Call, CallsState, EndReason } from '../sip';
import type { QueueEnd } from '../../common/ipc/contract';
import { createTransferAttempts } from './transfer-attempts';

export type CallsSnapshot = Pick<CallsState, 'calls' | 'lastEnded'>;

// Read structurally: the transfer fields arrive with the transfer work on the calls store and
// must not make this module depend on their exact shape beyond what it uses.
const isIncoming = (call: Call): boolean => (call as { readonly direction?: string }).direction !== 'out';
const transferDone = (call: Call): boolean => (call as { readonly transfer?: { readonly status?: string } | null }).transfer?.status === 'done';

const DIALLED = /^[0-9+*#() .-]{1,40}$/;

export function offeredEvent(call: Call): CallEvent {
  return {
    callId: call.id,
    kind: 'offered',
    at: call.offeredAt,
    // Anything that is not a plain number (a SIP user with letters) is left out rather than sent.
    ...(DIALLED.test(call.dialledNumber) ? { dialledNumber: call.dialledNumber } : {}),
    switchboardId: call.switchboardId && call.switchboardId.length <= 64 ? call.switchboardId : null,
    ...(call.sipCallId && call.sipCallId.length <= 256 ? { sipCallId: call.sipCallId } : {}),
  };
}

/** How an unanswered offer left the queue, for statistics; undefined once it was answered. */
export function queueEndOf(call: Call | undefined, reason: EndReason | undefined): QueueEnd | undefined {
  if (call?.answeredAt != null) return undefined;
  if (reason === 'answered-elsewhere') return 'elsewhere';
  if (reason === 'pbx-cancel') return 'pbx';
  if (reason === 'remote-cancel') return 'caller';
  return undefined;
}

/**
 * How a call ended, for the log. A call answered at another console is logged as abandoned here
 * with queue end 'elsewhere' (queueEndOf), and statistics count it at the console that answered.
 */
export function outcomeOf(call: Call | undefined, reason: EndReason | undefined, transferred: boolean): CallOutcome {
  if (transferred) return 'transferred';
  if (reason === 'failed') return 'failed';
  if (call?.answeredAt != null) return 'answered';
  if (reason === 'local-hangup') return 'rejected';
  if (reason === 'pbx-cancel') return 'missed';
  return 'abandoned';
}

export interface CallLogTracker {
  /** Events for the calls already in the store (re-sent safely: main merges duplicates). */
  start(current: CallsSnapshot, now: number): CallEvent[];
  update(prev: CallsSnapshot, next: CallsSnapshot, now: number): CallEvent[];
}

export function createCallLogTracker(): CallLogTracker {
  const transferred = new Set<string>();
  const attempts = createTransferAttempts();

  const eventsForLive = (call: Call, before: Call | undefined, now: number): CallEvent[] => {
    const out: CallEvent[] = [];
    if (!before) out.push(offeredEvent(call));
    if (call.answeredAt !== null && before?.answeredAt == null) out.push({ callId: call.id, kind: 'answered', at: call.answeredAt });
    if (transferDone(call) && !transferred.has(call.id)) {
      transferred.add(call.id);
      out.push({ callId: call.id, kind: 'transferred', at: now });
    }
    return out;
  };

  return {
    start(current, now) {
      return Object.values(current.calls)
        .filter(isIncoming)
        .flatMap((call) => eventsForLive(call, undefined, now));
    },
    update(prev, next, now) {
      if (prev.calls === next.calls) return [];
      const out: CallEvent[] = [];
      for (const call of Object.values(next.calls)) {
        if (isIncoming(call)) out.push(...eventsForLive(call, prev.calls[call.id], now));
      }
      out.push(...attempts.update(prev, next, now));
      for (const [id, call] of Object.entries(prev.calls)) {
        if (next.calls[id] || !isIncoming(call)) continue;
        const ended = next.lastEnded?.id === id ? next.lastEnded : undefined;
        const wasTransferred = transferred.delete(id); // set when the transfer was seen done, above or earlier
        const queueEnd = queueEndOf(call, ended?.reason);
        out.push({ callId: id, kind: 'ended', at: ended?.at ?? now, outcome: outcomeOf(call, ended?.reason, wasTransferred), ...(queueEnd ? { queueEnd } : {}) });
      }
      return out;
    },
  };
}
