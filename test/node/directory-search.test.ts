import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearchIndex, type DirectoryEntry } from '../../common/directory/searchIndex';
import { deriveUnits } from '../../common/directory/units';
import { fold, variantKey } from '../../common/directory/normalize';
import { PEOPLE } from '../fixtures/directory/people';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

const { persons, units } = deriveUnits(PEOPLE);
const index = buildSearchIndex(
  persons.map((value): DirectoryEntry => ({ kind: 'person', value })),
  units,
);
const ids = (q: string, filters?: Parameters<typeof index.search>[1]) => index.search(q, filters).map((h) => h.entry.value.id);

test('folding: case and Swedish letters and accents do not matter', () => {
  assert.equal(fold('Åsa Sjögren Renée ÄNGEL'), 'asa sjogren renee angel');
  assert.deepEqual(ids('asa'), ['p1']);
  assert.deepEqual(ids('sjogren'), ['p1']);
  assert.deepEqual(ids('SJÖG'), ['p1']);
  assert.deepEqual(ids('andre'), ['p2']);
  assert.deepEqual(ids('renee'), ['p5']);
});

test('prefix of any word, in any order, narrows with every key', () => {
  assert.ok(ids('a').length >= 3);
  assert.deepEqual(ids('sj å'), ['p1']);
  assert.deepEqual(ids('Sjögren Å'), ['p1']);
  assert.deepEqual(ids('sjögren x'), []);
});

test('spelling variants: Carlsson/Karlsson, Philip/Filip, Persson/Pehrsson, -son/-sson', () => {
  assert.equal(variantKey('carlsson'), variantKey('karlsson'));
  assert.equal(variantKey('philip'), variantKey('filip'));
  assert.equal(variantKey('pehrsson'), variantKey('persson'));
  assert.ok(ids('Carlsson').includes('p2'));
  const filip = ids('Filip');
  assert.ok(filip.includes('p3') && filip.includes('p4'));
  assert.equal(filip[0], 'p3', 'the exact spelling ranks first');
  const philip = ids('Philip');
  assert.equal(philip[0], 'p4');
  assert.ok(philip.includes('p3'));
  assert.deepEqual(ids('Pehrsson').slice(0, 2), ['p4', 'p3']);
  assert.ok(ids('Persson').includes('p4'));
  assert.ok(ids('Nilsson').includes('p5'), 'Nilson is found as Nilsson');
  assert.ok(ids('Karlson').includes('p2'));
});

test('role words find the person, and say they matched', () => {
  const hits = index.search('bygglov');
  assert.deepEqual(
    hits.map((h) => h.entry.value.id),
    ['p3'],
  );
  assert.equal(hits[0]!.field, 'role');
  assert.deepEqual(ids('rektor haga'), ['p6']);
});

test('numbers written any way find their owner', () => {
  for (const q of ['0512-57 20 01', '+46 512 57 20 01', '0046512572001', '0512572001', '2001', '070-123 45 67']) {
    assert.deepEqual(ids(q), ['p1'], q);
  }
  assert.ok(ids('0512-57').includes('p1'), 'a partly typed number is a prefix');
  assert.deepEqual(index.search('2001')[0]!.field, 'extension');
});

test('an incoming caller is matched by exact number, extension or SIP URI', () => {
  const one = (raw: string) => index.lookupNumber(raw).map((h) => h.entry.value.id);
  assert.deepEqual(one('+46512572001'), ['p1']);
  assert.deepEqual(one('sip:+46512572001@pbx.vaxel.lab;user=phone'), ['p1']);
  assert.deepEqual(one('sip:2001@pbx.vaxel.lab'), ['p1']);
  assert.deepEqual(one('0514-58 00 01'), ['p8']);
  assert.deepEqual(one('0512-57'), [], 'lookup is exact, not a prefix');
  assert.deepEqual(one('+4631000000'), []);
});

test('a protected identity is found by name but never by its numbers', () => {
  assert.deepEqual(ids('skyddadsson'), ['p7']);
  assert.deepEqual(ids('2077'), []);
  assert.deepEqual(ids('0709999999'), []);
  assert.deepEqual(index.lookupNumber('+46512572077'), []);
});

test('filters by municipality and unit', () => {
  assert.deepEqual(ids('p', { municipality: 'grastorp' }).sort(), ['p3', 'p4']);
  assert.ok(!ids('p', { municipality: 'essunga' }).includes('p3'));
  const fv = units.find((u) => u.name === 'Samhällsbyggnadsförvaltningen')!;
  assert.deepEqual(ids('', { unitId: fv.id }), ['p3'], 'a förvaltning includes its units');
  const vaxeln = (m: string) => units.find((u) => u.name === 'Växeln' && u.municipality === m)!.id;
  assert.deepEqual(ids('filip', { unitId: vaxeln('grastorp') }), ['p4']);
  assert.deepEqual(ids('filip', { unitId: vaxeln('essunga') }), []);
});

test('on the demo organisation, every person is found by a prefix of their surname and given name', () => {
  const snap = demoSnapshot(2000);
  const idx = buildSearchIndex([...snap.persons.map((value): DirectoryEntry => ({ kind: 'person', value })), ...snap.shared.map((value): DirectoryEntry => ({ kind: 'shared', value }))], snap.units);
  for (const p of snap.persons.slice(0, 300)) {
    const q = `${p.surname.slice(0, 4)} ${p.givenName.slice(0, 3)} ${p.unit.split(/\s/)[0]}`;
    const found = idx.search(q, { municipality: p.municipality }, 500).map((h) => h.entry.value.id);
    assert.ok(found.includes(p.id), `${p.id} by "${q}"`);
  }
  const reception = snap.shared.find((s) => s.kind === 'reception')!;
  assert.equal(idx.lookupNumber(reception.number!)[0]!.entry.value.id, reception.id);
});
