// P-CHANGES (issue 13 item 5): a unit notice names the manager who reported it, picked from the
// directory. The person's id is kept for the link, their name as it was when the notice was taken
// (a manager who leaves the directory still reported it). The validity period was there since 0003.
import type { Migration } from '../../storage/migrations/types';

export const migration0004NoticeReporter: Migration = {
  version: 4,
  name: 'notice-reporter',
  up(db) {
    db.exec(`
      ALTER TABLE unit_notices ADD COLUMN reported_by_id TEXT;
      ALTER TABLE unit_notices ADD COLUMN reported_by_name TEXT;
    `);
  },
};
