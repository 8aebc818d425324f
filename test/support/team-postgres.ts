// One real PostgreSQL per test file for the team store: started from Debian's server in a temp dir
// (lab/postgres/startPostgres.ts), migrated by the admin role, with operator login roles on demand.
import crypto from 'node:crypto';
import pg from 'pg';
import { postgresAvailable, startPostgres, type Postgres } from '../../lab/postgres/startPostgres';
import { addOperatorRole, migrateTeamStore } from '../../main/services/team/migrate';
import type { TeamMigration } from '../../main/services/team/migrations';

export { postgresAvailable };

export interface TeamServer {
  pg: Postgres;
  database: string;
  admin(): Promise<pg.Client>;
  /** A new operator login role (member of vaxel_operator) with a random password. */
  addOperator(role: string): Promise<{ user: string; password: string }>;
  connectAs(user: string, password: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

export async function startTeamServer(options: { migrations?: readonly TeamMigration[] } = {}): Promise<TeamServer> {
  const server = await startPostgres();
  const database = 'vaxel_team';
  const connect = async (user: string, password: string, db = database) => {
    const c = new pg.Client({ host: server.host, port: server.port, user, password, database: db });
    await c.connect();
    return c;
  };
  const boot = await connect(server.admin.user, server.admin.password, 'postgres');
  await boot.query(`CREATE DATABASE ${database}`);
  await boot.end();
  const admin = await connect(server.admin.user, server.admin.password);
  try {
    await migrateTeamStore(admin, options.migrations);
  } finally {
    await admin.end();
  }
  return {
    pg: server,
    database,
    admin: () => connect(server.admin.user, server.admin.password),
    async addOperator(role) {
      const password = crypto.randomBytes(12).toString('base64url');
      const a = await connect(server.admin.user, server.admin.password);
      try {
        await addOperatorRole(a, role, password);
      } finally {
        await a.end();
      }
      return { user: role, password };
    },
    connectAs: (user, password) => connect(user, password),
    stop: () => server.remove(),
  };
}
