// Follows each caller's transfers in the calls store and reports every attempt once it is settled
// (issue 14 point 1): its kind, the employee's extension, whether they answered and when. Blind
// transfers settle on the REFER's final NOTIFY (status done or failed); announced and safe ones
// know the employee answered when their leg to the employee is talking. Pure: fed snapshots.
import type { CallEvent } from '../../common/ipc/contract';
import type { TransferOutcome } from '../../common/statistics/record';
import { CallState } from '../sip/states';
import type { Call, CallsState } from '../sip';

type TransferEvent = Extract<CallEvent, { kind: 'transfer' }>;
type Snapshot = Pick<CallsState, 'calls'>;

interface OpenAttempt {
  at: number;
  kind: NonNullable<Call['transfer']>['kind'];
  target: string;
  answeredAt: number | null;
}

/** An extension or number as the statistics contract takes it: a SIP URI's user part, no dial punctuation. */
export function transferTargetOf(target: string): string {
  const user = /^sips?:([^@;]+)[@;]?/i.exec(target.trim())?.[1] ?? target;
  const plain = user.replace(/[\s\-()/.]/g, '');
  return /^[A-Za-z0-9+*#._-]{1,64}$/.test(plain) ? plain : 'unknown';
}

/** What a failed attempt's SIP status (or the recall's reason) says of the employee. */
export function failedOutcome(code: number, recallReason: 'no-answer' | 'failed' | undefined): TransferOutcome {
  if (code === 486 || code === 600) return 'busy';
  if (code === 603 || code === 403) return 'rejected';
  if (code === 408 || code === 480 || code === 487 || recallReason === 'no-answer') return 'no-answer';
  return 'failed';
}

export interface TransferAttempts {
  update(prev: Snapshot, next: Snapshot, now: number): TransferEvent[];
}

export function createTransferAttempts(): TransferAttempts {
  const open = new Map<string, OpenAttempt>();

  const settle = (callId: string, a: OpenAttempt, result: TransferOutcome, answeredAt: number | null): TransferEvent => {
    open.delete(callId);
    return { callId, kind: 'transfer', at: a.at, transferKind: a.kind, target: transferTargetOf(a.target), result, answeredAt };
  };

  return {
    update(prev, next, now) {
      const out: TransferEvent[] = [];
      // A leg to the employee that starts talking: they answered (announced consultation, safe leg).
      for (const leg of Object.values(next.calls)) {
        if (!leg.consultFor || leg.state !== CallState.Talking || prev.calls[leg.id]?.state === CallState.Talking) continue;
        const a = open.get(leg.consultFor);
        if (a && a.answeredAt === null) a.answeredAt = now;
      }
      for (const call of Object.values(next.calls)) {
        if (call.direction === 'out') continue;
        const t = call.transfer;
        let a = open.get(call.id);
        if (!a && t && (prev.calls[call.id]?.transfer !== t || !prev.calls[call.id])) {
          if (t.status === 'failed') continue; // a failure already settled, shown again
          a = { at: now, kind: t.kind, target: t.target, answeredAt: null };
          open.set(call.id, a);
        }
        if (!a) continue;
        if (!t) {
          // The operator took the call back: after a consultation the employee answered, they declined.
          out.push(settle(call.id, a, a.answeredAt === null ? 'no-answer' : 'rejected', a.answeredAt));
          continue;
        }
        a.kind = t.kind; // an announced transfer completed while ringing goes on as blind
        if (t.status === 'done') out.push(settle(call.id, a, t.kind === 'voicemail' ? 'voicemail' : 'answered', a.answeredAt ?? now));
        else if (t.status === 'failed') out.push(settle(call.id, a, failedOutcome(t.code, call.recall?.reason), a.answeredAt));
      }
      // The caller hung up while the transfer was still under way.
      for (const [id, a] of open) if (!next.calls[id]) out.push(settle(id, a, 'no-answer', a.answeredAt));
      return out;
    },
  };
}
