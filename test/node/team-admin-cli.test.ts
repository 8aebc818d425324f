// `npm run team-db` against a real PostgreSQL: migrate twice (the second is a no-op), add an
// operator who can then log in as a member of vaxel_operator, and status lists it. Also the TLS
// rule of the console's connection: verified TLS for any host but loopback.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isLoopbackHost, teamClientConfig } from '../../main/services/team/connection';
import { postgresAvailable, startPostgres, type Postgres } from '../support/team-postgres-raw';

const skip = postgresAvailable();
const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../main/services/team/adminCli.ts');
let server: Postgres;

before(async () => {
  if (!skip) server = await startPostgres();
});
after(async () => server?.remove());

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PGHOST: '127.0.0.1',
      PGPORT: String(server.port),
      PGUSER: server.admin.user,
      PGPASSWORD: server.admin.password,
      PGDATABASE: 'postgres',
      TEAM_OPERATOR_PASSWORD: 'pw-for-test-1',
    },
  });

test('migrate, migrate again, add an operator, status', { skip }, async () => {
  const first = run('migrate');
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /applied team migrations 1, 2, 3, 4/);
  const again = run('migrate');
  assert.match(again.stdout, /up to date/);
  const added = run('add-operator', 'op_cli');
  assert.equal(added.status, 0, added.stderr);
  assert.doesNotMatch(added.stdout, /pw-for-test-1/, 'a given password is not echoed');
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'op_cli', password: 'pw-for-test-1', database: 'postgres' });
  await c.connect();
  const r = await c.query(`SELECT count(*)::int AS n FROM team.kinds`);
  assert.equal(r.rows[0].n, 7);
  await c.end();
  assert.match(run('status').stdout, /schema version 4 of 4[\s\S]*operator roles: op_cli/);
  const bad = run('add-operator', 'Robert; DROP');
  assert.notEqual(bad.status, 0);
});

test('TLS: loopback may be plain; any other host gets verified TLS with the CA and server name', () => {
  for (const h of ['127.0.0.1', '127.8.0.1', '::1', 'localhost', '/var/run/postgresql']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['10.0.0.5', 'db.essunga.se', '::ffff:10.0.0.1', '128.0.0.1']) assert.equal(isLoopbackHost(h), false, h);
  const base = { port: 5432, database: 'vaxel_team', user: 'op_anna', password: 'x' };
  assert.equal(teamClientConfig({ ...base, host: '127.0.0.1' }).ssl, undefined);
  const remote = teamClientConfig({ ...base, host: 'db.essunga.se', tls: { ca: '-----BEGIN CERTIFICATE-----' } });
  assert.deepEqual(remote.ssl, { rejectUnauthorized: true, ca: '-----BEGIN CERTIFICATE-----' });
  const named = teamClientConfig({ ...base, host: '10.0.0.5', tls: { serverName: 'db.essunga.se' } });
  assert.equal(typeof (named.ssl as { checkServerIdentity?: unknown }).checkServerIdentity, 'function', 'the expected name is checked (test/node/team-tls.test.ts)');
  const byIp = teamClientConfig({ ...base, host: '10.0.0.5' });
  assert.equal((byIp.ssl as { rejectUnauthorized: boolean }).rejectUnauthorized, true);
});
