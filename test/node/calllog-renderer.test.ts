// The renderer side of the call log: calls store changes become events, delivered through a
// bounded retry queue that never throws into the store and never blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEvent, LogReport } from '../../common/ipc/contract';
import { createCallLogSender, outcomeOf, startCallLog } from '../../renderer/calllog';
import { CallState, createCallsStore, type Call, type QueueEntry } from '../../renderer/sip';
import { queueEntry } from './queue-entry.fixture';

const T0 = Date.UTC(2025, 2, 3, 8, 0, 0);
const entry = (id: string, offeredAt = T0): QueueEntry => queueEntry(id, offeredAt);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('offer, answer, transfer and end become events with the store times and the right outcome', async () => {
  const calls = createCallsStore();
  const sent: CallEvent[] = [];
  let now = T0 + 50_000;
  const stop = startCallLog(calls, { send: async (e) => void sent.push(e), report: () => undefined, now: () => now });
  const s = () => calls.getState();
  s().offer(entry('a'));
  s().setState('a', CallState.Answering, T0 + 2_000);
  s().setState('a', CallState.Talking, T0 + 2_500);
  // The transfer fields come with the calls engineer's transfer work; patched in structurally here.
  calls.setState((st) => ({ calls: { ...st.calls, a: { ...st.calls.a!, transfer: { kind: 'blind', target: '2001', status: 'done', code: 200 } } as Call } }));
  now = T0 + 20_000;
  calls.setState((st) => ({ calls: { ...st.calls } })); // an unrelated update: no new events
  s().end('a', 'remote-bye', T0 + 21_000);
  s().offer(entry('b', T0 + 30_000));
  s().end('b', 'remote-cancel', T0 + 35_000);
  await tick();
  stop();
  assert.deepEqual(sent, [
    { callId: 'a', kind: 'offered', at: T0, dialledNumber: '0512-570 00', switchboardId: 'essunga' },
    { callId: 'a', kind: 'answered', at: T0 + 2_000 },
    { callId: 'a', kind: 'transferred', at: T0 + 50_000 },
    { callId: 'a', kind: 'transfer', at: T0 + 50_000, transferKind: 'blind', target: '2001', result: 'answered', answeredAt: T0 + 50_000 },
    { callId: 'a', kind: 'ended', at: T0 + 21_000, outcome: 'transferred' },
    { callId: 'b', kind: 'offered', at: T0 + 30_000, dialledNumber: '0512-570 00', switchboardId: 'essunga' },
    { callId: 'b', kind: 'ended', at: T0 + 35_000, outcome: 'abandoned', queueEnd: 'caller' },
  ]);
  assert.ok(!JSON.stringify(sent).includes('0701234567'), 'the caller number is not sent');
});

test('outcomes: answered, rejected, failed, abandoned', () => {
  const answered = { answeredAt: T0 } as Call;
  const ringing = { answeredAt: null } as Call;
  assert.equal(outcomeOf(answered, 'remote-bye', false), 'answered');
  assert.equal(outcomeOf(answered, 'local-hangup', false), 'answered');
  assert.equal(outcomeOf(answered, 'failed', false), 'failed');
  assert.equal(outcomeOf(ringing, 'local-hangup', false), 'rejected');
  assert.equal(outcomeOf(ringing, 'remote-cancel', false), 'abandoned');
  assert.equal(outcomeOf(ringing, 'remote-cancel', true), 'transferred');
  assert.equal(outcomeOf(ringing, 'pbx-cancel', false), 'missed', 'the PBX gave up: nobody answered');
  assert.equal(outcomeOf(ringing, 'answered-elsewhere', false), 'abandoned', 'counted at the console that answered (queue end elsewhere)');
});

test('calls already in the store when it starts are reported (main merges the duplicates)', async () => {
  const calls = createCallsStore();
  calls.getState().offer(entry('early'));
  calls.getState().setState('early', CallState.Answering, T0 + 1000);
  const sent: CallEvent[] = [];
  const stop = startCallLog(calls, { send: async (e) => void sent.push(e), report: () => undefined });
  await tick();
  stop();
  assert.deepEqual(
    sent.map((e) => e.kind),
    ['offered', 'answered'],
  );
  calls.getState().end('early', 'remote-bye', T0 + 2000);
  await tick();
  assert.equal(sent.length, 2, 'stopped: no more events');
});

test('outgoing legs (dial-out, consultation) are not logged as switchboard calls', async () => {
  const calls = createCallsStore();
  const sent: CallEvent[] = [];
  const stop = startCallLog(calls, { send: async (e) => void sent.push(e), report: () => undefined });
  calls.setState((st) => ({ calls: { ...st.calls, out: { ...entry('out'), state: CallState.Talking, answeredAt: T0, direction: 'out' } as Call } }));
  await tick();
  stop();
  assert.deepEqual(sent, []);
});

test('a failing or missing send never throws into the store; retries are bounded and logged by code', async () => {
  const calls = createCallsStore();
  const reports: LogReport[] = [];
  let attempts = 0;
  const stop = startCallLog(calls, {
    send: () => {
      attempts++;
      throw new TypeError('recordCallEvent is not a function');
    },
    report: (r) => reports.push(r),
    baseDelayMs: 1,
    maxDelayMs: 2,
    maxAttempts: 3,
  });
  assert.doesNotThrow(() => calls.getState().offer(entry('x')));
  await new Promise((resolve) => setTimeout(resolve, 100));
  stop();
  assert.equal(attempts, 3);
  assert.deepEqual(
    reports.map((r) => r.code),
    ['calllog.send-failed', 'calllog.event-dropped'],
  );
  assert.ok(!JSON.stringify(reports).match(/0512|0701|"x"/), 'codes only');
});

test('the sender retries while main is unreachable, drops invalid events at once, and bounds its queue', async () => {
  const delivered: string[] = [];
  let down = true;
  const reports: LogReport[] = [];
  const sender = createCallLogSender({
    send: async (e) => {
      if (e.callId === 'bad') throw Object.assign(new Error('Invalid payload'), { code: 'invalid-payload' });
      if (down) throw Object.assign(new Error('lost'), { code: 'disconnected' });
      delivered.push(e.callId);
    },
    report: (r) => reports.push(r),
    maxQueue: 3,
    baseDelayMs: 1,
    maxDelayMs: 5,
    maxAttempts: 1000,
  });
  const ev = (callId: string): CallEvent => ({ callId, kind: 'offered', at: T0 });
  sender.enqueue(ev('first'));
  await tick();
  for (const id of ['bad', 'b', 'c', 'd']) sender.enqueue(ev(id)); // 'bad' is pushed out by the bound
  assert.equal(sender.pending(), 3);
  down = false;
  await sender.drained();
  assert.deepEqual(delivered, ['first', 'c', 'd']);
  assert.ok(reports.some((r) => r.code === 'calllog.queue-full'));
  assert.ok(reports.some((r) => r.code === 'calllog.events-lost' && r.detail?.count === 2));

  sender.enqueue(ev('bad'));
  sender.enqueue(ev('e'));
  await sender.drained();
  assert.deepEqual(delivered, ['first', 'c', 'd', 'e']);
  assert.ok(reports.some((r) => r.code === 'calllog.event-dropped' && r.detail?.error === 'invalid-payload'));
  sender.dispose();
});
