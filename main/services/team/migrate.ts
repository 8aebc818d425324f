// Brings the team store's schema up to date. Run by the admin role (`npm run team-db -- migrate`),
// never by a console: operators have no DDL. Each migration runs in its own transaction with its
// row in team.schema_migrations, under an advisory lock, so two admins cannot run it at once and a
// failing step leaves the schema at the previous version.
import type { ClientBase } from 'pg';
import { teamMigrations, type TeamMigration } from './migrations';

export class TeamMigrationError extends Error {
  constructor(
    message: string,
    readonly version: number,
  ) {
    super(message);
    this.name = 'TeamMigrationError';
  }
}

export async function teamSchemaVersion(client: ClientBase): Promise<number> {
  const exists = await client.query(`SELECT to_regclass('team.schema_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return 0;
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM team.schema_migrations');
  return r.rows[0]?.v ?? 0;
}

/** Returns the versions applied by this run. */
export async function migrateTeamStore(client: ClientBase, list: readonly TeamMigration[] = teamMigrations): Promise<number[]> {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`team migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
  });
  await client.query('SELECT pg_advisory_lock(7413000)');
  const applied: number[] = [];
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS team`);
    await client.query(`CREATE TABLE IF NOT EXISTS team.schema_migrations (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT session_user)`);
    const current = await teamSchemaVersion(client);
    if (current > list.length) {
      throw new TeamMigrationError(`The team store is at schema version ${current}, newer than this Växel knows (${list.length}). Update Växel; nothing was changed.`, current);
    }
    for (const m of list.slice(current)) {
      await client.query('BEGIN');
      try {
        await m.up(client);
        await client.query('INSERT INTO team.schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const cause = error instanceof Error ? error.message : String(error);
        throw new TeamMigrationError(`Team migration ${m.version} (${m.name}) failed and was rolled back; the schema stays at version ${m.version - 1}: ${cause}`, m.version);
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(7413000)');
  }
}

/** Creates (or re-passwords) an operator's login role in the group vaxel_operator. */
export async function addOperatorRole(client: ClientBase, role: string, password: string): Promise<void> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(role)) throw new Error('an operator role is lower-case letters, digits and _ (starting with a letter)');
  const id = client.escapeIdentifier(role);
  const pw = client.escapeLiteral(password);
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount) await client.query(`ALTER ROLE ${id} LOGIN PASSWORD ${pw}`);
  else await client.query(`CREATE ROLE ${id} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD ${pw} IN ROLE vaxel_operator`);
}
