// A call log row as the team store shares it for statistics (P-SERVICE-LEVEL, P-FAST; issue 14
// point 1): the record shape of common/statistics/record.ts, one leg per console under the key
// `<callKey>/<operator>`. Times, outcomes and directory ids only: never the caller's number or
// name (P-SECRECY; the server refuses such keys too), nor the dialled number (the switchboard id
// says the same), nor a protected person's id.
import type { SharedCallRecord, SharedTransfer, QueueOutcome } from '../../../common/statistics/record';
import { callKeyOf, transfersOf, type CallRow } from '../callLog/merge';

/** Who a transfer target is in the directory; null when it is not known there (a typed number). */
export type TransferTargetResolver = (target: string) => Promise<{ personId: string | null; unitId: string | null } | null>;

function queueOutcome(row: CallRow): QueueOutcome | null {
  if (row.answered_at !== null) return 'answered';
  if (row.outcome === null) return null; // still ringing
  // The PBX gave up, the operator declined or the offer failed: no operator took the call.
  if (row.queue_end === 'pbx' || row.outcome === 'missed' || row.outcome === 'rejected' || row.outcome === 'failed') return 'missed';
  return 'abandoned';
}

/** The shared key and record of a row; null for a leg another console answered (that console shares the call). */
export async function sharedCallRecord(row: CallRow, resolve: TransferTargetResolver): Promise<{ key: string; record: SharedCallRecord } | null> {
  if (row.queue_end === 'elsewhere') return null;
  // Rows logged before the Call-ID was kept cannot be joined with other legs: a key of their own.
  const callKey = row.call_key ?? callKeyOf(`local:${row.call_id}`);
  const transfers: SharedTransfer[] = [];
  for (const [i, t] of transfersOf(row).entries()) {
    const who = await resolve(t.target).catch(() => null);
    transfers.push({
      at: t.at,
      kind: t.kind,
      unitId: who?.unitId ?? null,
      personId: who?.personId ?? null,
      outcome: t.result,
      answeredAfterMs: t.answeredAt === null ? null : Math.max(0, t.answeredAt - t.at),
      retry: i > 0,
    });
  }
  const answered = row.answered_at;
  const estimated = row.offered_at_estimated === 1;
  const end = answered ?? row.ended_at;
  const record: SharedCallRecord = {
    v: 2,
    callKey,
    switchboardId: row.switchboard_id,
    offeredAt: row.offered_at,
    offeredAtEstimated: estimated,
    answeredAt: answered,
    transferredAt: row.transferred_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    referral: row.referral,
    queueOutcome: queueOutcome(row),
    queueMs: end === null || estimated ? null : end - row.offered_at,
    answerMs: answered === null || estimated ? null : answered - row.offered_at,
    connectMs: answered !== null && transfers[0] && transfers[0].at >= answered ? transfers[0].at - answered : null,
    transfers,
  };
  return { key: `${callKey}/${row.operator}`, record };
}
