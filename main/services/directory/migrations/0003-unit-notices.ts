// What the operator records about units (P-CHANGES): notices and opening hours. Separate tables
// from directory_entries, which syncs rewrite per source, so a sync never touches them. Keyed by
// unit id: a unit a sync removes keeps its rows (hidden), and they show again if it comes back.
import type { Migration } from '../../storage/migrations/types';

export const migration0003UnitNotices: Migration = {
  version: 3,
  name: 'unit-notices',
  up(db) {
    db.exec(`
      CREATE TABLE unit_notices (
        id          TEXT PRIMARY KEY,
        unit_id     TEXT NOT NULL,
        text        TEXT NOT NULL,
        valid_from  TEXT,
        valid_to    TEXT,
        entered_by  TEXT NOT NULL,
        entered_at  TEXT NOT NULL,
        removed_by  TEXT,
        removed_at  TEXT
      );
      CREATE INDEX unit_notices_unit ON unit_notices (unit_id);
      CREATE TABLE unit_hours (
        unit_id     TEXT PRIMARY KEY,
        weekly      TEXT NOT NULL,
        override    TEXT,
        entered_by  TEXT NOT NULL,
        entered_at  TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
