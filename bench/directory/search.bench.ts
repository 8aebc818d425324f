// Directory search benchmark (npm run bench / node --import tsx bench/directory/search.bench.ts).
// First the hit rate per kind of question on the labelled query set (test/fixtures/directory/
// queries.json) for our index beside MiniSearch and FlexSearch configured for the same job
// (engines.ts). Then for 2k, 20k and 100k demo entries: engine time per keystroke (p50, p95) while
// typing "surname given" one key at a time, and while typing the labelled queries, for the three
// engines on the same data and keystrokes, with ratios; then the time from opening a 100k cache to
// the first result. It prints figures and targets; it fails only if a measurement fails.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DirectoryEntry } from '../../common/directory/searchIndex';
import { deriveUnits } from '../../common/directory/units';
import type { Person } from '../../common/directory/model';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createDirectoryCache } from '../../main/services/directory/cache';
import { diffSnapshot } from '../../main/services/directory/diff';
import { createDirectoryService } from '../../main/services/directory/service';
import { createMemoryLogger } from '../../main/services/log/logger';
import { demoSnapshot } from '../../test/fixtures/directory/demoOrg';
import { KINDS, evaluate, loadQuerySet, rate, TOP_N } from '../../test/fixtures/directory/queries.rules';
import { flexSearchEngine, miniSearchEngine, ourEngine, type Engine } from './engines';

const SIZES = [2000, 20000, 100000];
const LIMIT = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Every prefix of "surname given", as an operator types it. */
function keystrokes(people: Person[], count: number): string[] {
  const out: string[] = [];
  const step = Math.max(1, Math.floor(people.length / count));
  for (let i = 0; i < people.length && out.length / 12 < count; i += step) {
    const text = `${people[i]!.surname} ${people[i]!.givenName}`;
    for (let k = 1; k <= text.length; k++) if (text[k - 1] !== ' ') out.push(text.slice(0, k));
  }
  return out;
}

function time(queries: string[], run: (q: string) => unknown): { p50: number; p95: number; n: number } {
  for (const q of queries.slice(0, 50)) run(q); // warm-up: JIT, caches
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    run(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length };
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);

function entriesOf(size: number) {
  const snap = demoSnapshot(size);
  const { persons, units } = deriveUnits(snap.persons, snap.units);
  const entries: DirectoryEntry[] = [...persons.map((value) => ({ kind: 'person' as const, value })), ...snap.shared.map((value) => ({ kind: 'shared' as const, value }))];
  return { persons, units, entries };
}

/** Builds the three engines, timing each build. */
function engines(entries: DirectoryEntry[], units: ReturnType<typeof entriesOf>['units']): Array<{ engine: Engine; buildMs: number }> {
  return [() => ourEngine(entries, units), () => miniSearchEngine(entries), () => flexSearchEngine(entries)].map((make) => {
    const t = performance.now();
    const engine = make();
    return { engine, buildMs: performance.now() - t };
  });
}

// Hit rate on the labelled set. The customer measures on a held-out set of its own.
const set = loadQuerySet();
{
  const { entries, units } = entriesOf(set.size);
  const built = engines(entries, units);
  const results = built.map(({ engine }) => ({ name: engine.name, ev: evaluate(set, (q) => engine.search(q, TOP_N)) }));
  console.log(`\n== hit rate on the labelled query set: ${set.cases.length} cases, ${set.size} staff, hit = rule of queries.rules.ts in the top ${TOP_N}`);
  console.log(`  ${'kind'.padEnd(10)} ${'cases'.padStart(5)} ${results.map((r) => r.name.padStart(10)).join(' ')}`);
  for (const k of KINDS) {
    console.log(`  ${k.padEnd(10)} ${String(results[0]!.ev.byKind[k].total).padStart(5)} ${results.map((r) => pct(rate(r.ev.byKind[k])).padStart(10)).join(' ')}`);
  }
  console.log(`  ${'overall'.padEnd(10)} ${String(set.cases.length).padStart(5)} ${results.map((r) => pct(rate(r.ev.overall)).padStart(10)).join(' ')}`);
  const ours = results[0]!.ev;
  const met = rate(ours.overall) >= 0.97 && KINDS.every((k) => rate(ours.byKind[k]) >= 0.9) && ours.byKind.none.hits === ours.byKind.none.total;
  console.log(`  target (ours): >= 97 % overall, every kind >= 90 %, none 100 %: ${met ? 'met' : 'NOT met'}`);
  for (const m of ours.misses) console.log(`  ours missed [${m.c.kind}] "${m.c.query}"`);
}

