// `npm run team-db -- <command>`: the IT department's tool for the team store, run with the admin
// role (the schema owner), never by a console. Connection from the standard libpq variables
// (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD or ~/.pgpass) or --url; TLS as for the
// consoles: verified for any host but loopback (PGSSLROOTCERT names the CA file).
//   migrate                 bring the schema up to date (each step in its own transaction)
//   status                  the schema version and the operator roles
//   add-operator <role>     create (or re-password) an operator's login role in vaxel_operator;
//                           the password is TEAM_OPERATOR_PASSWORD or a new random one, printed once
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { isLoopbackHost } from './connection';
import { addOperatorRole, migrateTeamStore, teamSchemaVersion } from './migrate';
import { teamMigrations } from './migrations';

function clientConfig(args: string[]): pg.ClientConfig {
  const at = args.indexOf('--url');
  const url = at >= 0 ? args[at + 1] : undefined;
  const host = url ? new URL(url).hostname : (process.env.PGHOST ?? 'localhost');
  const base: pg.ClientConfig = url ? { connectionString: url } : {};
  if (isLoopbackHost(host)) return base;
  const ca = process.env.PGSSLROOTCERT ? fs.readFileSync(process.env.PGSSLROOTCERT, 'utf8') : undefined;
  return { ...base, ssl: { rejectUnauthorized: true, ...(ca ? { ca } : {}), servername: host } };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const [command, arg] = args.filter((a, i) => a !== '--url' && args[i - 1] !== '--url');
  if (!command || !['migrate', 'status', 'add-operator'].includes(command)) {
    console.error('usage: npm run team-db -- migrate | status | add-operator <role> [--url postgres://admin@host/db]');
    return 2;
  }
  const client = new pg.Client(clientConfig(args));
  await client.connect();
  try {
    if (command === 'migrate') {
      const applied = await migrateTeamStore(client);
      console.log(applied.length ? `applied team migrations ${applied.join(', ')}` : 'the team store schema is up to date');
      console.log(`schema version ${await teamSchemaVersion(client)} of ${teamMigrations.length}`);
    } else if (command === 'status') {
      console.log(`schema version ${await teamSchemaVersion(client)} of ${teamMigrations.length}`);
      const roles = await client.query(`SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = 'vaxel_operator' ORDER BY 1`);
      console.log(`operator roles: ${roles.rows.map((r) => r.rolname).join(', ') || '(none)'}`);
    } else {
      if (!arg) throw new Error('add-operator needs the role name, e.g. add-operator op_anna');
      const password = process.env.TEAM_OPERATOR_PASSWORD ?? crypto.randomBytes(18).toString('base64url');
      await addOperatorRole(client, arg, password);
      console.log(`operator role ${arg} is ready (member of vaxel_operator)`);
      if (!process.env.TEAM_OPERATOR_PASSWORD) console.log(`password (shown once; enter it in that operator's console settings): ${password}`);
    }
    return 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`team-db: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
