// Search quality on the labelled query set (test/fixtures/directory/queries.json, made by
// queries.generate.ts from the demo organisation): the targets of issue 11 per kind of question.
// A quality test, not a timing test; hit rules are in queries.rules.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearchIndex, type DirectoryEntry } from '../../common/directory/searchIndex';
import { deriveUnits } from '../../common/directory/units';
import { demoSnapshot } from '../fixtures/directory/demoOrg';
import { generateQuerySet } from '../fixtures/directory/queries.generate';
import { KINDS, evaluate, loadQuerySet, rate } from '../fixtures/directory/queries.rules';

const set = loadQuerySet();

test('the committed query set is what its generator makes, with at least 300 cases of every kind', () => {
  assert.deepEqual(set, generateQuerySet(), 'queries.json is stale: run node --import tsx test/fixtures/directory/queries.generate.ts');
  assert.ok(set.cases.length >= 300, `${set.cases.length} cases`);
  for (const k of KINDS)
    assert.ok(
      set.cases.some((c) => c.kind === k),
      `no ${k} case`,
    );
  for (const c of set.cases) assert.ok(c.match === 'none' ? c.expect.length === 0 : c.expect.length > 0, `"${c.query}" has no answer`);
});

test('hit rate on the labelled set: 97 % overall, 90 % for every kind, 100 % for "none"', () => {
  const snap = demoSnapshot(set.size);
  const { persons, units } = deriveUnits(snap.persons, snap.units);
  const entries: DirectoryEntry[] = [...persons.map((value): DirectoryEntry => ({ kind: 'person', value })), ...snap.shared.map((value): DirectoryEntry => ({ kind: 'shared', value }))];
  const index = buildSearchIndex(entries, units);
  const ev = evaluate(set, (q) => index.search(q, undefined, set.topN).map((h) => h.entry.value.id));
  const report = KINDS.map((k) => `${k} ${(rate(ev.byKind[k]) * 100).toFixed(1)} %`).join(', ');
  const misses = ev.misses.map((m) => `  [${m.c.kind}] "${m.c.query}" -> ${m.got.join(' ') || 'nothing'}`).join('\n');
  const why = `${report}\nmissed:\n${misses}`;
  assert.ok(rate(ev.overall) >= 0.97, `overall ${(rate(ev.overall) * 100).toFixed(1)} %\n${why}`);
  for (const k of KINDS) assert.ok(rate(ev.byKind[k]) >= 0.9, `${k}\n${why}`);
  assert.equal(ev.byKind.none.hits, ev.byKind.none.total, `"none" must be empty every time\n${why}`);
});
