// The fast paths of the search index (precomputed ranked lists for short words, rank-ordered
// document numbers, binary-search verification) must give exactly what the plain scan gives.
// Property-style: every prefix an operator types, with and without filters, compared hit by hit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearchIndex, type DirectoryEntry, type IndexHit, type SearchFilters } from '../../common/directory/searchIndex';
import { fold } from '../../common/directory/normalize';
import { deriveUnits } from '../../common/directory/units';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

const snap = demoSnapshot(2000, 7);
const { persons, units } = deriveUnits(snap.persons, snap.units);
const entries: DirectoryEntry[] = [...persons.map((value): DirectoryEntry => ({ kind: 'person', value })), ...snap.shared.map((value): DirectoryEntry => ({ kind: 'shared', value }))];
const reference = buildSearchIndex(entries, units, { shortcutMinCost: Infinity });
const everyShortWord = buildSearchIndex(entries, units, { shortcutMinCost: 0 });
const defaults = buildSearchIndex(entries, units);
// Lists cut to their first few documents: queries that read past the end must fall back to the scan.
const shortLists = buildSearchIndex(entries, units, { shortcutMinCost: 0, shortcutKeep: 3 });

const view = (hits: IndexHit[]) => hits.map((h) => `${h.entry.value.id} ${h.score} ${h.field}`);

/** Every prefix of "surname given", "given surname", a title and a unit, as typed one key at a time. */
function typed(): string[] {
  const out = new Set<string>();
  for (const p of persons.filter((_, i) => i % 37 === 0)) {
    for (const text of [`${p.surname} ${p.givenName}`, `${p.givenName} ${p.surname}`, `${p.title} ${p.unit}`, p.forvaltning]) {
      for (let k = 1; k <= text.length; k++) out.add(text.slice(0, k));
    }
  }
  for (const q of ['a', 'c', 'ka', 'ph', 'sch', 'q', 'x', 'z9', 'a a', 'an an', 'e e e', 'kom s', 'ö', 'é']) out.add(q);
  return [...out];
}

test('precomputed lists give the same hits, scores, fields and order as the plain scan', () => {
  const queries = typed();
  assert.ok(queries.length > 500);
  const essunga = units.find((u) => u.kind === 'forvaltning' && u.municipality === 'essunga')!;
  const filters: Array<SearchFilters | undefined> = [undefined, { municipality: 'grastorp' }, { unitId: essunga.id }, { kind: 'shared' }];
  for (const q of queries) {
    for (const f of filters) {
      for (const limit of [1, 20, 500]) {
        const want = view(reference.search(q, f, limit));
        assert.deepEqual(view(everyShortWord.search(q, f, limit)), want, `"${q}" ${JSON.stringify(f)} top ${limit}`);
        assert.deepEqual(view(defaults.search(q, f, limit)), want, `"${q}" ${JSON.stringify(f)} top ${limit} (defaults)`);
        assert.deepEqual(view(shortLists.search(q, f, limit)), want, `"${q}" ${JSON.stringify(f)} top ${limit} (shortened lists)`);
      }
    }
  }
});

test('results are ranked by score, then alphabetically by folded surname', () => {
  const hits = everyShortWord.search('a', undefined, 500);
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1]!;
    const b = hits[i]!;
    assert.ok(a.score >= b.score, `${i}: score order`);
    if (a.score === b.score && a.entry.kind === 'person' && b.entry.kind === 'person') {
      const key = (e: typeof a) => fold((e.entry.value as { surname: string }).surname);
      assert.ok(key(a) <= key(b), `${i}: ${key(a)} before ${key(b)}`);
    }
  }
});
