// A start with a cached directory loads the index stored with the cache instead of rebuilding it,
// but only an index built from exactly the cached entries (same generation, same format); and the
// directory's own opener defers the integrity check without losing corrupt-file recovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSearchIndex, type DirectoryEntry } from '../../common/directory/searchIndex';
import { toHit } from '../../common/directory/card';
import { deriveUnits } from '../../common/directory/units';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createDirectoryCache } from '../../main/services/directory/cache';
import { diffSnapshot } from '../../main/services/directory/diff';
import { createDirectoryService } from '../../main/services/directory/service';
import { createMemoryLogger } from '../../main/services/log/logger';
import { toCsv } from '../../lab/demo-org/generate';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

const QUERIES = ['a', 'an', 'and', 'anders', 'andersson a', 'ka', 'carlsson', 'philip', 'rektor', 'kom s', 'x', 'ö', '0512', '2', ''];

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-index-'));
  const file = path.join(dir, 'directory.sqlite');
  const snap = demoSnapshot(2000, 3);
  const open = () => {
    const log = createMemoryLogger();
    const opened = openDirectoryDatabase(file, log);
    return { ...opened, log, service: createDirectoryService({ db: opened.db, sources: [], log }) };
  };
  return { dir, file, snap, open };
}

/** What a freshly built index over the cache's current rows answers. */
function fresh(db: Parameters<typeof createDirectoryCache>[0]) {
  const { persons, units, shared } = createDirectoryCache(db).load();
  const entries: DirectoryEntry[] = [...persons.map((value): DirectoryEntry => ({ kind: 'person', value })), ...shared.map((value): DirectoryEntry => ({ kind: 'shared', value }))];
  return buildSearchIndex(entries, units);
}

const same = (service: ReturnType<typeof createDirectoryService>, reference: ReturnType<typeof buildSearchIndex>, people: string[]) => {
  for (const q of [...QUERIES, ...people]) {
    assert.deepEqual(service.search(q, undefined, 50), reference.search(q, undefined, 50).map(toHit), `search "${q}"`);
    assert.deepEqual(service.search(q, { municipality: 'grastorp' }, 50), reference.search(q, { municipality: 'grastorp' }, 50).map(toHit), `search "${q}" grastorp`);
  }
};

test('a reopened cache uses its stored index, which answers exactly like a fresh build', () => {
  const { dir, snap, open } = setup();
  const first = open();
  assert.equal(first.service.importCsv(toCsv(snap.persons as never)).ok, true);
  first.db.close();

  const again = open();
  assert.ok(
    again.log.lines.some((l) => l.includes('directory.index-loaded')),
    'loaded, not built',
  );
  assert.ok(!again.log.lines.some((l) => l.includes('directory.index-built')));
  const people = snap.persons.filter((_, i) => i % 97 === 0).flatMap((p) => [p.surname, `${p.surname} ${p.givenName.slice(0, 2)}`]);
  same(again.service, fresh(again.db), people);
  const p = snap.persons.find((x) => !x.protectedIdentity && x.directNumber)!;
  assert.equal(again.service.lookupNumber(p.directNumber!)[0]?.card.id, p.id);
  const hidden = snap.persons.find((x) => x.protectedIdentity && x.directNumber);
  if (hidden) assert.deepEqual(again.service.lookupNumber(hidden.directNumber!), [], 'a protected identity stays hidden');
  again.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a start with a stored index reads no entry until a search needs it, and then only the hits', () => {
  const { dir, snap, open } = setup();
  const first = open();
  assert.equal(first.service.importCsv(toCsv(snap.persons as never)).ok, true);
  const units = first.service.units();
  assert.ok(units.length > 0);
  // Break one person's stored row behind the index's back (the generation stays): a start that
  // parsed every row would fail or rebuild; a lazy one only fails a search that shows that person.
  const victim = snap.persons[10]!;
  const changed = first.db.prepare("UPDATE directory_entries SET data = '{' WHERE kind = 'person' AND id = ?").run(victim.id).changes;
  assert.equal(changed, 1);
  first.db.close();

  const again = open();
  assert.ok(
    again.log.lines.some((l) => l.includes('directory.index-loaded')),
    'loaded, not built',
  );
  assert.equal(again.service.status().entries, snap.persons.length);
  assert.deepEqual(again.service.units(), units, 'the units come with the stored index');
  const other = snap.persons.find((p) => p.surname !== victim.surname && p.givenName !== victim.givenName && !p.protectedIdentity)!;
  assert.ok(again.service.search(`${other.surname} ${other.givenName}`).some((h) => h.card.id === other.id));
  assert.throws(() => again.service.search(`${victim.surname} ${victim.givenName}`), 'the broken row is read only when it is a hit');
  again.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a stored index is not used once the entries changed, nor when it is unreadable', () => {
  const { dir, snap, open } = setup();
  const first = open();
  assert.equal(first.service.importCsv(toCsv(snap.persons as never)).ok, true);
  // Another writer changes the entries without storing an index (as a crash before the store would).
  const derived = deriveUnits(snap.persons.slice(0, 500), snap.units);
  const cache = createDirectoryCache(first.db);
  cache.apply('other', diffSnapshot(new Map(), { persons: derived.persons.map((p) => ({ ...p, id: `X${p.id}`, surname: 'Zetterlund' })), units: [], shared: [] }), new Date().toISOString());
  first.db.close();

  const stale = open();
  assert.ok(
    stale.log.lines.some((l) => l.includes('directory.index-built')),
    'rebuilt, the stored one is stale',
  );
  assert.equal(stale.service.status().entries, snap.persons.length + 500);
  same(stale.service, fresh(stale.db), ['zetterlund', 'zett a']);
  // Garbage in the stored index: rebuilt, and searches still work.
  stale.db.prepare("UPDATE directory_index SET data = x'0100000000'").run();
  stale.db.close();
  const garbage = open();
  assert.ok(garbage.log.lines.some((l) => l.includes('directory.index-built')));
  same(garbage.service, fresh(garbage.db), ['zetterlund']);
  garbage.db.close();
  const healed = open();
  assert.ok(
    healed.log.lines.some((l) => l.includes('directory.index-loaded')),
    'the rebuilt index was stored again',
  );
  healed.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the directory opener defers the integrity check and still moves a broken file aside', () => {
  const { dir, file, open } = setup();
  const ok = open();
  assert.equal(ok.checkIntegrity(), undefined);
  ok.db.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.writeFileSync(file, 'this is not a database, just text that is long enough');
  const broken = open();
  assert.ok(broken.recovered, 'moved aside');
  assert.ok(fs.existsSync(broken.recovered!.backupPath));
  assert.equal(broken.service.status().entries, 0);
  assert.equal(broken.checkIntegrity(), undefined);
  broken.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
