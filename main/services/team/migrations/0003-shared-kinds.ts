// The kinds the consoles share (issue 13 points 1 and 5), and the rule that keeps caller data out
// of the statistics (P-SECRECY): a call record never carries the caller's number or name.
// A view per kind gives IT and statistics typed columns over the JSON values.
import type { TeamMigration } from './types';

export const teamMigration0003SharedKinds: TeamMigration = {
  version: 3,
  name: 'shared-kinds',
  async up(client) {
    await client.query(`
      INSERT INTO team.kinds (kind, description) VALUES
        ('unit-notice', 'A manager''s notice about a unit (P-CHANGES), with validity period and reporting manager'),
        ('unit-hours', 'A unit''s weekly opening hours and temporary override'),
        ('switchboard-hours', 'The switchboard''s opening hours per municipality (P-AFTERHOURS)'),
        ('night-service', 'The switchboard''s night service (closed) state per municipality'),
        ('message-callback', 'A message pad callback and its status'),
        ('call-record', 'One offered call for statistics; never the caller''s number or name');
      ALTER TABLE team.changes ADD CONSTRAINT call_record_no_caller CHECK (
        kind <> 'call-record' OR value IS NULL OR NOT (value ?| ARRAY['callerNumber', 'callerName', 'caller', 'from', 'remoteNumber']));
      CREATE VIEW team.unit_notices AS
        SELECT record_key AS id, value->>'unitId' AS unit_id, value->>'text' AS text,
               (value->>'validFrom')::timestamptz AS valid_from, (value->>'validTo')::timestamptz AS valid_to,
               value->>'reportedBy' AS reported_by, value->>'removedAt' IS NOT NULL AS removed,
               operator, db_role, changed_at
          FROM team.records WHERE kind = 'unit-notice' AND value IS NOT NULL;
      CREATE VIEW team.call_records AS
        SELECT record_key AS call_id, value->>'switchboardId' AS switchboard_id, value->>'outcome' AS outcome,
               to_timestamp((value->>'offeredAt')::double precision / 1000) AS offered_at,
               to_timestamp((value->>'answeredAt')::double precision / 1000) AS answered_at,
               to_timestamp((value->>'endedAt')::double precision / 1000) AS ended_at,
               value->>'referral' AS referral, operator, db_role
          FROM team.records WHERE kind = 'call-record' AND value IS NOT NULL;
      GRANT SELECT ON team.unit_notices, team.call_records TO vaxel_operator;
    `);
  },
};
