import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSyncScheduler, type TimerClock } from '../../main/services/directory/scheduler';

function fakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: TimerClock = {
    setTimeout: (fn, ms) => (pending.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      pending.delete(next[0]);
      now = next[1].at;
      next[1].fn();
      await new Promise((r) => setImmediate(r)); // let the run's promise settle
    }
    now = until;
  };
  return { timers, advance, pending, now: () => now };
}

test('the scheduler syncs at start, every interval, sooner after a failure, and not after stop', async () => {
  const t = fakeTimers();
  const runs: number[] = [];
  const results = [true, false, true, true];
  const s = createSyncScheduler({ timers: t.timers, intervalMs: 1000, retryMs: 100, run: async () => (runs.push(t.now()), results.shift() ?? true) });
  s.start();
  await t.advance(0);
  assert.deepEqual(runs, [0]);
  await t.advance(1000);
  assert.deepEqual(runs, [0, 1000], 'the second run fails');
  await t.advance(100);
  assert.deepEqual(runs, [0, 1000, 1100], 'a failure retries after retryMs');
  s.stop();
  assert.equal(s.running, false);
  await t.advance(10_000);
  assert.deepEqual(runs, [0, 1000, 1100]);
  assert.equal(t.pending.size, 0);
});
