import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { migration0001CallLog } from '../../main/services/storage/migrations/0001-call-log';

function fresh() {
  const db = new Database(':memory:');
  runMigrations(db, [migration0001CallLog], createMemoryLogger());
  return db;
}

test('0001 creates call_log with the columns issue 3 needs and sets user_version 1', () => {
  const db = fresh();
  assert.equal(userVersion(db), 1);
  const columns = db.prepare('SELECT name, type, "notnull" AS nn FROM pragma_table_info(\'call_log\')').all() as { name: string; type: string; nn: number }[];
  assert.deepEqual(
    columns.map((c) => `${c.name}:${c.type}:${c.nn}`),
    ['id:INTEGER:0', 'call_id:TEXT:1', 'offered_at:INTEGER:1', 'answered_at:INTEGER:0', 'transferred_at:INTEGER:0', 'ended_at:INTEGER:0', 'outcome:TEXT:0', 'dialled_number:TEXT:0', 'operator:TEXT:1'],
  );
});

test('0001 stores a whole call and enforces its rules', () => {
  const db = fresh();
  const insert = db.prepare('INSERT INTO call_log (call_id, offered_at, answered_at, transferred_at, ended_at, outcome, dialled_number, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  insert.run('c1', 1000, 2000, 3000, 4000, 'transferred', '0512-57000', 'anna');
  assert.deepEqual(db.prepare('SELECT outcome, ended_at FROM call_log WHERE call_id = ?').get('c1'), { outcome: 'transferred', ended_at: 4000 });
  assert.throws(() => insert.run('c1', 1000, null, null, null, null, null, 'anna'), /UNIQUE/, 'call ids are unique');
  assert.throws(() => insert.run('c2', 1000, null, null, null, 'exploded', null, 'anna'), /CHECK/, 'outcome from a known set');
  assert.throws(() => insert.run('c3', 5000, 4000, null, null, null, null, 'anna'), /CHECK/, 'answered before offered');
  assert.throws(() => insert.run('c4', '10:00', null, null, null, null, null, 'anna'), /cannot store TEXT value in INTEGER column/, 'STRICT types');
  assert.throws(() => insert.run('c5', 1000, null, null, null, null, null, null), /NOT NULL/);
});

test('0001 indexes offered_at for time-range statistics', () => {
  const db = fresh();
  const plan = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM call_log WHERE offered_at BETWEEN 1 AND 2').all() as { detail: string }[];
  assert.ok(
    plan.some((row) => /USING (COVERING )?INDEX call_log_offered_at/.test(row.detail)),
    JSON.stringify(plan),
  );
});
