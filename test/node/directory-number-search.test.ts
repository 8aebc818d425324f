// The number search reads big match ranges by walking documents in rank order (numberSearch.ts);
// it must answer exactly what scoring every matching key would: best score first, then rank.
// Checked against that plain reference on every prefix of many numbers typed any way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearchIndexData, createSearchIndex, type DirectoryEntry } from '../../common/directory/searchIndex';
import { deriveUnits } from '../../common/directory/units';
import { numberQueryKey } from '../../common/directory/phone';
import { FIELD_BITS } from '../../common/directory/termDict';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

const snap = demoSnapshot(3000, 5);
const { persons, units } = deriveUnits(snap.persons, snap.units);
const entries: DirectoryEntry[] = [...persons.map((value): DirectoryEntry => ({ kind: 'person', value })), ...snap.shared.map((value): DirectoryEntry => ({ kind: 'shared', value }))];
const data = buildSearchIndexData(entries, units);
const index = createSearchIndex(data, entries, units);
const docOf = new Map<DirectoryEntry, number>();
data.order.forEach((position, doc) => docOf.set(entries[position]!, doc));

/** Every key scored, the best per document kept, sorted: the definition the fast path must meet. */
function reference(query: string, limit: number, muni: number | undefined): string[] {
  const { key, international, trunk, withoutPlus } = numberQueryKey(query);
  if (!key) return [];
  const best = new Map<number, [number, boolean]>();
  const scan = (keys: readonly string[], docs: Uint32Array, k: string, shift: number, exact: number, prefix: number, ext: boolean) =>
    keys.forEach((x, i) => {
      if (!x.startsWith(k)) return;
      const doc = docs[i]! >>> shift;
      const s = x === k ? exact : prefix;
      if (muni !== undefined && data.docMuni[doc] !== muni) return;
      if (!best.has(doc) || s > best.get(doc)![0]) best.set(doc, [s, ext]);
    });
  scan(data.numKeys, data.numDocs, key, FIELD_BITS, 100, 50, false);
  if (withoutPlus) scan(data.numKeys, data.numDocs, withoutPlus, FIELD_BITS, 95, 45, false);
  if (!international && !trunk) {
    scan(data.extKeys, data.extDocs, key, 0, 110, 60, true);
    if (key.length >= 3) scan(data.subKeys, data.subDocs, key, FIELD_BITS, 80, 40, false);
  }
  if (trunk && key.length + 1 >= 3) scan(data.subKeys, data.subDocs, '0' + key, FIELD_BITS, 80, 40, false);
  return [...best]
    .sort((a, b) => b[1][0] - a[1][0] || a[0] - b[0])
    .slice(0, limit)
    .map(([d, [s, e]]) => `${d} ${s} ${e ? 'extension' : 'number'}`);
}

test('number search gives the reference answer for every prefix, limit and municipality', () => {
  const queries = new Set<string>();
  for (const p of persons.filter((_, i) => i % 100 === 0)) {
    for (const number of [p.directNumber, p.mobile, p.extension]) {
      if (!number) continue;
      const national = number.replace(/^\+46/, '0');
      for (let k = 1; k <= national.length; k++) {
        queries.add(national.slice(0, k));
        queries.add('+46' + national.slice(1, k));
        queries.add('46' + national.slice(1, k));
        queries.add(national.slice(4, 4 + k));
      }
    }
  }
  assert.ok(queries.size > 500);
  for (const q of queries) {
    for (const limit of [1, 20, 500]) {
      for (const muni of [undefined, 0, 1]) {
        const filters = muni === undefined ? undefined : { municipality: muni === 0 ? ('essunga' as const) : ('grastorp' as const) };
        const got = index.search(q, filters, limit).map((h) => `${docOf.get(h.entry)} ${h.score} ${h.field}`);
        assert.deepEqual(got, reference(q, limit, muni), `"${q}" top ${limit} ${muni ?? ''}`);
      }
    }
  }
});
