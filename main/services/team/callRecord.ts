// A call log row as the team store shares it for statistics (P-SERVICE-LEVEL, issue 13 point 1):
// times, outcome, switchboard and referral reason, never the caller's number or name (P-SECRECY;
// the server refuses such keys too). The dialled switchboard number is not shared either: the
// switchboard id says the same for statistics.
import type { CallRow } from '../callLog';

export interface SharedCallRecord {
  switchboardId: string | null;
  offeredAt: number;
  offeredAtEstimated: boolean;
  answeredAt: number | null;
  transferredAt: number | null;
  endedAt: number | null;
  outcome: string | null;
  referral: string | null;
}

export function sharedCallRecord(row: CallRow): SharedCallRecord {
  return {
    switchboardId: row.switchboard_id,
    offeredAt: row.offered_at,
    offeredAtEstimated: row.offered_at_estimated === 1,
    answeredAt: row.answered_at,
    transferredAt: row.transferred_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    referral: row.referral,
  };
}
