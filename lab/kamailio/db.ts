// Creates Kamailio's sqlite DB: the schemas Debian ships, subscribers (operators, the gateway,
// every default employee) and dbaliases (switchboard numbers -> all operators, direct numbers ->
// extensions) and the resource lists (./rls-lists: one rls-services row per operator in `xcap`). Done with the sqlite3 CLI in one batch, which also sets WAL: the db_sqlite
// journal-mode module parameter is a no-op in Kamailio 5.6.3.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Person } from '../demo-org/types.js';
import { employeePassword, type LabManifest } from '../manifest.js';
import { rlsServicesDoc, XCAP_DOC_TYPE, type LabLists } from './rls-lists.js';

export const SCHEMA_DIR = '/usr/share/kamailio/db_sqlite';
const SCHEMAS = ['standard', 'auth_db', 'alias_db', 'presence', 'rls', 'msilo'];

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function labDbSql(m: LabManifest, people: Person[], lists: LabLists = {}): string {
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
  for (const op of m.operators) {
    const doc = rlsServicesDoc(d, people, lists, op.username);
    lines.push(
      `INSERT INTO xcap(username,domain,doc,doc_type,etag,source,doc_uri,port) VALUES(${q(op.username)},${q(d)},${q(doc)},${XCAP_DOC_TYPE.rlsServices},${q(`lab-${Date.now()}`)},0,${q(`/rls-services/users/sip:${op.username}@${d}/index`)},0);`,
    );
  }
  lines.push('COMMIT;', 'PRAGMA journal_mode=WAL;');
  return lines.join('\n');
}

/** db_text tables of the rls module (it needs REPLACE, which db_sqlite lacks): beside the DB. */
export const DBTEXT_SCHEMA_DIR = '/usr/share/kamailio/dbtext/kamailio';
const DBTEXT_TABLES = ['version', 'rls_presentity', 'rls_watchers'];

/**
 * Fresh, empty rls tables (called before every Kamailio start: they only cache back-end NOTIFY
 * bodies, and the file db_text flushes at shutdown would not load again). rls writes rows with no
 * reason, which the shipped header forbids: `reason` is made nullable.
 */
export function createRlsTextDb(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const t of DBTEXT_TABLES) fs.writeFileSync(`${dir}/${t}`, fs.readFileSync(`${DBTEXT_SCHEMA_DIR}/${t}`, 'utf8').replace('reason(string)', 'reason(string,null)'));
}

export function createLabDb(dbPath: string, m: LabManifest, people: Person[], lists: LabLists = {}): void {
  createRlsTextDb(path.join(path.dirname(dbPath), 'dbtext'));
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
  const schema = SCHEMAS.map((s) => fs.readFileSync(`${SCHEMA_DIR}/${s}-create.sql`, 'utf8')).join('\n');
  const r = spawnSync('sqlite3', [dbPath], { input: `${schema}\n${labDbSql(m, people, lists)}\n`, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 failed creating ${dbPath}: ${r.stderr || r.error}`);
}
