// How one call-log event changes a stored row. Pure, so the rules are easy to read and test:
// events may arrive in any order and more than once (the renderer retries), and the result must be
// the same row whatever the order. The first value stored for a moment wins, except that an earlier
// time replaces a later one (a retried event can only repeat, never move a moment forwards).
import { createHash } from 'node:crypto';
import type { CallEvent, CallOutcome, CallReferral, QueueEnd } from '../../../common/ipc/contract';
import type { TransferKind, TransferOutcome } from '../../../common/statistics/record';

/** One settled transfer attempt as the row keeps it (JSON in call_log.transfers). */
export interface StoredTransfer {
  at: number;
  kind: TransferKind;
  /** The employee's extension or number as dialled; main resolves it to directory ids for statistics. */
  target: string;
  result: TransferOutcome;
  answeredAt: number | null;
}

/** At most this many attempts per call are kept: a stuck retry loop cannot grow a row without bound. */
export const MAX_TRANSFERS = 50;

/** The key that joins the legs of one forked call across consoles: a hash, so the Call-ID itself is not kept. */
export const callKeyOf = (sipCallId: string): string => createHash('sha256').update(sipCallId).digest('hex').slice(0, 32);

export interface CallRow {
  call_id: string;
  offered_at: number;
  /** 1 while offered_at is copied from a later event because the offered event has not arrived. */
  offered_at_estimated: 0 | 1;
  answered_at: number | null;
  transferred_at: number | null;
  ended_at: number | null;
  outcome: CallOutcome | null;
  dialled_number: string | null;
  switchboard_id: string | null;
  /** The first referral read out on the call (first wins, so the order of events does not matter). */
  referral: CallReferral | null;
  /** The first dial-out's destination (P-DIALOUT): region and calling code, never the number. */
  dial_out_country: string | null;
  dial_out_calling_code: string | null;
  operator: string;
  call_key: string | null;
  /** How an unanswered offer left the queue (caller hung up, PBX gave up, answered at another console). */
  queue_end: QueueEnd | null;
  /** JSON array of StoredTransfer, ordered by time; NULL before the first. */
  transfers: string | null;
}

export const transfersOf = (row: Pick<CallRow, 'transfers'>): StoredTransfer[] => (row.transfers ? (JSON.parse(row.transfers) as StoredTransfer[]) : []);

const earliest = (stored: number | null, at: number): number => (stored === null ? at : Math.min(stored, at));

export interface MergeResult {
  row: CallRow;
  changed: boolean;
  /** A moment came before the offer (the renderer's clock stepped back); offered_at was pulled down. */
  clockSkew: boolean;
}

/** `operator` is used only when the event creates the row: a call keeps the operator it was first logged for. */
export function mergeCallEvent(stored: CallRow | undefined, event: CallEvent, operator: string): MergeResult {
  const row: CallRow = stored
    ? { ...stored }
    : {
        call_id: event.callId,
        offered_at: event.at,
        offered_at_estimated: event.kind === 'offered' ? 0 : 1,
        answered_at: null,
        transferred_at: null,
        ended_at: null,
        outcome: null,
        dialled_number: null,
        switchboard_id: null,
        referral: null,
        dial_out_country: null,
        dial_out_calling_code: null,
        operator,
        call_key: null,
        queue_end: null,
        transfers: null,
      };
  switch (event.kind) {
    case 'offered':
      if (row.offered_at_estimated) {
        row.offered_at = event.at;
        row.offered_at_estimated = 0;
      } else {
        row.offered_at = Math.min(row.offered_at, event.at);
      }
      row.dialled_number ??= event.dialledNumber || null;
      row.switchboard_id ??= event.switchboardId ?? null;
      if (event.sipCallId) row.call_key ??= callKeyOf(event.sipCallId);
      break;
    case 'answered':
      row.answered_at = earliest(row.answered_at, event.at);
      break;
    case 'transferred':
      row.transferred_at = earliest(row.transferred_at, event.at);
      break;
    case 'ended':
      row.ended_at = earliest(row.ended_at, event.at);
      row.outcome ??= event.outcome;
      if (event.queueEnd) row.queue_end ??= event.queueEnd;
      break;
    case 'transfer': {
      // An attempt is known by when it was placed: a re-sent one repeats, never adds.
      const list = transfersOf(row);
      if (list.length < MAX_TRANSFERS && !list.some((t) => t.at === event.at && t.kind === event.transferKind)) {
        list.push({ at: event.at, kind: event.transferKind, target: event.target, result: event.result, answeredAt: event.answeredAt });
        list.sort((a, b) => a.at - b.at);
        row.transfers = JSON.stringify(list);
      }
      break;
    }
    case 'referral':
      row.referral ??= event.referral;
      break;
    case 'dial-out':
      // the first wins, as a pair: the calling code says whether a country was stored
      if (row.dial_out_calling_code === null) {
        row.dial_out_calling_code = event.callingCode;
        row.dial_out_country = event.country;
      }
      break;
  }
  // Every moment is at or after the offer (the table checks it). An estimated offer simply moves
  // down to the earliest moment known; a real one below a later moment means the clock stepped back.
  const later = [row.answered_at, row.transferred_at, row.ended_at].filter((t): t is number => t !== null);
  const first = Math.min(row.offered_at, ...later);
  const clockSkew = first < row.offered_at && row.offered_at_estimated === 0;
  row.offered_at = first;
  const changed = !stored || (Object.keys(row) as (keyof CallRow)[]).some((key) => row[key] !== stored[key]);
  return { row, changed, clockSkew };
}
