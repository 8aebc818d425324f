// TLS to the team store on a real PostgreSQL with ssl=on (issue 13 point 2): the console's
// connection verifies the server's certificate against the configured CA and the server's name
// (verify-full); a wrong CA or a wrong name is refused, never silently accepted. Certificates are
// made for the test with openssl (a test CA and a server certificate for "localhost").
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { teamClientConfig } from '../../main/services/team/connection';
import { addOperatorRole } from '../../main/services/team/migrate';
import { postgresAvailable, startPostgres, type Postgres } from '../support/team-postgres-raw';

const skip = postgresAvailable() ?? (fs.existsSync('/usr/bin/openssl') ? undefined : 'openssl is not installed');
let server: Postgres;
let dir: string;
const password = crypto.randomBytes(12).toString('base64url');

function openssl(...args: string[]) {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
}

function makeCa(name: string) {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`);
}

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-pg-tls-'));
  fs.chmodSync(dir, 0o755);
  makeCa('test-ca');
  makeCa('other-ca');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost\n');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'test-ca.pem', '-CAkey', 'test-ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  fs.chmodSync(path.join(dir, 'server.key'), 0o600);
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', path.join(dir, 'server.key'), path.join(dir, 'server.pem')]);
  server = await startPostgres({ settings: { ssl: 'on', ssl_cert_file: path.join(dir, 'server.pem'), ssl_key_file: path.join(dir, 'server.key') } });
  const admin = new pg.Client({ host: server.host, port: server.port, user: server.admin.user, password: server.admin.password, database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE ROLE vaxel_operator NOLOGIN');
  await addOperatorRole(admin, 'op_tls', password);
  await admin.end();
});
after(async () => {
  await server?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const settings = (tls: { ca?: string; serverName?: string }) => ({ host: 'localhost', port: server.port, database: 'postgres', user: 'op_tls', password, tls });
const ca = (name: string) => fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8');

test('with the right CA and name the connection is TLS', { skip }, async () => {
  const c = new pg.Client(teamClientConfig(settings({ ca: ca('test-ca') })));
  await c.connect();
  const r = await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
  assert.equal(r.rows[0].ssl, true);
  await c.end();
});

test('a certificate from another CA is refused', { skip }, async () => {
  const c = new pg.Client(teamClientConfig(settings({ ca: ca('other-ca') })));
  c.on('error', () => {});
  await assert.rejects(c.connect(), /self.signed|unable to verify|certificate/i);
});

test('a certificate for another name is refused', { skip }, async () => {
  const c = new pg.Client(teamClientConfig(settings({ ca: ca('test-ca'), serverName: 'db.essunga.se' })));
  c.on('error', () => {}); // the refused handshake also ends the socket
  await assert.rejects(c.connect(), /altnames|does not match|Hostname/i);
});

test('the expected server name may differ from the host it is reached by', { skip }, async () => {
  const c = new pg.Client(teamClientConfig({ ...settings({ ca: ca('test-ca'), serverName: 'localhost' }), host: '127.0.0.1' }));
  await c.connect();
  const r = await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
  assert.equal(r.rows[0].ssl, true);
  await c.end();
});
