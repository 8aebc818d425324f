// Transfer attempts as statistics see them (issue 14 point 1): each attempt is reported once when
// settled, with its kind, the employee's extension, the outcome and when the employee answered;
// the offer's queue end follows the CANCEL's Reason (RFC 3326).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEvent } from '../../common/ipc/contract';
import { startCallLog } from '../../renderer/calllog';
import { failedOutcome, transferTargetOf } from '../../renderer/calllog/transfer-attempts';
import { cancelEndReason } from '../../renderer/sip/calls/cancel-reason';
import { CallState, createCallsStore, type Call, type QueueEntry, type TransferInfo } from '../../renderer/sip';
import { queueEntry } from './queue-entry.fixture';

const T0 = Date.UTC(2026, 11, 4, 8, 0, 0);
const entry = (id: string): QueueEntry => queueEntry(id, T0, { sipCallId: 'abc@10.0.0.1' });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function harness() {
  const calls = createCallsStore();
  const sent: CallEvent[] = [];
  let now = T0;
  const stop = startCallLog(calls, { send: async (e) => void sent.push(e), report: () => undefined, now: () => now });
  const s = () => calls.getState();
  const transfer = (id: string, t: TransferInfo | null, recall: Call['recall'] = null) => s().patch(id, { transfer: t, recall });
  const at = (ms: number) => (now = T0 + ms);
  const transfers = async () => {
    await tick();
    return sent.filter((e) => e.kind === 'transfer');
  };
  s().offer(entry('c'));
  s().setState('c', CallState.Answering, T0 + 1000);
  s().setState('c', CallState.Talking, T0 + 1200);
  return { calls, sent, s, transfer, at, transfers, stop };
}

test('a blind transfer settles on the final NOTIFY: answered after the ringing time', async () => {
  const h = harness();
  h.at(5000);
  h.transfer('c', { kind: 'blind', target: 'sip:2001@lab.vaxel', status: 'trying', code: 0 });
  h.at(5100);
  h.transfer('c', { kind: 'blind', target: 'sip:2001@lab.vaxel', status: 'accepted', code: 202 });
  h.at(6000);
  h.transfer('c', { kind: 'blind', target: 'sip:2001@lab.vaxel', status: 'ringing', code: 180 });
  assert.deepEqual(await h.transfers(), [], 'nothing until it is settled');
  h.at(9000);
  h.transfer('c', { kind: 'blind', target: 'sip:2001@lab.vaxel', status: 'done', code: 200 });
  h.s().end('c', 'local-hangup', T0 + 9000);
  assert.deepEqual(await h.transfers(), [{ callId: 'c', kind: 'transfer', at: T0 + 5000, transferKind: 'blind', target: '2001', result: 'answered', answeredAt: T0 + 9000 }]);
  h.stop();
});

test('a busy employee, then a retry to voicemail: two attempts, busy then voicemail', async () => {
  const h = harness();
  h.at(5000);
  h.transfer('c', { kind: 'blind', target: '2002', status: 'trying', code: 0 });
  h.at(7000);
  h.transfer('c', { kind: 'blind', target: '2002', status: 'failed', code: 486 }, { target: '2002', reason: 'failed' });
  h.at(8000);
  h.transfer('c', { kind: 'blind', target: '2002', status: 'failed', code: 486 }, { target: '2002', reason: 'failed' }); // shown again
  h.at(12000);
  h.transfer('c', { kind: 'voicemail', target: '2002', status: 'trying', code: 0 });
  h.at(13000);
  h.transfer('c', { kind: 'voicemail', target: '2002', status: 'done', code: 200 });
  const t = await h.transfers();
  assert.deepEqual(
    t.map((e) => e.kind === 'transfer' && [e.transferKind, e.result, e.at - T0, e.answeredAt && e.answeredAt - T0]),
    [
      ['blind', 'busy', 5000, null],
      ['voicemail', 'voicemail', 12000, 13000],
    ],
  );
  h.stop();
});

test('announced: the consultation answering is the employee answering; taking the call back after it is a decline', async () => {
  const h = harness();
  h.at(5000);
  h.transfer('c', { kind: 'announced', target: '2001', status: 'trying', code: 0 });
  h.s().dialled({ ...entry('leg'), sipCallId: undefined }, 'c', 'consult');
  h.at(8000);
  h.s().setState('leg', CallState.Talking, T0 + 8000);
  h.transfer('c', { kind: 'announced', target: '2001', status: 'accepted', code: 200 });
  h.at(20000);
  h.transfer('c', null); // the employee would not take it: the operator is back with the caller
  h.at(30000);
  h.transfer('c', { kind: 'safe', target: '2003', status: 'trying', code: 0 });
  h.at(50000);
  h.transfer('c', { kind: 'safe', target: '2003', status: 'failed', code: 0 }, { target: '2003', reason: 'no-answer' });
  const t = await h.transfers();
  assert.deepEqual(
    t.map((e) => e.kind === 'transfer' && [e.transferKind, e.result, e.answeredAt && e.answeredAt - T0]),
    [
      ['announced', 'rejected', 8000],
      ['safe', 'no-answer', null],
    ],
  );
  h.stop();
});

test('the caller hanging up during a transfer settles it as not answered', async () => {
  const h = harness();
  h.at(5000);
  h.transfer('c', { kind: 'safe', target: '2001', status: 'trying', code: 0 });
  h.transfer('c', { kind: 'safe', target: '2001', status: 'ringing', code: 180 });
  h.s().end('c', 'remote-bye', T0 + 9000);
  const t = await h.transfers();
  assert.equal(t.length, 1);
  assert.equal(t[0]!.kind === 'transfer' && t[0]!.result, 'no-answer');
  assert.ok(!JSON.stringify(h.sent).includes('0701234567'), 'never the caller number');
  const offered = h.sent.find((e) => e.kind === 'offered');
  assert.equal(offered?.kind === 'offered' && offered.sipCallId, 'abc@10.0.0.1', 'the Call-ID goes to main, which keeps a hash');
  h.stop();
});

test('failed outcomes and targets', () => {
  assert.equal(failedOutcome(486, 'failed'), 'busy');
  assert.equal(failedOutcome(603, 'failed'), 'rejected');
  assert.equal(failedOutcome(480, 'failed'), 'no-answer');
  assert.equal(failedOutcome(0, 'no-answer'), 'no-answer');
  assert.equal(failedOutcome(500, 'failed'), 'failed');
  assert.equal(transferTargetOf('sip:2001@lab.vaxel;transport=ws'), '2001');
  assert.equal(transferTargetOf('0512-570 01'), '051257001');
  assert.equal(transferTargetOf('Åsa'), 'unknown');
});

test('the CANCEL Reason tells answered elsewhere and the PBX giving up from the caller hanging up', () => {
  assert.equal(cancelEndReason(['SIP;cause=200;text="Call completed elsewhere"']), 'answered-elsewhere');
  assert.equal(cancelEndReason(['Q.850;cause=16, SIP ; cause=200']), 'answered-elsewhere');
  assert.equal(cancelEndReason(['SIP;cause=480;text="Temporarily Unavailable"']), 'pbx-cancel');
  assert.equal(cancelEndReason(['Q.850;cause=16;text="Normal call clearing"']), 'remote-cancel');
  assert.equal(cancelEndReason([]), 'remote-cancel');
  assert.equal(cancelEndReason(['garbage;;;cause=']), 'remote-cancel');
});
