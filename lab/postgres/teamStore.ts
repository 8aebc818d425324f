// The lab's team store (issue 13): a real PostgreSQL from Debian in the lab's namespace on the
// manifest's port, the schema migrated by the admin role, and one login role per lab operator
// (op1, op2 …, password from the manifest's template), as an IT department would set it up.
import pg from 'pg';
import type { TeamStoreSettings } from '../../common/team/settings.js';
import { addOperatorRole, migrateTeamStore } from '../../main/services/team/migrate.js';
import type { LabManifest } from '../manifest.js';
import { startPostgres, type Postgres } from './startPostgres.js';

export interface LabTeamStore {
  pg: Postgres;
  /** The team settings for lab operator #i (its own role). */
  settingsFor(operatorIndex: number): TeamStoreSettings;
  stop(): Promise<void>;
}

export const labTeamRole = (username: string) => username.toLowerCase().replace(/[^a-z0-9_]/g, '_');

export async function startLabTeamStore(m: LabManifest, dir?: string): Promise<LabTeamStore> {
  const t = m.teamStore;
  if (!t) throw new Error('lab.json has no teamStore section');
  // port 0: any free port (tests running beside a lab)
  const server = await startPostgres({ ...(t.port ? { port: t.port } : {}), ...(dir ? { dir } : {}) });
  try {
    const boot = new pg.Client({ host: server.host, port: server.port, user: server.admin.user, password: server.admin.password, database: 'postgres' });
    await boot.connect();
    await boot.query(`CREATE DATABASE ${boot.escapeIdentifier(t.database)}`);
    await boot.end();
    const admin = new pg.Client({ host: server.host, port: server.port, user: server.admin.user, password: server.admin.password, database: t.database });
    await admin.connect();
    try {
      await migrateTeamStore(admin);
      for (const op of m.operators) await addOperatorRole(admin, labTeamRole(op.username), t.passwordTemplate.replaceAll('{user}', op.username));
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.remove();
    throw error;
  }
  return {
    pg: server,
    settingsFor(i) {
      const op = m.operators[i];
      if (!op) throw new Error(`lab.json has no operator #${i}`);
      return { host: server.host, port: server.port, database: t.database, user: labTeamRole(op.username), password: t.passwordTemplate.replaceAll('{user}', op.username) };
    },
    stop: () => server.remove(),
  };
}
