// The console's side of the shared team store (issue 13 point 4): its local copy and its queue.
// - team_outbox: own changes not yet confirmed by the server, in the order made (seq), each with
//   its UUID change id (unique in PostgreSQL, so a resend after a crash is applied once). A row is
//   written in the same transaction as the local copy, and deleted only after the server's commit.
// - team_records: the last value of every shared record this console knows, and the change id it
//   saw (the base of its next change, which tells the server whether two consoles collided).
// - team_state: the last change seq caught up to (catch-up asks "since seq").
import type { Migration } from './types';

export const migration0007TeamSync: Migration = {
  version: 7,
  name: 'team-sync',
  up(db) {
    db.exec(`
      CREATE TABLE team_outbox (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id      TEXT NOT NULL UNIQUE,
        kind           TEXT NOT NULL,
        record_key     TEXT NOT NULL,
        value          TEXT,
        base_change_id TEXT,
        changed_at     INTEGER NOT NULL,
        operator       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX team_outbox_record ON team_outbox (kind, record_key);
      CREATE TABLE team_records (
        kind        TEXT NOT NULL,
        record_key  TEXT NOT NULL,
        value       TEXT,
        change_id   TEXT NOT NULL,
        changed_at  INTEGER NOT NULL,
        operator    TEXT NOT NULL,
        PRIMARY KEY (kind, record_key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE team_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
