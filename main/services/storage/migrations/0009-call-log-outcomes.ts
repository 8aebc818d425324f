// What statistics need of a call (issue 14 point 1, P-SERVICE-LEVEL):
// - call_key: joins the legs of one forked call across consoles (a hash of the SIP Call-ID, never
//   the ID itself); NULL for calls logged before this version;
// - queue_end: how an unanswered offer left the queue: the caller hung up, the PBX gave up, or
//   another console answered it (then this console's leg is not a call of its own);
// - transfers: each settled transfer attempt (kind, the employee's extension, result, answer time)
//   as a JSON array; never anything of the caller.
import type { Migration } from './types';

export const migration0009CallLogOutcomes: Migration = {
  version: 9,
  name: 'call-log-outcomes',
  up(db) {
    db.exec(`
      ALTER TABLE call_log ADD COLUMN call_key TEXT CHECK (call_key IS NULL OR (length(call_key) = 32 AND call_key NOT GLOB '*[^0-9a-f]*'));
      ALTER TABLE call_log ADD COLUMN queue_end TEXT CHECK (queue_end IS NULL OR queue_end IN ('caller', 'pbx', 'elsewhere'));
      ALTER TABLE call_log ADD COLUMN transfers TEXT CHECK (transfers IS NULL OR (json_valid(transfers) AND json_type(transfers) = 'array'));
    `);
  },
};
