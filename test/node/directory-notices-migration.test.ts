// Migration 0003 of the directory cache: the operator's unit notices and opening hours get their
// own tables, on top of 0001/0002, and an existing cache keeps its entries when it is upgraded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { directoryMigrations } from '../../main/services/directory/migrations';
import { migration0001DirectoryCache } from '../../main/services/directory/migrations/0001-directory-cache';
import { migration0002DirectoryIndex } from '../../main/services/directory/migrations/0002-directory-index';

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name, "notnull" AS nn FROM pragma_table_info('${table}')`).all() as { name: string; nn: number }[]).map((c) => `${c.name}:${c.nn}`);

test('0003 creates unit_notices and unit_hours and sets user_version 3', () => {
  const db = new Database(':memory:');
  runMigrations(db, directoryMigrations.slice(0, 3), createMemoryLogger());
  assert.equal(userVersion(db), 3);
  assert.deepEqual(columns(db, 'unit_notices'), ['id:0', 'unit_id:1', 'text:1', 'valid_from:0', 'valid_to:0', 'entered_by:1', 'entered_at:1', 'removed_by:0', 'removed_at:0']);
  assert.deepEqual(columns(db, 'unit_hours'), ['unit_id:1', 'weekly:1', 'override:0', 'entered_by:1', 'entered_at:1']);
  db.close();
});

test('0003 upgrades a version 2 cache without touching its entries', () => {
  const db = new Database(':memory:');
  const log = createMemoryLogger();
  runMigrations(db, [migration0001DirectoryCache, migration0002DirectoryIndex], log);
  db.prepare("INSERT INTO directory_entries (source, kind, id, hash, data) VALUES ('csv', 'unit', 'u1', 'h', '{}')").run();
  assert.equal(userVersion(db), 2);
  runMigrations(db, directoryMigrations.slice(0, 3), log);
  assert.equal(userVersion(db), 3);
  assert.equal(db.prepare('SELECT count(*) FROM directory_entries').pluck().get(), 1);
  assert.equal(db.prepare('SELECT count(*) FROM unit_notices').pluck().get(), 0);
  db.close();
});
