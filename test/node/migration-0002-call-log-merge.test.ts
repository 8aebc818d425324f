import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { migration0001CallLog } from '../../main/services/storage/migrations/0001-call-log';
import { migration0002CallLogMerge } from '../../main/services/storage/migrations/0002-call-log-merge';

test('0002 adds switchboard_id and offered_at_estimated, keeping rows written under 0001', () => {
  const db = new Database(':memory:');
  runMigrations(db, [migration0001CallLog], createMemoryLogger());
  db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('old', 1000, 'op1')").run();
  runMigrations(db, [migration0001CallLog, migration0002CallLogMerge], createMemoryLogger());
  assert.equal(userVersion(db), 2);
  const columns = db.prepare('SELECT name, type, "notnull" AS nn, dflt_value AS d FROM pragma_table_info(\'call_log\')').all() as { name: string; type: string; nn: number; d: string | null }[];
  assert.deepEqual(
    columns.slice(-2).map((c) => `${c.name}:${c.type}:${c.nn}:${c.d}`),
    ['switchboard_id:TEXT:0:null', 'offered_at_estimated:INTEGER:1:0'],
  );
  assert.deepEqual(db.prepare("SELECT switchboard_id, offered_at_estimated FROM call_log WHERE call_id = 'old'").get(), { switchboard_id: null, offered_at_estimated: 0 });
  const insert = db.prepare('INSERT INTO call_log (call_id, offered_at, operator, offered_at_estimated) VALUES (?, 1000, ?, ?)');
  assert.throws(() => insert.run('bad', 'op1', 2), /CHECK/, 'estimated is a flag');
  assert.throws(() => insert.run('bad', 'op1', null), /NOT NULL/);
  insert.run('new', 'op1', 1);
});
