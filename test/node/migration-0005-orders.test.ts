// Migration 0005: the orders register's tables on top of 0004, keeping what was there, with the
// status and kind checked by SQLite itself and history rows removed with their order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { migrations } from '../../main/services/storage/migrations';

const columns = (db: Database.Database, table: string) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);

test('0005 adds orders, order_history and order_mail to a version 4 database without touching the call log', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, migrations.slice(0, 4), createMemoryLogger());
  db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('old', 1000, 'op1')").run();
  runMigrations(db, migrations.slice(0, 5), createMemoryLogger());
  assert.equal(userVersion(db), 5);
  assert.equal(db.prepare('SELECT count(*) FROM call_log').pluck().get(), 1);
  for (const table of ['orders', 'order_history', 'order_mail']) {
    const cols = columns(db, table);
    for (const c of ['id', 'updated_at', 'updated_by']) assert.ok(cols.includes(c), `${table} has ${c} (replication by the team store)`);
  }
  const insert = db.prepare(
    "INSERT INTO orders (id, kind, status, manager_id, manager_name, person_name, from_date, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, 'm', 'M', 'P', '2026-12-01', 1, 'op1', 1, 'op1')",
  );
  insert.run('o1', 'extension-new', 'mottagen');
  assert.throws(() => insert.run('o2', 'fax-new', 'mottagen'), /CHECK/, 'an unknown kind is refused');
  assert.throws(() => insert.run('o3', 'mobile-new', 'levererad'), /CHECK/, 'an unknown status is refused');
  db.prepare("INSERT INTO order_history (id, order_id, from_status, to_status, updated_at, updated_by) VALUES ('h1', 'o1', NULL, 'mottagen', 1, 'op1')").run();
  assert.throws(() => db.prepare("INSERT INTO order_history (id, order_id, to_status, updated_at, updated_by) VALUES ('h2', 'nope', 'klar', 1, 'op1')").run(), /FOREIGN KEY/);
  db.prepare("DELETE FROM orders WHERE id = 'o1'").run();
  assert.equal(db.prepare('SELECT count(*) FROM order_history').pluck().get(), 0, 'history goes with its order');
  db.close();
});
