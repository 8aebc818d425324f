// The directory cache: every entry a source delivered (person, unit, shared number) as validated
// JSON with a content hash for diffing, and one row of sync metadata per source.
import type { Migration } from '../../storage/migrations/types';

export const migration0001DirectoryCache: Migration = {
  version: 1,
  name: 'directory-cache',
  up(db) {
    db.exec(`
      CREATE TABLE directory_entries (
        source TEXT NOT NULL,
        kind   TEXT NOT NULL CHECK (kind IN ('person', 'unit', 'shared')),
        id     TEXT NOT NULL,
        hash   TEXT NOT NULL,
        data   TEXT NOT NULL,
        PRIMARY KEY (source, kind, id)
      ) WITHOUT ROWID;
      CREATE TABLE directory_sources (
        source             TEXT PRIMARY KEY,
        last_good_sync_at  TEXT,
        last_attempt_at    TEXT,
        last_error_at      TEXT,
        last_error_code    TEXT,
        last_error_message TEXT
      );
    `);
  },
};
