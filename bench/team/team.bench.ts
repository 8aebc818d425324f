// `npm run bench -- team` (issue 13 point 6): on a real PostgreSQL (Debian's, started in a temp
// dir) inside a loopback-only namespace, with two consoles (two TeamSync instances, own SQLite
// files, own roles):
// 1. a change at console 1 → applied to console 2's local copy (its onRemote, which is where the
//    directoryChanged event to the renderer is sent), p50/p95 over 200 changes (target p95 ≤ 1 s);
//    baseline: a bare INSERT → NOTIFY → listener round trip on the same server, no sync engine.
// 2. replay of 1,000 changes queued offline, from reconnect to the server's confirmation of all
//    (target ≤ 5 s); baseline: the naive way, one INSERT per round trip without a transaction.
// Figures only; nothing passes or fails on time.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { runInLoopbackNamespace } from '../support';
import { postgresAvailable, startTeamServer } from '../../test/support/team-postgres';
import { openTestConsole, teamSettingsFor, untilState } from '../../test/support/team-console';

await runInLoopbackNamespace(fileURLToPath(import.meta.url), 'vaxel-bench-team');
const missing = postgresAvailable();
if (missing) {
  console.error(missing);
  process.exit(1);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

const server = await startTeamServer();
try {
  const one = openTestConsole('anna', await teamSettingsFor(server, 'op_anna'));
  const two = openTestConsole('bo', await teamSettingsFor(server, 'op_bo'));
  one.sync.start();
  two.sync.start();
  await untilState(one, 'online');
  await untilState(two, 'online');

  // 1. console → console
  const N = 200;
  const engine: number[] = [];
  for (let i = 0; i < N; i++) {
    const seen = two.nextRemote('unit-notice');
    const t0 = performance.now();
    one.sync.record('unit-notice', `bench-${i}`, { unitId: 'u1', text: `notice ${i}` });
    await seen;
    engine.push(performance.now() - t0);
  }
  const listener = await server.admin();
  const writer = await server.admin();
  await listener.query('LISTEN team_changes');
  await writer.query(`INSERT INTO team.kinds VALUES ('bench', 'benchmark rows') ON CONFLICT DO NOTHING`);
  const bare: number[] = [];
  for (let i = 0; i < N; i++) {
    const got = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
    const t0 = performance.now();
    await writer.query(`INSERT INTO team.changes (change_id, kind, record_key, value, changed_at, operator) VALUES ($1, 'bench', $2, '{}', now(), 'bench')`, [randomUUID(), `bare-${i}`]);
    await got;
    bare.push(performance.now() - t0);
  }
  await listener.end();
  await writer.end();
  console.log(`change at console 1 → in console 2's copy (n=${N}): p50 ${ms(pct(engine, 50))}, p95 ${ms(pct(engine, 95))} (target p95 ≤ 1000 ms)`);
  console.log(`  baseline bare INSERT → NOTIFY round trip:  p50 ${ms(pct(bare, 50))}, p95 ${ms(pct(bare, 95))}`);
  console.log(`  ratio p95 engine / bare: ${(pct(engine, 95) / pct(bare, 95)).toFixed(2)}×`);

  // 2. replay of 1,000 queued changes
  const M = 1000;
  await server.pg.stop();
  await untilState(one, 'offline');
  await two.sync.stop();
  for (let i = 0; i < M; i++) one.sync.record('message-callback', `replay-${i}`, { done: i % 2 === 0 });
  if (one.sync.status().queued !== M) throw new Error(`expected ${M} queued, have ${one.sync.status().queued}`);
  await server.pg.start();
  const t0 = performance.now();
  await untilState(one, 'online', 30_000);
  await one.sync.settled();
  const replay = performance.now() - t0;
  const check = await server.admin();
  const n = (await check.query(`SELECT count(*)::int AS n FROM team.changes WHERE record_key LIKE 'replay-%'`)).rows[0].n;
  if (n !== M) throw new Error(`the server holds ${n} of ${M} replayed changes`);
  await check.end();

  const naive = await server.admin();
  const t1 = performance.now();
  for (let i = 0; i < M; i++) {
    await naive.query(`INSERT INTO team.changes (change_id, kind, record_key, value, changed_at, operator) VALUES ($1, 'bench', $2, '{"done":true}', now(), 'bench')`, [randomUUID(), `naive-${i}`]);
  }
  const naiveMs = performance.now() - t1;
  await naive.end();
  console.log(`replay of ${M} queued offline changes after reconnect (incl. reconnect): ${ms(replay)} (target ≤ 5000 ms)`);
  console.log(`  baseline naive one INSERT per round trip, no transaction: ${ms(naiveMs)}`);
  console.log(`  ratio naive / replay: ${(naiveMs / replay).toFixed(2)}×`);
  await one.close();
  await two.close();
} finally {
  await server.stop();
}
