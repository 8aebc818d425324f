// The renderer's copy of the directory (common/directory/snapshot.ts): what main ships decodes to
// an index that answers like main's own search, and it holds none of a protected identity's
// numbers, e-mail or notes (P-SECRECY), neither after an import nor after a start from the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeBase64Into, openSnapshot } from '../../common/directory/snapshot';
import { decodeStoredIndex } from '../../common/directory/indexCodec';
import { storedNumberKey } from '../../common/directory/phone';
import type { Person } from '../../common/directory/model';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createDirectoryService, type DirectoryService } from '../../main/services/directory/service';
import { createMemoryLogger } from '../../main/services/log/logger';
import { toCsv } from '../../lab/demo-org/generate';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

const SECRET_NOTE = 'Zqxvortbostad';
const SECRET_MAIL = 'hemligqzpost@essunga.se';

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-snapshot-'));
  const file = path.join(dir, 'directory.sqlite');
  const snap = demoSnapshot(3000, 5);
  // One protected identity with every kind of data that must stay in main.
  const secret: Person = { ...snap.persons.find((p) => p.directNumber && p.extension && p.mobile)! };
  Object.assign(secret, { protectedIdentity: true, email: SECRET_MAIL, notes: `Skyddad adress ${SECRET_NOTE}` });
  const persons = snap.persons.map((p) => (p.id === secret.id ? secret : p));
  const open = () => {
    const log = createMemoryLogger();
    const opened = openDirectoryDatabase(file, log);
    return { ...opened, log, service: createDirectoryService({ db: opened.db, sources: [], log }) };
  };
  return { dir, persons, secret, open };
}

/** Every part, as the renderer fetches them, joined. */
function fetchSnapshot(service: DirectoryService): Uint8Array {
  const first = service.snapshotPart(0)!;
  assert.ok(first, 'a snapshot');
  const bytes = new Uint8Array(first.bytes);
  let offset = 0;
  for (let part = 0; part < first.parts; part++) {
    const p = service.snapshotPart(part)!;
    assert.equal(p.generation, first.generation);
    offset += decodeBase64Into(p.data, bytes, offset);
  }
  assert.equal(offset, bytes.length);
  assert.equal(service.snapshotPart(first.parts), null);
  return bytes;
}

function assertNoSecrets(bytes: Uint8Array, persons: readonly Person[], secret: Person) {
  const text = new TextDecoder('latin1').decode(bytes);
  const protectedOnes = persons.filter((p) => p.protectedIdentity);
  assert.ok(protectedOnes.length > 3, 'the demo has protected identities');
  for (const p of protectedOnes) {
    for (const n of [p.directNumber, p.mobile].filter((x): x is string => !!x)) {
      assert.ok(!text.includes(n), `${p.id}: number ${n} shipped`);
      assert.ok(!text.includes(n.slice(1)), `${p.id}: number digits ${n} shipped`);
      assert.ok(!text.includes(storedNumberKey(n)), `${p.id}: number key of ${n} shipped`);
      assert.ok(!text.includes(`0${n.slice(3)}`), `${p.id}: national number ${n} shipped`);
    }
    if (p.email) assert.ok(!text.includes(p.email), `${p.id}: e-mail shipped`);
    if (p.sipUri) assert.ok(!text.includes(p.sipUri), `${p.id}: SIP URI shipped`);
  }
  for (const word of [SECRET_NOTE, 'hemligqzpost', SECRET_MAIL]) assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `"${word}" shipped`);

  const decoded = decodeStoredIndex(bytes)!;
  assert.ok(decoded);
  for (const terms of [decoded.data.ex.terms, decoded.data.va.terms]) assert.ok(!terms.some((t) => t.includes('zqxvort') || t.includes('hemligqz')), 'secret words are no terms');

  const local = openSnapshot(bytes)!;
  assert.ok(local);
  // Found by name, with the warning and nothing to call.
  const found = local.index.search(`${secret.surname} ${secret.givenName}`, undefined, 200).find((h) => h.entry.id === secret.id);
  assert.ok(found, 'the protected identity is found by name');
  assert.equal(found.entry.warning, 'protected-identity');
  assert.deepEqual(found.entry.numbers, []);
  assert.equal(found.entry.notes, '');
  assert.equal(found.entry.email, undefined);
  // Not by its notes, e-mail, numbers or extension.
  assert.equal(local.index.search(SECRET_NOTE).length, 0);
  assert.equal(local.index.search('hemligqzpost').length, 0);
  for (const p of protectedOnes) {
    for (const n of [p.directNumber, p.mobile, p.extension].filter((x): x is string => !!x)) {
      assert.ok(!local.index.search(n, undefined, 500).some((h) => h.entry.id === p.id), `${p.id} found by ${n}`);
      assert.ok(!local.index.lookupNumber(n).some((h) => h.entry.id === p.id), `${p.id} looked up by ${n}`);
    }
  }
}

