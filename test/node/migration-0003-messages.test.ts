import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { migration0001CallLog } from '../../main/services/storage/migrations/0001-call-log';
import { migration0002CallLogMerge } from '../../main/services/storage/migrations/0002-call-log-merge';
import { migration0003Messages } from '../../main/services/storage/migrations/0003-messages';

test('0003 adds the outbox tables on top of 0002, keeping the call log, with one delivery per message and channel', () => {
  const db = new Database(':memory:');
  runMigrations(db, [migration0001CallLog, migration0002CallLogMerge], createMemoryLogger());
  db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('old', 1000, 'op1')").run();
  runMigrations(db, [migration0001CallLog, migration0002CallLogMerge, migration0003Messages], createMemoryLogger());
  assert.equal(userVersion(db), 3);
  assert.equal(db.prepare('SELECT count(*) FROM call_log').pluck().get(), 1);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'message%' ORDER BY name").pluck().all();
  assert.deepEqual(tables, ['message_attempts', 'message_deliveries', 'message_settings', 'messages']);
  db.prepare(
    "INSERT INTO messages (id, created_at, operator, caller_number, caller_name, called_at, dialled_number, employee, employee_name, body, callback_wanted, urgent, expires_at) VALUES ('m', 1, 'op1', '', '', 1, '', '2001', 'A', '', 0, 0, 2)",
  ).run();
  const ins = db.prepare("INSERT INTO message_deliveries (message_id, channel, address, status, next_at, updated_at) VALUES ('m', ?, 'x', ?, 1, 1)");
  ins.run('email', 'queued');
  assert.throws(() => ins.run('email', 'queued'), /UNIQUE/, 'a channel is queued once per message');
  assert.throws(() => ins.run('sip', 'lost'), /CHECK/);
  assert.throws(() => ins.run('fax', 'queued'), /CHECK/);
});
