// The call log (issue 3): one row per offered call, with the moments it changed state.
// Times are integer milliseconds since the Unix epoch (UTC): cheap to compare and aggregate for
// service-level statistics. dialled_number is the switchboard number the caller reached (it picks
// the greeting), not the caller's own number.
import type { Migration } from './types';

export const migration0001CallLog: Migration = {
  version: 1,
  name: 'call-log',
  up(db) {
    db.exec(`
      CREATE TABLE call_log (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL UNIQUE,
        offered_at INTEGER NOT NULL,
        answered_at INTEGER,
        transferred_at INTEGER,
        ended_at INTEGER,
        outcome TEXT CHECK (outcome IN ('answered', 'transferred', 'abandoned', 'missed', 'rejected', 'failed')),
        dialled_number TEXT,
        operator TEXT NOT NULL,
        CHECK (answered_at IS NULL OR answered_at >= offered_at),
        CHECK (transferred_at IS NULL OR transferred_at >= offered_at),
        CHECK (ended_at IS NULL OR ended_at >= offered_at)
      ) STRICT;
      CREATE INDEX call_log_offered_at ON call_log (offered_at);
      CREATE INDEX call_log_operator_offered_at ON call_log (operator, offered_at);
    `);
  },
};
