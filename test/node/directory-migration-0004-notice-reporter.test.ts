// Directory migration 0004 (P-CHANGES): a notice names the manager who reported it. A version 3
// cache keeps its notices (no reporter); the store then records and shows the reporter, and the
// unit's history lists active, upcoming, expired and removed notices with who removed them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { directoryMigrations } from '../../main/services/directory/migrations';
import { createUnitNoticeStore } from '../../main/services/directory/unitNotices';
import type { Unit } from '../../common/directory/model';
import { activeNotices } from '../../common/directory/noticeValidity';

test('0004 adds the reporting manager to unit_notices, keeping notices written under 0003', () => {
  const db = new Database(':memory:');
  const log = createMemoryLogger();
  runMigrations(db, directoryMigrations.slice(0, 3), log);
  db.prepare("INSERT INTO unit_notices (id, unit_id, text, entered_by, entered_at) VALUES ('n-old', 'u1', 'gammalt', 'op1', '2026-11-01T08:00:00.000Z')").run();
  runMigrations(db, directoryMigrations.slice(0, 4), log);
  assert.equal(userVersion(db), 4);
  assert.deepEqual(db.prepare("SELECT text, reported_by_id, reported_by_name FROM unit_notices WHERE id = 'n-old'").get(), { text: 'gammalt', reported_by_id: null, reported_by_name: null });
  db.close();
});

test('the reporter is stored and shown; the history keeps expired and removed notices, newest first', () => {
  const db = new Database(':memory:');
  const log = createMemoryLogger();
  runMigrations(db, directoryMigrations, log);
  let now = Date.parse('2026-11-02T10:00:00Z');
  const store = createUnitNoticeStore(db, log, () => now);
  const unit: Unit = { id: 'u1', name: 'Kansli', kind: 'unit', municipality: 'essunga', openingHours: [], notices: [] };
  const a = store.add({ unitId: 'u1', text: 'Stängt för flytt', validFrom: '2026-11-02T09:00:00Z', validTo: '2026-11-02T10:30:00Z' }, 'op1', { id: 'chef-1', name: 'Maria Chefsson' });
  now += 1000;
  const b = store.add({ unitId: 'u1', text: 'Ny reception' }, 'op2');
  now += 1000;
  store.add({ unitId: 'u1', text: 'Från december', validFrom: '2026-12-01T00:00:00Z' }, 'op1', { id: 'chef-1', name: 'Maria Chefsson' });
  assert.equal(store.overlay([unit])[0]!.notices.find((n) => n.id === a.id)?.reportedBy, 'Maria Chefsson');
  assert.ok(!log.lines.join('\n').includes('Maria'), 'the reporter is not logged');
  now = Date.parse('2026-11-02T11:00:00Z'); // a has expired
  store.remove(b.id, 'op3');
  const sent = store.overlay([unit])[0]!.notices;
  assert.deepEqual(
    sent.map((n) => n.text),
    ['Från december'],
    'expired and removed are not sent; the upcoming one is',
  );
  assert.deepEqual(activeNotices(sent, now), [], 'and the card does not show it before December');
  const history = store.history('u1');
  assert.deepEqual(
    history.map((h) => [h.text, h.reportedBy ?? null, h.removedBy ?? null]),
    [
      ['Från december', 'Maria Chefsson', null],
      ['Ny reception', null, 'op3'],
      ['Stängt för flytt', 'Maria Chefsson', null],
    ],
  );
  assert.equal(history[2]!.validTo, '2026-11-02T10:30:00Z');
  assert.deepEqual(store.history('other'), []);
  db.close();
});
