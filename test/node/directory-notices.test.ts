// Unit notices and opening hours the operator records (P-CHANGES, issue 4 item 5): through the real
// dispatcher and services (validation, operator from main's settings, directoryChanged, survival of
// syncs), and the store with a fake clock for expiry and purging. Texts never reach the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Unit } from '../../common/directory/model';
import { activeNotices } from '../../common/directory/noticeValidity';
import { createServices } from '../../main/services/app/createServices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { runMigrations } from '../../main/services/storage/migrate';
import { directoryMigrations } from '../../main/services/directory/migrations';
import { NOTICE_RETENTION_MS, createUnitNoticeStore } from '../../main/services/directory/unitNotices';
import { sampleSettings } from './settings.fixture';

const SECRET = 'Hemtjänsten Väst nås på 0512-570 99 under flytten';
const HEAD = '\uFEFFAnställnings-id;Förnamn;Efternamn;Kommun;Enhet;Förvaltning;Anknytning;Mobil;Skyddad identitet\r\n';
const CSV = `${HEAD}ES1;Anna;Berg;Essunga;Kansli;Kommunledningsförvaltningen;2001;070-111 22 33;Nej\r\nES2;Bo;Ek;Essunga;Kansli;Kommunledningsförvaltningen;2002;070-111 22 34;Nej\r\n`;
// the next export: Bo has left, Anna has a new extension, a new colleague has come
const CSV2 = `${HEAD}ES1;Anna;Berg;Essunga;Kansli;Kommunledningsförvaltningen;2011;070-111 22 33;Nej\r\nES3;Cecilia;Al;Essunga;Kansli;Kommunledningsförvaltningen;2003;;Nej\r\n`;

