// Dial-outs are counted in the call log (issue 12 item 4, P-DIALOUT): a caller the operator
// connected to an outside number carries the destination's country (ISO 3166 region, NULL for a
// non-geographic network such as satellite) and country calling code, never the number itself;
// the CHECKs keep anything longer than a calling code out of these columns.
// Version 6 as the session's plan gives it: version 5 comes from another branch of the same
// session, so this list only runs once both are merged (the lead renumbers if needed).
import type { Migration } from './types';

export const migration0006CallLogDialOut: Migration = {
  version: 6,
  name: 'call-log-dial-out',
  up(db) {
    db.exec(`
      ALTER TABLE call_log ADD COLUMN dial_out_country TEXT CHECK (dial_out_country IS NULL OR (length(dial_out_country) = 2 AND dial_out_country GLOB '[A-Z][A-Z]'));
      ALTER TABLE call_log ADD COLUMN dial_out_calling_code TEXT CHECK (dial_out_calling_code IS NULL OR (length(dial_out_calling_code) BETWEEN 1 AND 3 AND dial_out_calling_code NOT GLOB '*[^0-9]*'));
    `);
  },
};
