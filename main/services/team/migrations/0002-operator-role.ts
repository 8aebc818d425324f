// Least privilege for the consoles (issue 13 point 2): the group role vaxel_operator may read the
// shared tables and add changes (only the columns a console supplies; the server fills in who,
// when, seq and outcome). No UPDATE, DELETE, TRUNCATE or DDL anywhere, nothing in other schemas,
// and no CREATE in public. Each operator logs in with their own role, a member of this group
// (created with `npm run team-db -- add-operator NAME`).
import type { TeamMigration } from './types';

export const teamMigration0002OperatorRole: TeamMigration = {
  version: 2,
  name: 'operator-role',
  async up(client) {
    await client.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vaxel_operator') THEN
          CREATE ROLE vaxel_operator NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      END $$;
      REVOKE ALL ON SCHEMA team FROM PUBLIC;
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA team TO vaxel_operator;
      GRANT SELECT ON team.kinds, team.records, team.history, team.changes TO vaxel_operator;
      GRANT INSERT (change_id, kind, record_key, value, base_change_id, changed_at, operator) ON team.changes TO vaxel_operator;
      REVOKE ALL ON FUNCTION team.apply_change(), team.notify_change(), team.refuse_rewrite() FROM PUBLIC;
    `);
    const db = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    await client.query(`REVOKE ALL ON DATABASE ${client.escapeIdentifier(db)} FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db)} TO vaxel_operator`);
  },
};
