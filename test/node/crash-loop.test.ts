// The short crash loop in `npm test` (issue 17 point 6; `npm run soak -- kill` runs 1,000): 50
// kill -9 at seeded random moments while a child writes call-log events, outbox messages and unit
// notices to the sealed stores; after every kill each file passes integrity_check and every write
// the child acknowledged is there. Bounded: 50 rounds of a Node start and a few writes (~20 s).
// The checker is shown to catch what it looks for: a lost id and a damaged page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runKillLoop, verifyStores } from '../soak/kill-loop';

const SEED = 20261204;

test('50 kill -9 during call-log, outbox and notice writes: 0 acknowledged writes lost, integrity ok every time', { timeout: 180_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-crash-loop-'));
  const figures = await runKillLoop({ kills: 50, seed: SEED, dataDir });
  assert.deepEqual(figures.failures, [], `replay with: npm run soak -- kill --kills 50 --seed ${SEED}`);
  assert.equal(figures.rounds, 50);
  assert.equal(figures.lost, 0);
  assert.equal(figures.integrityFailures, 0);
  assert.equal(figures.exitedOnTheirOwn, 0);
  const a = figures.acknowledged;
  assert.ok(a.calls > 0 && a.messages > 0 && a.notices > 0, `every kind of write was acknowledged and checked: ${JSON.stringify(a)}`);
  assert.ok(figures.killedWhileOpening > 0 && figures.killedWhileOpening < 50, 'kills fell both while opening and during the writes');

  // The checker itself: an id never written is reported lost; a damaged page is reported.
  assert.equal(verifyStores(dataDir, { calls: ['never-written'], messages: [], notices: [] }).lost, 1);
  const file = path.join(dataDir, 'vaxel.sqlite');
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true }); // the loop's last check left them folded in
  const bytes = fs.readFileSync(file);
  assert.ok(bytes.length >= 3 * 4096, 'more than two pages to damage');
  bytes[2 * 4096 + 100] ^= 0xff; // one byte of the third page
  fs.writeFileSync(file, bytes);
  const damaged = verifyStores(dataDir, { calls: [], messages: [], notices: [] });
  assert.ok(
    damaged.problems.some((p) => /vaxel\.sqlite: (integrity_check|cannot be)/.test(p)),
    JSON.stringify(damaged.problems),
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
});
