// SQLite migration 0009: the call log gains the call key, how an offer left the queue, and the
// transfer attempts; rows logged before keep NULL there; a made-up queue end, a key that is not
// a 32-hex hash (a raw Call-ID) and transfers that are not a JSON array are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations } from '../../main/services/storage/migrate';
import { migrations } from '../../main/services/storage/migrations';
import { migration0009CallLogOutcomes } from '../../main/services/storage/migrations/0009-call-log-outcomes';

test('call_log gains call_key, queue_end and transfers; older rows survive with NULL', () => {
  const db = new Database(':memory:');
  const at = migrations.indexOf(migration0009CallLogOutcomes);
  assert.ok(at > 0);
  runMigrations(db, migrations.slice(0, at), createMemoryLogger());
  db.prepare("INSERT INTO call_log (call_id, offered_at, outcome, operator) VALUES ('c1', 1700000000000, 'answered', 'op1')").run();
  runMigrations(db, migrations, createMemoryLogger());
  assert.deepEqual(db.prepare('SELECT call_id, call_key, queue_end, transfers FROM call_log').all(), [{ call_id: 'c1', call_key: null, queue_end: null, transfers: null }]);
  const insert = db.prepare('INSERT INTO call_log (call_id, offered_at, operator, call_key, queue_end, transfers) VALUES (?, 1700000000000, ?, ?, ?, ?)');
  insert.run('c2', 'op1', 'a'.repeat(32), 'elsewhere', '[{"at":1}]');
  assert.throws(() => insert.run('c3', 'op1', 'abc123@10.0.0.1', null, null), /CHECK/, 'a raw Call-ID is refused');
  assert.throws(() => insert.run('c4', 'op1', null, 'maybe', null), /CHECK/);
  assert.throws(() => insert.run('c5', 'op1', null, null, '{"at":1}'), /CHECK/, 'transfers must be an array');
});
