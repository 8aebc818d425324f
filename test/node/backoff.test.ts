// The one backoff (common/backoff.ts) with every policy its users pass: the SIP registration's
// equal jitter, presence's ±25 %, and the no-jitter delays of the message outbox and call log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF } from '../../common/backoff';

test('doubles per failure from the base up to the cap', () => {
  const flat = { baseMs: 1000, maxMs: 5000, jitterFloor: 1 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, flat)),
    [1000, 1000, 2000, 4000, 5000, 5000],
  );
  assert.equal(backoffDelay(10_000, flat), 5000, 'a huge failure count stays at the cap');
});

test('equal jitter by default keeps the delay in [50 %, 100 %)', () => {
  assert.equal(
    backoffDelay(1, DEFAULT_BACKOFF, () => 0),
    500,
  );
  assert.equal(
    backoffDelay(1, DEFAULT_BACKOFF, () => 0.999),
    1000,
  );
  assert.equal(
    backoffDelay(9, DEFAULT_BACKOFF, () => 0),
    15000,
  );
});

test("presence's policy is 1 s … 30 s ±25 %, as it was before it used this function", () => {
  const presence = { baseMs: 1250, maxMs: 37500, jitterFloor: 0.6 };
  const old = (failures: number, r: number) => Math.min(30000, 500 * 2 ** Math.min(failures, 6)) * (0.75 + r / 2);
  for (const failures of [1, 2, 3, 6, 7, 12]) {
    for (const r of [0, 0.5, 0.999]) assert.ok(Math.abs(backoffDelay(failures, presence, () => r) - old(failures, r)) <= 1, `failures ${failures}, r ${r}`);
  }
});