async function services(withOperator = true) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-notices-'));
  const log = createMemoryLogger();
  const s = createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  if (withOperator) assert.equal((await s.dispatch('saveSettings', sampleSettings())).ok, true);
  const imported = await s.dispatch('directoryImportCsv', { text: CSV });
  assert.ok(imported.ok);
  const units = async () => {
    const r = await s.dispatch('directoryUnits', undefined);
    assert.ok(r.ok);
    return r.value as Unit[];
  };
  const kansli = (await units()).find((u) => u.name === 'Kansli')!;
  assert.ok(kansli, 'the CSV gives a unit Kansli');
  return { s, log, dataDir, units, kansli, done: () => (s.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
}

test('a notice is added to a unit, shown with who entered it, announced, and removed again', async () => {
  const { s, log, units, kansli, done } = await services();
  try {
    const changed: { cacheChanged: boolean }[] = [];
    s.events.on('directoryChanged', (p) => changed.push(p));
    const until = new Date(Date.now() + 3600_000).toISOString();
    const added = await s.dispatch('directoryAddNotice', { unitId: kansli.id, text: `  ${SECRET}  `, validTo: until });
    assert.ok(added.ok, JSON.stringify(added));
    const unit = added.value as Unit;
    assert.equal(unit.notices.length, 1);
    const notice = unit.notices[0]!;
    assert.equal(notice.text, SECRET, 'trimmed');
    assert.equal(notice.validTo, until);
    assert.equal(notice.enteredBy, sampleSettings().accounts[0]!.username, 'the operator comes from main');
    assert.deepEqual(
      changed.map((c) => c.cacheChanged),
      [false],
      'directoryChanged, entries untouched',
    );
    assert.deepEqual(
      (await units()).find((u) => u.id === kansli.id)!.notices.map((n) => n.text),
      [SECRET],
    );

    const removed = await s.dispatch('directoryRemoveNotice', { id: notice.id });
    assert.ok(removed.ok && (removed.value as { removed: boolean }).removed);
    assert.equal((await units()).find((u) => u.id === kansli.id)!.notices.length, 0);
    assert.equal(changed.length, 2);
    const again = await s.dispatch('directoryRemoveNotice', { id: notice.id });
    assert.ok(again.ok && !(again.value as { removed: boolean }).removed, 'a second removal changes nothing');
    assert.equal(changed.length, 2);

    assert.ok(!log.lines.some((l) => l.includes('Hemtjänsten') || l.includes('570 99')), 'notice text never logged');
    assert.ok(log.lines.some((l) => l.includes('directory.notice-added')));
  } finally {
    done();
  }
});

test('notices and opening hours survive syncs that change, add and remove entries', async () => {
  const { s, units, kansli, done } = await services();
  try {
    assert.ok((await s.dispatch('directoryAddNotice', { unitId: kansli.id, text: SECRET })).ok);
    const hours = await s.dispatch('directorySetOpeningHours', {
      unitId: kansli.id,
      weekly: [
        { days: [1, 2, 3, 4], open: '08:00', close: '16:30' },
        { days: [5], open: '08:00', close: '15:00' },
      ],
      override: { from: '2099-12-23', to: '2100-01-06', open: '09:00', close: '12:00' },
    });
    assert.ok(hours.ok, JSON.stringify(hours));
    const report = await s.dispatch('directoryImportCsv', { text: CSV2 });
    assert.ok(report.ok && (report.value as { changed: number; added: number; removed: number }).removed === 1);
    const after = (await units()).find((u) => u.id === kansli.id)!;
    assert.deepEqual(
      after.notices.map((n) => n.text),
      [SECRET],
    );
    assert.deepEqual(after.openingHours, [
      { days: [1, 2, 3, 4], open: '08:00', close: '16:30' },
      { days: [5], open: '08:00', close: '15:00' },
    ]);
    assert.deepEqual(after.hoursOverride, { from: '2099-12-23', to: '2100-01-06', open: '09:00', close: '12:00' });
    // and a sync from the scheduler's path, too
    const sync = await s.dispatch('directorySyncNow', undefined);
    assert.ok(sync.ok);
    assert.equal((await units()).find((u) => u.id === kansli.id)!.notices.length, 1);

    // clearing the hours: no weekly hours and no override
    assert.ok((await s.dispatch('directorySetOpeningHours', { unitId: kansli.id, weekly: [], override: null })).ok);
    const cleared = (await units()).find((u) => u.id === kansli.id)!;
    assert.deepEqual(cleared.openingHours, []);
    assert.equal(cleared.hoursOverride, undefined);
  } finally {
    done();
  }
});

test('invalid payloads are rejected with the field and the reason; unknown units and a missing operator too', async () => {
  const { s, kansli, done } = await services();
  try {
    const past = new Date(Date.now() - 60_000).toISOString();
    const soon = new Date(Date.now() + 60_000).toISOString();
    const later = new Date(Date.now() + 120_000).toISOString();
    const cases: [string, unknown, RegExp][] = [
      ['directoryAddNotice', { unitId: kansli.id, text: '   ' }, /text: the notice text is empty/],
      ['directoryAddNotice', { unitId: kansli.id, text: 'x'.repeat(501) }, /text: the notice text is longer than 500 characters/],
      ['directoryAddNotice', { unitId: kansli.id, text: 'ok', validTo: 'tomorrow' }, /validTo: an ISO 8601 time/],
      ['directoryAddNotice', { unitId: kansli.id, text: 'ok', validTo: past }, /validTo: validTo is already past/],
      ['directoryAddNotice', { unitId: kansli.id, text: 'ok', validFrom: later, validTo: soon }, /validTo: validTo must be after validFrom/],
      ['directoryAddNotice', { unitId: kansli.id, text: 'ok', enteredBy: 'someone' }, /enteredBy/],
      ['directoryAddNotice', { text: 'ok' }, /unitId/],
      ['directoryRemoveNotice', { id: '' }, /id/],
      ['directorySetOpeningHours', { unitId: kansli.id, weekly: [{ days: [1], open: '17:00', close: '08:00' }] }, /weekly\.0\.close: close must be after open/],
      ['directorySetOpeningHours', { unitId: kansli.id, weekly: [{ days: [8], open: '08:00', close: '16:00' }] }, /weekly\.0\.days\.0/],
      ['directorySetOpeningHours', { unitId: kansli.id, weekly: [{ days: [1], open: '8', close: '16:00' }] }, /weekly\.0\.open/],
      [
        'directorySetOpeningHours',
        {
          unitId: kansli.id,
          weekly: [
            { days: [1], open: '08:00', close: '16:00' },
            { days: [1], open: '09:00', close: '12:00' },
          ],
        },
        /weekly: a weekday has two sets of hours/,
      ],
      ['directorySetOpeningHours', { unitId: kansli.id, weekly: [], override: { from: '2099-02-01', to: '2099-01-01' } }, /override\.to: to must not be before from/],
      ['directorySetOpeningHours', { unitId: kansli.id, weekly: [], override: { from: '2099-01-01', to: '2099-01-02', open: '09:00' } }, /override\.close: give both/],
      ['directorySetOpeningHours', { unitId: kansli.id, weekly: [], override: { from: '1/1', to: '2099-01-02' } }, /override\.from: a date as YYYY-MM-DD/],
    ];
    for (const [method, input, reason] of cases) {
      const r = await s.dispatch(method, input);
      assert.ok(!r.ok, `${method} ${JSON.stringify(input)} was accepted`);
      assert.equal(r.error.code, 'invalid-payload', `${method} ${JSON.stringify(input)}: ${r.error.message}`);
      assert.match(r.error.message, new RegExp(`^Invalid payload for ${method}: `));
      assert.match(r.error.message, reason);
    }
    const unknown = await s.dispatch('directoryAddNotice', { unitId: 'no-such-unit', text: 'ok' });
    assert.ok(!unknown.ok && unknown.error.code === 'handler-failed' && /No such unit/.test(unknown.error.message));
    const units = await s.dispatch('directoryUnits', undefined);
    assert.ok(units.ok && (units.value as Unit[]).every((u) => u.notices.length === 0), 'nothing was stored');
  } finally {
    done();
  }
  const without = await services(false);
  try {
    const r = await without.s.dispatch('directoryAddNotice', { unitId: without.kansli.id, text: 'ok' });
    assert.ok(!r.ok && r.error.code === 'handler-failed' && /No operator/.test(r.error.message));
  } finally {
    without.done();
  }
});

test('the store hides expired notices by the clock (sends upcoming ones for the card to show at their start), and purges old removed and expired rows', () => {
  const db = new Database(':memory:');
  const log = createMemoryLogger();
  runMigrations(db, directoryMigrations, log);
  let now = Date.parse('2026-11-02T10:00:00Z');
  const store = createUnitNoticeStore(db, log, () => now);
  const unit: Unit = { id: 'u1', name: 'Kansli', kind: 'unit', municipality: 'essunga', openingHours: [], notices: [] };
  const iso = (ms: number) => new Date(ms).toISOString();
  const a = store.add({ unitId: 'u1', text: 'until noon', validTo: '2026-11-02T12:00:00Z' }, 'op1');
  store.add({ unitId: 'u1', text: 'from tomorrow', validFrom: '2026-11-03T00:00:00Z' }, 'op1');
  const c = store.add({ unitId: 'u1', text: 'open-ended' }, 'op2');
  store.add({ unitId: 'other', text: 'another unit' }, 'op1');
  const texts = () => store.overlay([unit])[0]!.notices.map((n) => n.text);
  assert.deepEqual(texts(), ['until noon', 'from tomorrow', 'open-ended']);
  assert.deepEqual(
    activeNotices(store.overlay([unit])[0]!.notices, now).map((n) => n.text),
    ['until noon', 'open-ended'],
    'the card does not show the upcoming one yet',
  );
  now = Date.parse('2026-11-02T12:00:01Z');
  assert.deepEqual(texts(), ['from tomorrow', 'open-ended'], 'expired: hidden without anyone removing it');
  now = Date.parse('2026-11-03T08:00:00Z');
  assert.deepEqual(texts(), ['from tomorrow', 'open-ended']);
  assert.equal(store.remove(c.id, 'op1'), true);
  assert.deepEqual(texts(), ['from tomorrow']);
  assert.equal(db.prepare('SELECT removed_by FROM unit_notices WHERE id = ?').pluck().get(c.id), 'op1', 'who removed it is kept');

  store.setHours({ unitId: 'u1', weekly: [], override: { from: '2026-11-01', to: '2026-11-02' } }, 'op1');
  assert.equal(store.overlay([unit])[0]!.hoursOverride, undefined, 'a past override is hidden');
  store.setHours({ unitId: 'u1', weekly: [], override: { from: '2026-11-01', to: '2026-11-30' } }, 'op1');
  assert.deepEqual(store.overlay([unit])[0]!.hoursOverride, { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(store.overlay([unit])[0]!.openingHours, [], 'no weekly hours recorded: the source’s stay');

  assert.equal(store.purge(), 0, 'nothing old enough yet');
  now += NOTICE_RETENTION_MS + 24 * 3600_000;
  assert.equal(store.purge(), 2, 'the expired and the removed notice');
  assert.deepEqual(db.prepare('SELECT text FROM unit_notices ORDER BY text').pluck().all() as string[], ['another unit', 'from tomorrow']);
  assert.ok(iso(now));
  assert.equal(a.enteredBy, 'op1');
  db.close();
});
