// Directory cache migration 0004 (P-CHANGES, issue 13 point 5): a notice names the manager who
// reported it; notices written under 0003 keep their rows, with no reporter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { directoryMigrations } from '../../main/services/directory/migrations';
import { createUnitNoticeStore } from '../../main/services/directory/unitNotices';

test('0004 adds reported_by; older notices survive; a new notice keeps who reported it', () => {
  const db = new Database(':memory:');
  const log = createMemoryLogger();
  runMigrations(db, directoryMigrations.slice(0, 3), log);
  db.prepare("INSERT INTO unit_notices (id, unit_id, text, entered_by, entered_at) VALUES ('n-old', 'u1', 'gammal', 'op1', '2026-01-01T00:00:00Z')").run();
  runMigrations(db, directoryMigrations, log);
  assert.equal(userVersion(db), 4);
  assert.deepEqual(db.prepare("SELECT reported_by FROM unit_notices WHERE id = 'n-old'").get(), { reported_by: null });
  const store = createUnitNoticeStore(db, log);
  const added = store.add({ unitId: 'u1', text: 'Ny telefontid', reportedBy: 'Eva Chef' }, 'op1');
  assert.equal(added.reportedBy, 'Eva Chef');
  assert.equal(store.noticeRecord(added.id)?.reportedBy, 'Eva Chef');
  const [unit] = store.overlay([{ id: 'u1', kind: 'unit', name: 'Kansli', notices: [] } as never]);
  assert.equal((unit as { notices: Array<{ reportedBy?: string }> }).notices.find((n) => n.reportedBy)?.reportedBy, 'Eva Chef');
  db.close();
});
