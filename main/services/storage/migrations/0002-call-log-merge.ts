// The call log gets what merging out-of-order events needs (issue 3 item 9):
// - switchboard_id: which switchboard (municipality) the call came in on, for statistics per board;
// - offered_at_estimated: 1 while offered_at is a stand-in copied from a later event (answered,
//   transferred or ended arrived before offered). The offered event replaces it; statistics skip
//   estimated rows, so a lost offered event never shows up as a zero-second answer.
import type { Migration } from './types';

export const migration0002CallLogMerge: Migration = {
  version: 2,
  name: 'call-log-merge',
  up(db) {
    db.exec(`
      ALTER TABLE call_log ADD COLUMN switchboard_id TEXT;
      ALTER TABLE call_log ADD COLUMN offered_at_estimated INTEGER NOT NULL DEFAULT 0 CHECK (offered_at_estimated IN (0, 1));
    `);
  },
};
