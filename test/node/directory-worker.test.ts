// Index builds and syncs in the directory's worker thread (issue 11 point 4): the same cache, the
// same stored index and the same answers as the inline way; a worker that exits, throws, crashes or
// answers garbage half-way leaves the previous cache and index in place and says why; searches are
// answered while a sync runs; and the console's scheduled sync runs through the worker on time.
// Real SQLite files, real CSV files, real worker threads (from source, under tsx).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoOrg, toCsv } from '../../lab/demo-org/generate';
import type { Person } from '../../lab/demo-org/types';
import { createDirectoryCache } from '../../main/services/directory/cache';
import { createConsoleDirectory } from '../../main/services/directory/consoleDirectory';
import { createCsvFileSource } from '../../main/services/directory/csvFileSource';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createDirectoryService, type DirectoryService } from '../../main/services/directory/service';
import { typeScriptWorker } from '../../main/services/directory/workerClient';
import { createContractEvents } from '../../main/services/app/events';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { createSettingsService } from '../../main/services/settings/settingsService';
import type { TimerClock } from '../../main/services/directory/scheduler';
import type { Fault } from '../fixtures/directory/faultyDirectoryWorker';
import { sampleSettings } from './settings.fixture';

const QUERIES = ['a', 'an', 'anders', 'andersson a', 'ka', 'rektor', 'kom s', 'ö', '0512', '2', 'x', ''];
const NOW = { now: () => Date.parse('2026-03-02T08:00:00Z') };
const org = generateDemoOrg({ size: 2000 });
const people = org.people;
// The next export: a hundred people have left and one has a new surname.
const nextPeople: Person[] = people.slice(100).map((p, i) => (i === 0 ? { ...p, surname: 'Nyberg' } : p));

const faulty = (fault: Fault) => typeScriptWorker(new URL('../fixtures/directory/faultyDirectoryWorker.ts', import.meta.url), { fault });

