// How one call-log event changes a stored row. Pure, so the rules are easy to read and test:
// events may arrive in any order and more than once (the renderer retries), and the result must be
// the same row whatever the order. The first value stored for a moment wins, except that an earlier
// time replaces a later one (a retried event can only repeat, never move a moment forwards).
import type { CallEvent, CallOutcome, CallReferral } from '../../../common/ipc/contract';

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
}

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
      break;
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
