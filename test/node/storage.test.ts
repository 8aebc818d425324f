import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger } from '../../main/services/log/logger';
import { openDatabase } from '../../main/services/storage/database';
import { MigrationError, userVersion } from '../../main/services/storage/migrate';
import { migrations, type Migration } from '../../main/services/storage/migrations';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-db-')), 'vaxel.sqlite');
const log = createMemoryLogger();

test('opens with WAL, foreign keys, a busy timeout, and every migration applied', () => {
  const file = tmpFile();
  const { db, version, recovered } = openDatabase({ key: null, file, log });
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(db.pragma('busy_timeout', { simple: true }), 5000);
  assert.equal(version, migrations.length);
  assert.equal(userVersion(db), migrations.length);
  assert.equal(recovered, undefined);
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  db.close();
});

test('every migration file is listed, in order, with a matching test file', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = path.join(here, '../../main/services/storage/migrations');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-.+\.ts$/.test(f))
    .sort();
  assert.deepEqual(
    files.map((f) => Number(f.slice(0, 4))),
    migrations.map((m) => m.version),
  );
  for (const f of files) {
    assert.ok(fs.existsSync(path.join(here, `migration-${f.replace(/\.ts$/, '')}.test.ts`)), `test for ${f}`);
  }
});

test('a failed migration is rolled back and leaves the database at the previous version', () => {
  const file = tmpFile();
  const broken: Migration = {
    version: 2,
    name: 'broken',
    up(db) {
      db.exec('CREATE TABLE half_done (x INTEGER)');
      throw new Error('boom');
    },
  };
  assert.throws(
    () => openDatabase({ key: null, file, log, migrations: [...migrations.slice(0, 1), broken] }),
    (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, /Migration 2 \(broken\) failed.*stays at version 1.*boom/);
      return true;
    },
  );
  const { db, version } = openDatabase({ key: null, file, log, migrations: migrations.slice(0, 1) });
  assert.equal(version, 1);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  assert.ok(!tables.includes('half_done'), 'the half-done table was rolled back');
  db.close();
});

test('a database newer than this app is refused untouched', () => {
  const file = tmpFile();
  openDatabase({ key: null, file, log }).db.close();
  const before = fs.readFileSync(file);
  const future: Migration = { version: migrations.length + 1, name: 'future', up: () => {} };
  openDatabase({ key: null, file, log, migrations: [...migrations, future] }).db.close();
  assert.throws(() => openDatabase({ key: null, file, log }), /newer than this version of Växel/);
  assert.notDeepEqual(fs.readFileSync(file), before, 'sanity: the future version changed the file');
});

test('a corrupt file is moved aside with its original bytes, and a fresh database is opened', () => {
  const file = tmpFile();
  const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
  fs.writeFileSync(file, garbage);
  const { db, recovered, version } = openDatabase({ key: null, file, log });
  assert.ok(recovered, 'recovery is reported');
  assert.match(recovered.reason, /not an SQLite database/);
  assert.deepEqual(fs.readFileSync(recovered.backupPath), garbage);
  assert.equal(path.dirname(recovered.backupPath), path.dirname(file));
  assert.equal(version, migrations.length);
  db.close();
});

test('a database damaged past its header is detected by the integrity check', () => {
  const file = tmpFile();
  const { db } = openDatabase({ key: null, file, log });
  const insert = db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES (?, ?, 'op')");
  for (let i = 0; i < 2000; i++) insert.run(`call-${i}`, i);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = fs.readFileSync(file);
  bytes.fill(0xab, 4096, bytes.length - 4096); // trash every page but the first and last
  fs.writeFileSync(file, bytes);
  const reopened = openDatabase({ key: null, file, log });
  assert.ok(reopened.recovered, 'damage is reported, not ignored');
  assert.deepEqual(fs.readFileSync(reopened.recovered.backupPath), bytes);
  reopened.db.close();
});

test('kill-safety: a committed row survives the process being killed without closing', () => {
  const file = tmpFile();
  const child = `
    import { openDatabase } from ${JSON.stringify(path.resolve('main/services/storage/database.ts'))};
    import { createMemoryLogger } from ${JSON.stringify(path.resolve('main/services/log/logger.ts'))};
    const { db } = openDatabase({ key: null, file: ${JSON.stringify(file)}, log: createMemoryLogger() });
    db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('committed', 1, 'op')").run();
    db.exec('BEGIN');
    db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('in-flight', 2, 'op')").run();
    process.kill(process.pid, 'SIGKILL');
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { encoding: 'utf8' });
  assert.equal(result.signal, 'SIGKILL', result.stderr);
  assert.ok(fs.existsSync(file + '-wal'), 'the commit lives in the WAL, not yet checkpointed');
  const { db, recovered } = openDatabase({ key: null, file, log });
  assert.equal(recovered, undefined);
  assert.deepEqual(db.prepare('SELECT call_id FROM call_log').pluck().all(), ['committed']);
  db.close();
});