function setup(rows: Person[] = people) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-worker-'));
  const csv = path.join(dir, 'hr.csv');
  fs.writeFileSync(csv, toCsv(rows));
  const open = (name: string, mode: 'inline' | 'worker' | Fault) => {
    const file = path.join(dir, `${name}.sqlite`);
    const log = createMemoryLogger();
    const { db } = openDirectoryDatabase(file, log);
    const worker = mode === 'inline' ? undefined : { file, ...(mode === 'worker' ? {} : { script: faulty(mode) }) };
    const service = createDirectoryService({ db, sources: [createCsvFileSource(csv)], log, clock: NOW, ...(worker ? { worker } : {}) });
    return { file, db, log, service, cache: createDirectoryCache(db) };
  };
  return { dir, csv, open, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const answers = (s: DirectoryService) => QUERIES.map((q) => s.search(q, undefined, 20));
const snapshotOf = (s: DirectoryService) => {
  const parts: string[] = [];
  for (let i = 0, p = s.snapshotPart(0); p; p = s.snapshotPart(++i)) parts.push(p.data);
  return parts.join('');
};

test('a sync through the worker writes the same cache, stores the same index and answers the same as inline', async () => {
  const t = setup();
  try {
    const inline = t.open('inline', 'inline');
    const viaWorker = t.open('worker', 'worker');
    const a = await inline.service.syncNow();
    const b = await viaWorker.service.syncNow();
    assert.deepEqual(b, a);
    assert.equal(b.sources[0]!.added, 2000, 'the CSV export has people only');
    assert.ok(
      viaWorker.log.lines.some((l) => l.includes('"directory.index-built"') && l.includes('"in":"worker"')),
      'built in the worker',
    );
    assert.ok(!inline.log.lines.some((l) => l.includes('"in":"worker"')));

    assert.deepEqual(viaWorker.cache.load(), inline.cache.load(), 'the same rows');
    assert.deepEqual(viaWorker.cache.sources(), inline.cache.sources(), 'the same sync marks');
    assert.equal(viaWorker.cache.generation(), inline.cache.generation());
    assert.ok(Buffer.from(viaWorker.cache.storedIndex()!.data).equals(Buffer.from(inline.cache.storedIndex()!.data)), 'the same stored index');
    const expected = answers(inline.service);
    assert.ok(expected[2]!.length > 0, 'the queries find people');
    assert.deepEqual(answers(viaWorker.service), expected);
    assert.deepEqual(viaWorker.service.lookupNumber('0512'), inline.service.lookupNumber('0512'));
    assert.equal(snapshotOf(viaWorker.service), snapshotOf(inline.service), 'the same snapshot for the renderer');
    const id = people[5]!.id;
    assert.deepEqual(viaWorker.service.card('person', id), inline.service.card('person', id));

    // The next export, through both ways: the diff is the same too.
    fs.writeFileSync(t.csv, toCsv(nextPeople));
    const a2 = await inline.service.syncNow();
    const b2 = await viaWorker.service.syncNow();
    assert.deepEqual(b2, a2);
    assert.equal(b2.sources[0]!.removed, 100);
    assert.equal(b2.sources[0]!.changed, 1);
    assert.deepEqual(viaWorker.cache.load(), inline.cache.load());
    assert.deepEqual(answers(viaWorker.service), answers(inline.service));
    assert.equal(viaWorker.service.search('nyberg').length, inline.service.search('nyberg').length);
    assert.ok(viaWorker.service.search('nyberg').length > 0);
    inline.db.close();
    viaWorker.db.close();
  } finally {
    t.done();
  }
});

test('a start without a stored index builds it in the worker; searches wait for it, then the next start loads it', async () => {
  const t = setup();
  try {
    const first = t.open('start', 'inline');
    await first.service.syncNow();
    const expected = answers(first.service);
    first.db.prepare('DELETE FROM directory_index').run(); // as after an upgrade of the index format
    first.db.close();

    const again = t.open('start', 'worker');
    assert.equal(again.service.status().entries, again.cache.count(), 'the status counts the cache meanwhile');
    await again.service.ready();
    assert.deepEqual(answers(again.service), expected);
    await again.service.snapshotReady();
    assert.ok(snapshotOf(again.service).length > 1000);
    assert.ok(again.log.lines.some((l) => l.includes('"directory.index-built"') && l.includes('"in":"worker"')));
    // wait for the worker to have stored it, then a new start reads it without building
    for (let i = 0; i < 100 && !again.cache.storedIndex(); i++) await new Promise((r) => setTimeout(r, 20));
    again.db.close();
    const third = t.open('start', 'worker');
    assert.ok(third.log.lines.some((l) => l.includes('directory.index-loaded')));
    assert.deepEqual(answers(third.service), expected);
    third.db.close();
  } finally {
    t.done();
  }
});

for (const fault of ['exit-in-apply', 'throw-in-apply', 'crash', 'bad-message'] as const) {
  test(`a worker that fails half-way (${fault}) leaves the previous cache and index, and says why`, async () => {
    const t = setup();
    try {
      const good = t.open('cache', 'worker');
      assert.ok((await good.service.syncNow()).ok);
      const rows = good.cache.load();
      const stored = Buffer.from(good.cache.storedIndex()!.data);
      const before = answers(good.service);
      good.db.close();

      fs.writeFileSync(t.csv, toCsv(nextPeople));
      const bad = t.open('cache', fault);
      assert.deepEqual(answers(bad.service), before, 'the stored index answers');
      const report = await bad.service.syncNow();
      assert.equal(report.ok, false);
      const reason = report.sources[0]!.error ?? '';
      const expectReason = {
        'exit-in-apply': /worker stopped \(exit code 7\)/,
        'throw-in-apply': /injected fault in the middle of writing/,
        crash: /worker crashed/,
        'bad-message': /could not be read/,
      }[fault];
      assert.match(reason, expectReason);
      assert.deepEqual(bad.cache.load(), rows, 'not a row of the half-done sync was kept');
      assert.ok(Buffer.from(bad.cache.storedIndex()!.data).equals(stored), 'the stored index is untouched');
      assert.deepEqual(answers(bad.service), before, 'searches answer from the previous index');
      assert.equal(bad.service.status().lastError?.code, 'failed', 'the status line shows the failure');
      const logged = fault === 'throw-in-apply' ? '"directory.sync-failed"' : '"directory.worker-failed"';
      assert.ok(
        bad.log.lines.some((l) => l.includes(logged)),
        `${logged} is logged`,
      );
      assert.ok(!bad.log.lines.some((l) => l.includes(nextPeople[0]!.surname) || l.includes(nextPeople[1]!.surname)), 'no names in the log');
      bad.db.close();

      // Nothing is left locked or half-written: the real worker applies the export next time.
      const fixed = t.open('cache', 'worker');
      const next = await fixed.service.syncNow();
      assert.ok(next.ok, JSON.stringify(next));
      assert.equal(next.sources[0]!.removed, 100);
      assert.ok(fixed.service.search('nyberg').length > 0);
      fixed.db.close();
    } finally {
      t.done();
    }
  });
}

test('searches are answered from the current index while a sync runs in the worker', async () => {
  const t = setup();
  try {
    const s = t.open('busy', 'worker');
    await s.service.syncNow();
    const before = answers(s.service);
    // a bigger export, so the worker is busy for a while
    const bigger = generateDemoOrg({ size: 20000, seed: 5 }).people;
    fs.writeFileSync(t.csv, toCsv(bigger));
    let finished = false;
    const sync = s.service.syncNow().finally(() => (finished = true));
    assert.equal(s.service.status().syncing, true);
    let answeredDuring = 0;
    let changedDuring = 0;
    while (!finished) {
      await new Promise((r) => setImmediate(r));
      if (finished) break;
      const now = answers(s.service);
      answeredDuring++;
      if (JSON.stringify(now) !== JSON.stringify(before)) changedDuring++;
    }
    const report = await sync;
    assert.ok(report.ok);
    assert.ok(answeredDuring >= 20, `main answered ${answeredDuring} rounds of searches during the sync`);
    assert.ok(changedDuring < answeredDuring, 'the old index answered until the new one came');
    assert.equal(s.service.status().entries, s.cache.count(), 'then the new index answers');
    assert.ok(s.service.search(bigger[0]!.surname).length > 0);
    s.db.close();
  } finally {
    t.done();
  }
});

test('the console syncs on schedule through the worker and tells the renderer', async () => {
  const t = setup();
  const dataDir = path.join(t.dir, 'data');
  const log = createMemoryLogger();
  const settings = createSettingsService({ dir: dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  settings.save({ ...sampleSettings(), directory: { kind: 'csv', path: t.csv } });
  const pending: Array<{ at: number; fn: () => void; id: number }> = [];
  let seq = 0;
  const timers: TimerClock = {
    setTimeout: (fn, ms) => (pending.push({ at: ms, fn, id: ++seq }), seq),
    clearTimeout: (h) =>
      void pending.splice(
        pending.findIndex((p) => p.id === h),
        1,
      ),
  };
  const events = createContractEvents();
  const changes: boolean[] = [];
  events.on('directoryChanged', (p) => changes.push(p.cacheChanged));
  const directory = createConsoleDirectory({ dataDir, settings, events, log, timers, intervalMs: 60_000, integrityCheckDelayMs: 3_600_000 });
  try {
    directory.start();
    assert.equal(pending.length, 1);
    assert.equal(pending[0]!.at, 0, 'an empty cache syncs at once');
    pending.shift()!.fn();
    for (let i = 0; i < 500 && changes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(changes, [true]);
    assert.ok(
      log.lines.some((l) => l.includes('"in":"worker"')),
      'synced in the worker',
    );
    const hits = await directory.handlers.directorySearch({ query: `${people[7]!.surname} ${people[7]!.givenName}` });
    assert.ok(hits.some((h) => h.card.id === people[7]!.id));
    assert.equal(pending.length, 1);
    assert.equal(pending[0]!.at, 60_000, 'the next sync is an interval later');

    fs.writeFileSync(t.csv, toCsv(nextPeople));
    pending.shift()!.fn();
    for (let i = 0; i < 500 && changes.length === 1; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(changes, [true, true]);
    assert.equal((await directory.handlers.directorySearch({ query: 'nyberg' })).length > 0, true);
    assert.equal(directory.service.status().entries, nextPeople.length);
  } finally {
    directory.close();
    t.done();
  }
});
