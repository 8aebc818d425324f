// P-CHANGES (issue 13 point 5): a notice names the manager who reported it, beside the operator
// who entered it. Optional: older notices and the source's own have none.
import type { Migration } from '../../storage/migrations/types';

export const migration0004NoticeReporter: Migration = {
  version: 4,
  name: 'notice-reporter',
  up(db) {
    db.exec(`ALTER TABLE unit_notices ADD COLUMN reported_by TEXT;`);
  },
};
