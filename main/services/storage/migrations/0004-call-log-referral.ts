// Referrals are counted in the call log (issue 12 item 3, P-EXT-INFO / P-STAFF-LOOKUP): the reason
// a call was answered with a script instead of a connection, so statistics can count them. Only
// the reason is stored, never the number the caller asked for.
import type { Migration } from './types';

export const migration0004CallLogReferral: Migration = {
  version: 4,
  name: 'call-log-referral',
  up(db) {
    db.exec(`ALTER TABLE call_log ADD COLUMN referral TEXT CHECK (referral IS NULL OR referral IN ('external-info', 'staff-lookup'));`);
  },
};
