// Search that forgives the caller (issue 11): one typo in a long word, municipality and place
// words, the subscriber part of a number and 46… without +, and nothing at all for a query that
// names nobody. Each rule on hand-written people, then on the demo organisation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearchIndex, buildSearchIndexData, type DirectoryEntry, type SearchIndex } from '../../common/directory/searchIndex';
import { deriveUnits } from '../../common/directory/units';
import { fuzzyRanges, nearPrefixOf, oneEditAway } from '../../common/directory/fuzzy';
import { placeMatch } from '../../common/directory/places';
import { tokenize } from '../../common/directory/normalize';
import { storedNumberKey, subscriberKey } from '../../common/directory/phone';
import { Person, type PersonInput, type SharedNumber } from '../../common/directory/model';
import { demoSnapshot } from '../fixtures/directory/demoOrg';
import { loadQuerySet } from '../fixtures/directory/queries.rules';

const person = (id: string, givenName: string, surname: string, extra: Partial<PersonInput> = {}): Person =>
  Person.parse({ id, givenName, surname, municipality: 'essunga', forvaltning: 'Kommunledningsförvaltningen', unit: 'Ekonomi', ...extra });

const PEOPLE = [
  person('andersson', 'Anna', 'Andersson', { directNumber: '+4651257012', extension: '2012' }),
  person('andre', 'André', 'Lind'),
  person('gustafsson', 'Erik', 'Gustafsson', { municipality: 'grastorp', unit: 'Kost', forvaltning: 'Samhällsbyggnadsförvaltningen' }),
  person('sjoberg', 'Karin', 'Sjöberg', { mobile: '+46701234567' }),
  person('skola', 'Eva', 'Berg', { unit: 'Nossebroskolan', forvaltning: 'Barn- och utbildningsförvaltningen', roleWords: ['skola'] }),
  person('tengene', 'Maria', 'Holm', { municipality: 'grastorp', unit: 'Tengeneskolan', forvaltning: 'Barn- och utbildningsförvaltningen', roleWords: ['skola'] }),
  person('annag', 'Anna', 'Larsson', { municipality: 'grastorp', unit: 'Hemtjänst', forvaltning: 'Socialförvaltningen', directNumber: '+46514580012' }),
  person('hidden', 'Hemlig', 'Person', { protectedIdentity: true, directNumber: '+46512579999', mobile: '+46709998877', extension: '2999' }),
];
const SHARED: SharedNumber[] = [{ id: 'rec', name: 'Ekonomi reception', kind: 'reception', municipality: 'essunga', number: '+46512570500', roleWords: [], notes: '' }];

function indexOf(people: Person[], shared: SharedNumber[] = []): SearchIndex {
  const { persons, units } = deriveUnits(people);
  return buildSearchIndex([...persons.map((value): DirectoryEntry => ({ kind: 'person', value })), ...shared.map((value): DirectoryEntry => ({ kind: 'shared', value }))], units);
}
const index = indexOf(PEOPLE, SHARED);
const ids = (q: string, filters?: Parameters<SearchIndex['search']>[1]) => index.search(q, filters).map((h) => h.entry.value.id);

test('one wrong, missing, extra or swapped letter in a word of five letters or more still finds the person', () => {
  for (const q of ['Andersdon', 'Bndersson', 'Andrsson', 'Anderssson', 'Nandersson', 'Adnersson', 'nAdersson', 'Andesrson']) {
    assert.ok(ids(q).includes('andersson'), q);
  }
  // While it is still being typed.
  for (const q of ['Andresso', 'Andres', 'andrs', 'Gustafso', 'Gusatfs', 'Sjöbreg']) assert.ok(ids(q).length > 0 && ids(q).some((id) => id !== 'andre'), q);
  assert.ok(ids('Andresso').includes('andersson'));
  assert.ok(ids('Sjöbreg').includes('sjoberg'));
  assert.ok(ids('anna andresson').includes('andersson'), 'in a query of several words');
  // Short words are taken as typed: a one-letter change in four letters is another name.
  assert.deepEqual(ids('Lnid'), []);
});

test('the definite form of a word finds the word: hemtjänsten, kansliet, rektorerna', () => {
  const people = [person('hemtjanst', 'Anna', 'Holm', { unit: 'Hemtjänst' }), person('kansli', 'Eva', 'Berg', { unit: 'Kansli' }), person('rektor', 'Per', 'Lind', { title: 'rektor' })];
  const idx = indexOf(people);
  const found = (q: string) => idx.search(q).map((h) => h.entry.value.id);
  assert.deepEqual(found('hemtjänsten'), ['hemtjanst']);
  assert.deepEqual(found('kansliet'), ['kansli']);
  assert.deepEqual(found('rektorerna'), ['rektor']);
  assert.deepEqual(found('rektorn'), ['rektor'], 'one letter more is the typo rule');
  assert.deepEqual(found('polisen'), [], 'a stem that is no word finds nothing');
});

test('a typo match ranks below exact, prefix and variant matches', () => {
  const hits = indexOf([person('exact', 'Anna', 'Andersson'), person('variant', 'Anna', 'Anderson'), person('typo', 'Anna', 'Amdersson')]).search('andersso');
  assert.deepEqual(
    hits.map((h) => h.entry.value.id),
    ['exact', 'variant', 'typo'],
  );
  assert.ok(hits[1]!.score > hits[2]!.score);
  // A word that is itself a word of the directory is meant as it is.
  assert.deepEqual(ids('andre'), ['andre']);
});

