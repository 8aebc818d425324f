// SQLite migration 0008: a history row applied from another console keeps that console's mail
// status; own rows and orders written before the migration are untouched; a made-up status is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations } from '../../main/services/storage/migrate';
import { migrations } from '../../main/services/storage/migrations';
import { migration0008OrderSharedMail } from '../../main/services/storage/migrations/0008-order-shared-mail';

test('order history gains the sharing console mail status; older rows survive', () => {
  const db = new Database(':memory:');
  const at = migrations.indexOf(migration0008OrderSharedMail);
  assert.ok(at > 0);
  runMigrations(db, migrations.slice(0, at), createMemoryLogger());
  db.prepare(
    `INSERT INTO orders (id, kind, status, manager_id, manager_name, person_name, unit_name, from_date, notes, created_at, created_by, updated_at, updated_by)
     VALUES ('o1', 'extension-new', 'mottagen', 'm1', 'Eva', 'Bo', 'IT', '2026-12-07', '', 1, 'op1', 1, 'op1')`,
  ).run();
  db.prepare("INSERT INTO order_history (id, order_id, from_status, to_status, updated_at, updated_by) VALUES ('h1', 'o1', NULL, 'mottagen', 1, 'op1')").run();
  runMigrations(db, migrations, createMemoryLogger());
  assert.deepEqual(db.prepare('SELECT id, shared_mail FROM order_history').all(), [{ id: 'h1', shared_mail: null }]);
  db.prepare("INSERT INTO order_history (id, order_id, from_status, to_status, updated_at, updated_by, shared_mail) VALUES ('h2', 'o1', 'mottagen', 'bestalld', 2, 'op2', 'sent')").run();
  assert.throws(
    () => db.prepare("INSERT INTO order_history (id, order_id, from_status, to_status, updated_at, updated_by, shared_mail) VALUES ('h3', 'o1', 'bestalld', 'klar', 3, 'op2', 'maybe')").run(),
    /CHECK/,
  );
});
