// The call record as the team store shares it for statistics (P-SERVICE-LEVEL, P-FAST; issue 14
// point 1), written as the team kind 'call-record' under the key `<callKey>/<operator>`: one leg
// per console a call rang at. The statistics tables merge the legs of one callKey into one call
// (a call forked to several consoles is one call); a console whose leg was answered at another
// console writes no record. It holds times and outcomes only, never the caller's number or name
// (P-SECRECY; the server refuses such keys too). Producers (the console's call log) and consumers
// (PostgreSQL's statistics tables, the Statistik view) agree on this one shape.
import { z } from 'zod';

const Instant = z.number().int().nonnegative(); // ms since the epoch
const Duration = z.number().int().nonnegative(); // ms
const Id = z.string().min(1).max(200);

/** How the switchboard's part of the call ended: answered by an operator, the caller hung up
 *  while queued (abandoned), or nobody answered before the PBX gave up (missed). */
export const QueueOutcome = z.enum(['answered', 'abandoned', 'missed']);
export type QueueOutcome = z.infer<typeof QueueOutcome>;

export const TransferKind = z.enum(['blind', 'announced', 'safe', 'voicemail', 'message']);
export type TransferKind = z.infer<typeof TransferKind>;

/** What became of one transfer: the employee answered, did not answer (no-answer/busy/rejected),
 *  the call came back to the switchboard (recalled), or it ended in voicemail or a message. */
export const TransferOutcome = z.enum(['answered', 'no-answer', 'busy', 'rejected', 'recalled', 'voicemail', 'message', 'failed']);
export type TransferOutcome = z.infer<typeof TransferOutcome>;

export const SharedTransfer = z
  .object({
    /** When the operator placed the transfer. */
    at: Instant,
    kind: TransferKind,
    /** Directory ids; null when the target was dialled by number. Never a caller's data. */
    unitId: Id.nullable(),
    personId: Id.nullable(),
    outcome: TransferOutcome,
    /** From `at` to the employee answering; null when not answered. */
    answeredAfterMs: Duration.nullable(),
    /** This transfer repeats an earlier one of the same call (after a recall or no answer). */
    retry: z.boolean(),
  })
  .strict();
export type SharedTransfer = z.infer<typeof SharedTransfer>;

export const SharedCallRecord = z
  .object({
    /** Record shape version: 2 adds the queue outcome, the durations and the transfers. */
    v: z.literal(2),
    /** The same at every console a forked call rang at: a hash of the SIP Call-ID, never the ID itself. */
    callKey: z.string().regex(/^[0-9a-f]{32}$/, '32 hex digits'),
    switchboardId: z.string().min(1).max(64).nullable(),
    offeredAt: Instant,
    offeredAtEstimated: z.boolean(),
    answeredAt: Instant.nullable(),
    transferredAt: Instant.nullable(),
    endedAt: Instant.nullable(),
    /** The call log's outcome (answered, transferred, abandoned, missed, rejected, failed). */
    outcome: z.string().max(40).nullable(),
    referral: z.string().max(40).nullable(),
    queueOutcome: QueueOutcome.nullable(),
    /** Time in queue: from offered to answered, or to the caller hanging up / the PBX giving up. */
    queueMs: Duration.nullable(),
    /** Time to answer (offered → answered) and to connect (answered → the operator placed the first
     *  transfer: the switchboard's own speed, P-FAST; the employee's answer time is per transfer). */
    answerMs: Duration.nullable(),
    connectMs: Duration.nullable(),
    transfers: z.array(SharedTransfer).max(50),
  })
  .strict();
export type SharedCallRecord = z.infer<typeof SharedCallRecord>;
