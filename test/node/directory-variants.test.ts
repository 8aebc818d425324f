// The documented Swedish name variants (the table in common/directory/normalize.ts): each row
// shares one variant key, works while typed (a prefix's key is a prefix of the word's key), and
// finds the other spelling in a search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold, variantKey } from '../../common/directory/normalize';
import { buildSearchIndex, type DirectoryEntry } from '../../common/directory/searchIndex';
import { Person } from '../../common/directory/model';

const ROWS: string[][] = [
  ['Karlsson', 'Carlsson'],
  ['Carl', 'Karl'],
  ['Eriksson', 'Ericsson', 'Erixon'],
  ['Mikael', 'Michael'],
  ['Kristina', 'Christina'],
  ['Filip', 'Philip'],
  ['Sofia', 'Sophia'],
  ['Gustafsson', 'Gustavsson'],
  ['Olof', 'Olov'],
  ['Gustaf', 'Gustav'],
  ['Tomas', 'Thomas'],
  ['Per', 'Pehr'],
  ['Ahlberg', 'Alberg'],
  ['Sjöberg', 'Sjöbergh'],
  ['Lind', 'Lindh'],
  ['Persson', 'Pehrsson'],
  ['Johansson', 'Johanson'],
  ['Nilsson', 'Nilson'],
  ['Pettersson', 'Petersson'],
  ['Lindqvist', 'Lindquist', 'Lindkvist'],
  ['Claesson', 'Klasson'],
  ['Wikström', 'Vikström'],
  ['Zetterberg', 'Setterberg'],
  ['Schön', 'Sjön'],
  ['Stjärna', 'Sjärna'],
  ['Skjöld', 'Sjöld'],
  ['Djurberg', 'Jurberg'],
  ['Hjalmar', 'Jalmar'],
  ['Ljung', 'Jung'],
  ['Schmidt', 'Schmit'],
  ['Söderberg', 'Soderberg'],
  ['Linnéa', 'Linnea'],
  ['Stefan', 'Stephan', 'Steffan'],
  ['Oskar', 'Oscar'],
  ['Viktor', 'Victor'],
  ['Olsson', 'Ohlsson'],
  ['Fredrik', 'Fredric'],
  ['Mohammed', 'Mohamed'],
];

test('every documented variant row shares one key', () => {
  for (const row of ROWS) {
    const keys = new Set(row.map((w) => variantKey(fold(w))));
    assert.equal(keys.size, 1, `${row.join(' / ')}: ${[...keys].join(', ')}`);
  }
});

test('different names stay apart', () => {
  for (const [a, b] of [
    ['Filip', 'Vilip'],
    ['Fredrik', 'Vredrik'],
    ['Berg', 'Björk'],
    ['Hans', 'Hanna'],
    ['Lind', 'Linde'],
    ['Per', 'Pär'],
    ['Anna', 'Ann'],
  ]) {
    assert.notEqual(variantKey(fold(a!)), variantKey(fold(b!)), `${a} / ${b}`);
  }
  assert.equal(variantKey('zzzz'), 'ssss', 'a run of one letter is not shortened to one');
  assert.equal(variantKey('aaaa'), 'aaaa');
});

test('the key of a typed prefix is a prefix of the key of the whole word', () => {
  // Except a prefix that ends inside a letter group of a rule ("p" of "ph", "sc" of "sch"): it is
  // found by the folded form until the group is complete.
  const GROUPS = /sch|stj|skj|ph|th|ch|ck|qu|dt|ae|^[dghl]j/g;
  for (const w of ROWS.flat().map(fold)) {
    const whole = variantKey(w);
    const inside = new Set<number>();
    for (const m of w.matchAll(GROUPS)) for (let k = m.index + 1; k < m.index + m[0].length; k++) inside.add(k);
    for (let k = 1; k <= w.length; k++) {
      if (!inside.has(k)) assert.ok(whole.startsWith(variantKey(w.slice(0, k))), `${w.slice(0, k)} of ${w}`);
    }
  }
});

test('a search for one spelling finds the others, the exact spelling first', () => {
  const people = ROWS.flatMap((row, r) => row.map((name, i) => Person.parse({ id: `${r}.${i}`, givenName: 'X', surname: name, municipality: 'essunga' })));
  const index = buildSearchIndex(people.map((value): DirectoryEntry => ({ kind: 'person', value })));
  ROWS.forEach((row, r) => {
    row.forEach((name, i) => {
      const found = index.search(name, undefined, 50).map((h) => h.entry.value.id);
      for (let j = 0; j < row.length; j++) assert.ok(found.includes(`${r}.${j}`), `${name} finds ${row[j]}`);
      const sameFold = row.filter((x) => fold(x) === fold(name)).length;
      if (sameFold === 1) assert.equal(found[0], `${r}.${i}`, `${name} first`);
    });
  });
});