const QUERIES = ['a', 'an', 'and', 'anders', 'andersson a', 'ka', 'kar', 'carlsson', 'rektor', 'kom s', 'bygg', 'x', 'ö', 'å', '0512', '2', '20', ''];

function assertSameAsMain(service: DirectoryService, bytes: Uint8Array, persons: readonly Person[]) {
  const local = openSnapshot(bytes)!;
  const queries = [...QUERIES, ...persons.filter((_, i) => i % 131 === 0).flatMap((p) => [p.surname.slice(0, 2), p.surname, `${p.surname} ${p.givenName.slice(0, 1)}`])];
  const filters = [undefined, { municipality: 'grastorp' as const }, { kind: 'person' as const }];
  for (const q of queries) {
    for (const f of filters) {
      const main = service.search(q, f, 100);
      const here = local.index.search(q, f, 100);
      const show = (c: { id: string; name: string; title: string; unit: string; forvaltning: string; municipality: string; warning?: string; numbers: { kind: string; value: string }[] }) =>
        [c.id, c.name, c.title, c.unit, c.forvaltning, c.municipality, c.warning ?? '', c.numbers.find((n) => n.kind === 'extension')?.value ?? ''].join('|');
      assert.deepEqual(
        here.map((h) => show(h.entry)),
        main.map((h) => show(h.card)),
        `"${q}" ${JSON.stringify(f)}`,
      );
      assert.deepEqual(
        here.map((h) => h.field),
        main.map((h) => h.matched),
        `"${q}" fields`,
      );
    }
  }
}

test("the shipped snapshot answers like main and holds none of a protected identity's numbers, e-mail or notes", () => {
  const { dir, persons, secret, open } = setup();
  try {
    const first = open();
    const report = first.service.importCsv(toCsv(persons as never));
    assert.equal(report.ok, true, JSON.stringify(report.rejected.slice(0, 3)));
    const built = fetchSnapshot(first.service);
    assertNoSecrets(built, persons, secret);
    assertSameAsMain(first.service, built, persons);
    // The full card comes from main, with the protected rule.
    const card = first.service.card('person', secret.id)!;
    assert.equal(card.warning, 'protected-identity');
    assert.deepEqual(card.numbers, []);
    const open1 = persons.find((p) => !p.protectedIdentity && p.directNumber)!;
    assert.ok(first.service.card('person', open1.id)!.numbers.some((n) => n.value === open1.directNumber));
    assert.equal(first.service.card('shared', open1.id), null);
    first.db.close();

    // A start from the cache ships the stored snapshot: the same bytes.
    const again = open();
    assert.ok(
      again.log.lines.some((l) => l.includes('directory.index-loaded')),
      'loaded, not built',
    );
    const stored = fetchSnapshot(again.service);
    assert.deepEqual(stored, built);
    assertNoSecrets(stored, persons, secret);
    assertSameAsMain(again.service, stored, persons);
    assert.equal(again.service.card('person', secret.id)!.warning, 'protected-identity');
    again.db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
