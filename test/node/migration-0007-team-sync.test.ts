// SQLite migration 0007: the team store's queue and local copy. A change id
// is unique in the queue, the queue keeps the order changes were made, and rows written before it
// (the call log) are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations } from '../../main/services/storage/migrate';
import { migrations } from '../../main/services/storage/migrations';
import { migration0007TeamSync } from '../../main/services/storage/migrations/0007-team-sync';

test('the team queue keeps order and refuses a change id twice; older rows survive', () => {
  const db = new Database(':memory:');
  const at = migrations.indexOf(migration0007TeamSync);
  assert.ok(at > 0);
  runMigrations(db, migrations.slice(0, at), createMemoryLogger());
  db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('old', 1000, 'op1')").run();
  runMigrations(db, migrations, createMemoryLogger());
  assert.deepEqual(db.prepare('SELECT call_id FROM call_log').all(), [{ call_id: 'old' }]);
  const queue = db.prepare('INSERT INTO team_outbox (change_id, kind, record_key, value, changed_at, operator) VALUES (?, ?, ?, ?, ?, ?)');
  queue.run('c-2', 'unit-notice', 'n-1', '{"text":"b"}', 2, 'op1');
  queue.run('c-1', 'unit-notice', 'n-1', '{"text":"a"}', 1, 'op1');
  assert.throws(() => queue.run('c-1', 'unit-notice', 'n-1', null, 3, 'op1'), /UNIQUE/);
  assert.deepEqual(db.prepare('SELECT change_id FROM team_outbox ORDER BY seq').all(), [{ change_id: 'c-2' }, { change_id: 'c-1' }]);
  db.prepare("INSERT INTO team_records (kind, record_key, value, change_id, changed_at, operator) VALUES ('unit-notice', 'n-1', NULL, 'c-1', 1, 'op1')").run();
  assert.throws(() => db.prepare("INSERT INTO team_records (kind, record_key, value, change_id, changed_at, operator) VALUES ('unit-notice', 'n-1', NULL, 'c-3', 1, 'op1')").run(), /UNIQUE|PRIMARY/);
});