/** Every prefix of each labelled query, as typed. */
const typedQueries = [...new Set(set.cases.flatMap((c) => Array.from({ length: c.query.length }, (_, k) => c.query.slice(0, k + 1)).filter((q) => !q.endsWith(' '))))];

for (const size of SIZES) {
  const { persons, units, entries } = entriesOf(size);
  // Fewer typed names at 100k keeps the baselines within the time box; all engines get the same.
  const queries = keystrokes(persons, size >= 100000 ? 40 : 120);
  const labelled = size >= 100000 ? typedQueries.filter((_, i) => i % 4 === 0) : typedQueries;
  const built = engines(entries, units);
  const names = built.map((b) => b.engine.name);
  const r = built.map(({ engine }) => time(queries, (q) => engine.search(q, LIMIT)));
  const l = built.map(({ engine }) => time(labelled, (q) => engine.search(q, LIMIT)));
  console.log(`\n== ${size} entries (${entries.length} with shared numbers), top ${LIMIT}`);
  console.log(`  build: ${built.map((b) => `${b.engine.name} ${fmt(b.buildMs)}`).join(', ')}`);
  for (const [label, m] of [
    [`typing "surname given", ${r[0]!.n} keystrokes`, r],
    [`typing the labelled queries, ${l[0]!.n} keystrokes`, l],
  ] as const) {
    console.log(`  ${label}:`);
    m.forEach((x, i) => console.log(`    ${names[i]!.padEnd(10)} per keystroke p50 ${fmt(x.p50).padStart(9)}  p95 ${fmt(x.p95).padStart(9)}`));
    console.log(
      `    ratio p95: MiniSearch/ours ${(m[1]!.p95 / m[0]!.p95).toFixed(1)}x, FlexSearch/ours ${(m[2]!.p95 / m[0]!.p95).toFixed(1)}x; p50: ${(m[1]!.p50 / m[0]!.p50).toFixed(1)}x, ${(m[2]!.p50 / m[0]!.p50).toFixed(1)}x`,
    );
  }
  if (size === 100000) {
    const worst = Math.max(r[0]!.p95, l[0]!.p95);
    console.log(`  target: ours p95 <= 1 ms at 100k: ${worst <= 1 ? 'met' : 'NOT met'} (${fmt(worst)})`);
  }
}

// Start with 100k cached entries: open the SQLite cache, load, make the index, first result. The
// cache is written the way a sync writes it (the service stores the built index with it); the
// start after an upgrade, when no stored index matches, is shown too. The integrity check runs
// after the first result (deferred) and is timed on its own.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-bench-dir-'));
  const file = path.join(dir, 'directory.sqlite');
  const log = createMemoryLogger();
  const snap = demoSnapshot(100000);
  const derived = deriveUnits(snap.persons, snap.units);
  // Sealed at rest as the console keeps it (P-SECRECY): the figures include the cipher's cost.
  const key = { hex: randomBytes(32).toString('hex') };
  const seed = openDirectoryDatabase(file, log, key).db;
  createDirectoryCache(seed).apply('bench', diffSnapshot(new Map(), { persons: derived.persons, units: derived.units, shared: snap.shared }), new Date().toISOString());
  seed.close();
  const start = (label: string) => {
    const t = performance.now();
    const opened = openDirectoryDatabase(file, log, key);
    const service = createDirectoryService({ db: opened.db, sources: [], log });
    const first = service.search('an', undefined, LIMIT);
    const ms = performance.now() - t;
    const c = performance.now();
    const integrity = opened.checkIntegrity() ?? 'ok';
    const checkMs = performance.now() - c;
    console.log(`\n== start (${label}): open 100k cache -> first result: ${fmt(ms)} (${service.status().entries} entries, ${first.length} hits); target <= 1.5 s: ${ms <= 1500 ? 'met' : 'NOT met'}`);
    console.log(`  deferred integrity check after first result: ${fmt(checkMs)} (${integrity})`);
    opened.db.close();
  };
  // The first open finds no stored index (the cache was written without the service), builds and
  // stores it: the start after an upgrade. The second is every later start.
  start('no stored index: build and store');
  start('stored index');
  fs.rmSync(dir, { recursive: true, force: true });
}
