// `npm run soak -- kill [--kills 1000] [--seed N]`: the crash loop (kill-loop.ts) in full, with
// figures. Exit code 1 when an acknowledged write was lost, an integrity check failed or a child
// died of anything but the kill; the failures name the round and the seed.
import { parseArgs } from 'node:util';
import { runKillLoop } from './kill-loop';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' }, seed: { type: 'string' } } });
const kills = Number(values.kills);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(seed)) throw new Error('--kills and --seed take whole numbers');
console.log(`kill loop: ${kills} kill -9 during call-log, outbox and notice writes, seed ${seed}`);
const figures = await runKillLoop({
  kills,
  seed,
  onRound: (round, f) => {
    if ((round + 1) % 100 === 0)
      console.log(`  ${round + 1} kills, ${f.acknowledged.calls + f.acknowledged.messages + f.acknowledged.notices} acknowledged writes, ${f.lost} lost, ${f.integrityFailures} integrity failures`);
  },
});
const { acknowledged: a } = figures;
console.log(`kills                      ${figures.rounds}`);
console.log(`acknowledged writes        ${a.calls + a.messages + a.notices} (call log ${a.calls}, outbox ${a.messages}, notices ${a.notices})`);
console.log(`lost acknowledged writes   ${figures.lost}`);
console.log(`integrity_check not ok     ${figures.integrityFailures} rounds`);
console.log(`killed while opening       ${figures.killedWhileOpening} rounds (open, migration, WAL recovery)`);
console.log(`ended before the kill      ${figures.exitedOnTheirOwn}`);
console.log(`spawn to stores open       median ${figures.openMs.median} ms, max ${figures.openMs.max} ms`);
console.log(`largest WAL seen           ${(figures.largestWalBytes / 1024).toFixed(0)} KiB`);
console.log(`elapsed                    ${(figures.elapsedMs / 1000).toFixed(1)} s`);
for (const f of figures.failures) console.log(`FAIL ${f}`);
process.exitCode = figures.lost || figures.integrityFailures || figures.exitedOnTheirOwn ? 1 : 0;