test('fuzzy results come only from real terms within one edit of a prefix; gibberish stays empty', () => {
  const { persons, units } = deriveUnits(demoSnapshot(2000).persons);
  const data = buildSearchIndexData(
    persons.map((value): DirectoryEntry => ({ kind: 'person', value })),
    units,
  );
  const labelled = loadQuerySet()
    .cases.flatMap((c) => tokenize(c.query))
    .filter((w) => w.length >= 5 && /^[a-z]+$/.test(w));
  for (const word of ['andresso', 'gustavsso', 'sjobreg', 'karlssno', 'xqjvbn', 'zzzzzz', 'qwrtpsd', ...new Set(labelled)]) {
    const ranges = fuzzyRanges(data.ex.terms, word, 0, 0);
    for (let i = 0; i < ranges.length; i += 2) {
      for (let t = ranges[i]!; t < ranges[i + 1]!; t++) assert.ok(nearPrefixOf(word, data.ex.terms[t]!), `${word} ~ ${data.ex.terms[t]}`);
    }
    // And every term within one edit is found.
    const near = data.ex.terms.filter((t) => nearPrefixOf(word, t));
    let count = 0;
    for (let i = 0; i < ranges.length; i += 2) count += ranges[i + 1]! - ranges[i]!;
    assert.equal(count, near.length, word);
  }
  assert.ok(oneEditAway('andre').has('ander'), 'a swap');
  assert.ok(!oneEditAway('andre').has('andre'));
  assert.deepEqual(fuzzyRanges(data.ex.terms, 'anna', 0, 0), [], 'four letters: no fuzzy');
});

test('municipality and place names are words of every entry; "kommun" is noise', () => {
  assert.deepEqual(ids('anna grästorp'), ['annag']);
  assert.deepEqual(ids('anna essunga'), ['andersson']);
  assert.deepEqual(ids('essunga kommun ekonomi').sort(), ['andersson', 'andre', 'hidden', 'rec', 'sjoberg']);
  assert.deepEqual(ids('grästorps kommun kost'), ['gustafsson']);
  assert.equal(ids('nossebro skola')[0], 'skola', 'the Nossebro school first');
  assert.ok(!ids('nossebro skola').includes('tengene'), 'Tengene is in Grästorp');
  assert.deepEqual(ids('tengene skola'), ['tengene']);
  assert.deepEqual(ids('anna flakeberg'), ['annag']);
  // Typing the place never empties the list on the way.
  const typed = 'anna grästorp';
  for (let k = 'anna '.length + 1; k <= typed.length; k++) assert.ok(ids(typed.slice(0, k)).includes('annag'), typed.slice(0, k));
  // A place word and a filter of the other municipality: nobody.
  assert.deepEqual(ids('anna grästorp', { municipality: 'essunga' }), []);
  assert.deepEqual(placeMatch('kom'), { mask: 0, whole: false }, '"kom" is still just a prefix');
  assert.equal(placeMatch('kommun').mask, 3);
  assert.equal(placeMatch('grastrop').mask, 2, 'a typo in a place name');
});

test('numbers: the subscriber part with or without spaces, 46… without +, and every older form', () => {
  for (const q of ['570 12', '57012', '0512-570 12', '+46 512 570 12', '0046512 57012', '4651257012', '46 512 570 12', '2012']) {
    assert.equal(ids(q)[0], 'andersson', q);
  }
  assert.equal(ids('123 45 67')[0], 'sjoberg', 'the subscriber part of a mobile');
  assert.equal(ids('58 00 12')[0], 'annag');
  assert.ok(ids('570').includes('andersson'), 'a subscriber part being typed');
  assert.equal(index.search('2012')[0]!.field, 'extension', 'an extension still beats a subscriber part');
  assert.equal(subscriberKey('+46512570123'), '570123');
  assert.equal(subscriberKey('+4651257012'), '57012');
  assert.equal(subscriberKey('+4722222222'), undefined);
});

test("a protected identity's numbers are in no number key, the subscriber part included", () => {
  for (const q of ['579999', '57 99 99', '998 87 77', '9988777', '46512579999', '0512-57 99 99', '2999']) assert.deepEqual(ids(q), [], q);
  const { persons, units } = deriveUnits(PEOPLE);
  const data = buildSearchIndexData(
    persons.map((value): DirectoryEntry => ({ kind: 'person', value })),
    units,
  );
  for (const n of ['+46512579999', '+46709998877']) {
    assert.ok(!data.numKeys.includes(storedNumberKey(n)));
    assert.ok(!data.subKeys.includes(subscriberKey(n)!));
  }
  assert.deepEqual(ids('hemlig person'), ['hidden'], 'still found by name');
});

test('a query that names nobody returns nothing; only an empty one browses', () => {
  for (const q of ['!!!', '?', '...', '-', '()', '🙂', '👍🏼', '—', '«»', 'zzzz', 'aaaa', 'zzzzzz', 'ssss', 'ååå', 'xqzv', 'qwrtpz', 'anna zzzz']) {
    assert.deepEqual(ids(q), [], JSON.stringify(q));
  }
  assert.ok(ids('').length > 0, 'the empty query browses');
  assert.ok(ids('   ').length > 0, 'so does whitespace');
  assert.deepEqual(ids('', { municipality: 'grastorp' }).sort(), ['annag', 'gustafsson', 'tengene']);
  assert.deepEqual(tokenize('!!! 🙂'), []);
});
