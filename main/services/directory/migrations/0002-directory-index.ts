// A stored copy of the built search index, so a start loads arrays instead of rebuilding. The
// generation counts changes to directory_entries (every applied sync bumps it in the same
// transaction); a stored index is used only if it was built at the current generation.
import type { Migration } from '../../storage/migrations/types';

export const migration0002DirectoryIndex: Migration = {
  version: 2,
  name: 'directory-index',
  up(db) {
    db.exec(`
      CREATE TABLE directory_state (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
      );
      INSERT INTO directory_state (id, generation) VALUES (1, 0);
      CREATE TABLE directory_index (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL,
        format     INTEGER NOT NULL,
        data       BLOB NOT NULL
      );
    `);
  },
};
