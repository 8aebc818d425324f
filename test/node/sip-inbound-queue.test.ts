// The guarded transport's inbound queue (renderer/sip/transport/inbound-queue.ts): frames handled
// in arrival order, in slices bounded by the slice budget (a fake clock, so no timing in the
// test), a full backlog drops new frames and says so once with a count, a throwing handler
// loses only its own frame, and nothing runs after dispose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInboundQueue, type InboundQueueLimits } from '../../renderer/sip/transport/inbound-queue';

const LIMITS: InboundQueueLimits = { sliceMs: 8, maxFrames: 1000, maxBytes: 1 << 20 };

function harness(limits: InboundQueueLimits, costMs = 3, fail?: (n: number) => boolean) {
  let clock = 0;
  let errors = 0;
  const handled: number[] = [];
  const slices: number[] = [];
  const drops: Array<{ phase: string; dropped: number }> = [];
  const q = createInboundQueue<number>(limits, {
    now: () => clock,
    handle: (n) => {
      clock += costMs;
      if (fail?.(n)) throw new Error('handler bug');
      handled.push(n);
    },
    onSlice: (n) => slices.push(n),
    onError: () => errors++,
    onDrop: (e) => drops.push(e),
  });
  const idle = async () => {
    for (let i = 0; i < 10_000 && q.length > 0; i++) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
  };
  return { q, handled, slices, drops, idle, errors: () => errors };
}

test('frames are handled in order, in slices within the budget, never in the event that brought them', async () => {
  const h = harness(LIMITS);
  for (let i = 0; i < 100; i++) h.q.push(i, 10);
  assert.deepEqual(h.handled, [], 'nothing handled inside push');
  await h.idle();
  assert.deepEqual(
    h.handled,
    Array.from({ length: 100 }, (_, i) => i),
  );
  // 3 ms per frame, 8 ms budget: 3 frames per slice (0, 3, 6 ms started), the rest in the last
  assert.ok(h.slices.length >= 34, `${h.slices.length} slices`);
  assert.ok(
    h.slices.every((n) => n <= 3),
    JSON.stringify(h.slices),
  );
  assert.equal(
    h.slices.reduce((a, b) => a + b, 0),
    100,
  );
});

test('one frame that costs more than the budget still goes, alone in its slice', async () => {
  const h = harness(LIMITS, 50);
  for (let i = 0; i < 4; i++) h.q.push(i, 1);
  await h.idle();
  assert.deepEqual(h.handled, [0, 1, 2, 3]);
  assert.deepEqual(h.slices, [1, 1, 1, 1]);
});

test('a full backlog (frames) drops new frames and reports the drop once, then the count', async () => {
  const h = harness({ ...LIMITS, maxFrames: 10 });
  const accepted = Array.from({ length: 15 }, (_, i) => h.q.push(i, 1));
  assert.deepEqual(accepted, [...Array(10).fill(true), ...Array(5).fill(false)]);
  assert.deepEqual(h.drops, [{ phase: 'started', dropped: 1 }]);
  await h.idle();
  assert.deepEqual(
    h.handled,
    Array.from({ length: 10 }, (_, i) => i),
    'the first ten, in order',
  );
  assert.deepEqual(h.drops, [
    { phase: 'started', dropped: 1 },
    { phase: 'ended', dropped: 5 },
  ]);
  assert.equal(h.q.push(99, 1), true, 'accepts again once drained');
  await h.idle();
  assert.equal(h.handled.at(-1), 99);
});

test('a full backlog (bytes) drops, but a lone large frame is taken', async () => {
  const h = harness({ ...LIMITS, maxBytes: 100 });
  assert.equal(h.q.push(1, 500), true, 'alone, over the byte bound: taken (the guard answers 513)');
  assert.equal(h.q.push(2, 1), false);
  await h.idle();
  assert.equal(h.q.push(3, 60), true);
  assert.equal(h.q.push(4, 60), false);
  await h.idle();
  assert.deepEqual(h.handled, [1, 3]);
});

test('a handler that throws loses its own frame only', async () => {
  const h = harness(LIMITS, 1, (n) => n === 2);
  for (let i = 0; i < 6; i++) h.q.push(i, 1);
  await h.idle();
  assert.deepEqual(h.handled, [0, 1, 3, 4, 5]);
  assert.equal(h.errors(), 1, 'reported');
});

test('unsliced (Infinity) handles each frame inside push, as SIP.js does; dispose stops everything', async () => {
  const u = harness({ ...LIMITS, sliceMs: Infinity });
  u.q.push(1, 1);
  assert.deepEqual(u.handled, [1]);
  const h = harness(LIMITS);
  h.q.push(1, 1);
  h.q.dispose();
  assert.equal(h.q.push(2, 1), false);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(h.handled, []);
});
