// Creates Kamailio's sqlite DB: the schemas Debian ships, subscribers (operators, the gateway,
// every default employee) and dbaliases (switchboard numbers -> all operators, direct numbers ->
// extensions). Done with the sqlite3 CLI in one batch, which also sets WAL: the db_sqlite
// journal-mode module parameter is a no-op in Kamailio 5.6.3.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Person } from '../demo-org/types.js';
import { employeePassword, type LabManifest } from '../manifest.js';

export const SCHEMA_DIR = '/usr/share/kamailio/db_sqlite';
const SCHEMAS = ['standard', 'auth_db', 'alias_db', 'presence', 'msilo'];

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function labDbSql(m: LabManifest, people: Person[]): string {
  const d = m.sipDomain;
  const lines: string[] = ['BEGIN;'];
  const subscriber = (u: string, pw: string) => lines.push(`INSERT INTO subscriber(username,domain,password) VALUES(${q(u)},${q(d)},${q(pw)});`);
  const alias = (from: string, to: string) => lines.push(`INSERT INTO dbaliases(alias_username,alias_domain,username,domain) VALUES(${q(from)},${q(d)},${q(to)},${q(d)});`);
  for (const op of m.operators) subscriber(op.username, op.password);
  subscriber(m.gateway.username, m.gateway.password);
  for (const p of people) {
    subscriber(p.extension, employeePassword(m, p.extension));
    alias(p.directNumber, p.extension);
  }
  for (const sb of m.switchboards) for (const n of sb.numbers) for (const op of m.operators) alias(n, op.username);
  lines.push('COMMIT;', 'PRAGMA journal_mode=WAL;');
  return lines.join('\n');
}

export function createLabDb(dbPath: string, m: LabManifest, people: Person[]): void {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
  const schema = SCHEMAS.map((s) => fs.readFileSync(`${SCHEMA_DIR}/${s}-create.sql`, 'utf8')).join('\n');
  const r = spawnSync('sqlite3', [dbPath], { input: `${schema}\n${labDbSql(m, people)}\n`, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 failed creating ${dbPath}: ${r.stderr || r.error}`);
}
