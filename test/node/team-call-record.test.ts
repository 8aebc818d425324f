// The call record a console shares for statistics (issue 14 point 1): the call log's events
// merge into one row per call leg, and the shared record v2 carries the queue outcome, the
// switchboard's durations and every transfer attempt with directory ids; it parses against the
// contract, holds no caller data and no Call-ID, and a leg another console answered is not shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEvent } from '../../common/ipc/contract';
import { SharedCallRecord } from '../../common/statistics/record';
import { callKeyOf, mergeCallEvent, type CallRow } from '../../main/services/callLog/merge';
import { sharedCallRecord, type TransferTargetResolver } from '../../main/services/team/callRecord';

const T0 = Date.UTC(2026, 11, 4, 8, 0, 0);
const SIP_CALL_ID = 'a84b4c76e66710@pc33.example.se';
const directory: TransferTargetResolver = async (target) => ({ '2001': { personId: 'p-anna', unitId: 'u-bygg' }, '2002': { personId: null, unitId: 'u-soc' } })[target] ?? null;

function rowOf(events: CallEvent[]): CallRow {
  let row: CallRow | undefined;
  for (const e of events) row = mergeCallEvent(row, e, 'op_ada').row;
  return row!;
}

const offered: CallEvent = { callId: 'c1', kind: 'offered', at: T0, switchboardId: 'essunga', dialledNumber: '0512-57000', sipCallId: SIP_CALL_ID };

test('answered and transferred twice: busy, then answered; durations from the events', async () => {
  const events: CallEvent[] = [
    offered,
    { callId: 'c1', kind: 'answered', at: T0 + 4000 },
    { callId: 'c1', kind: 'transfer', at: T0 + 30000, transferKind: 'blind', target: '2002', result: 'busy', answeredAt: null },
    { callId: 'c1', kind: 'transfer', at: T0 + 15000, transferKind: 'announced', target: '2001', result: 'rejected', answeredAt: T0 + 19000 },
    { callId: 'c1', kind: 'transfer', at: T0 + 45000, transferKind: 'safe', target: '2001', result: 'answered', answeredAt: T0 + 52000 },
    { callId: 'c1', kind: 'transfer', at: T0 + 45000, transferKind: 'safe', target: '2001', result: 'answered', answeredAt: T0 + 52000 }, // re-sent
    { callId: 'c1', kind: 'transferred', at: T0 + 53000 },
    { callId: 'c1', kind: 'ended', at: T0 + 53000, outcome: 'transferred' },
  ];
  const shared = await sharedCallRecord(rowOf(events), directory);
  assert.ok(shared);
  assert.equal(shared.key, `${callKeyOf(SIP_CALL_ID)}/op_ada`);
  const r = SharedCallRecord.parse(shared.record);
  assert.equal(r.callKey, callKeyOf(SIP_CALL_ID));
  assert.equal(r.queueOutcome, 'answered');
  assert.equal(r.queueMs, 4000);
  assert.equal(r.answerMs, 4000);
  assert.equal(r.connectMs, 11000, 'answered to the first transfer placed');
  assert.deepEqual(
    r.transfers.map((t) => [t.kind, t.outcome, t.unitId, t.personId, t.answeredAfterMs, t.retry]),
    [
      ['announced', 'rejected', 'u-bygg', 'p-anna', 4000, false],
      ['blind', 'busy', 'u-soc', null, null, true],
      ['safe', 'answered', 'u-bygg', 'p-anna', 7000, true],
    ],
  );
  const text = JSON.stringify(shared);
  assert.ok(!text.includes(SIP_CALL_ID) && !text.includes('pc33'), 'never the Call-ID itself');
  assert.ok(!text.includes('0512'), 'never the dialled number');
});

test('queue outcomes: the caller hung up, the PBX gave up, another console answered (not shared)', async () => {
  const ended = (queueEnd: 'caller' | 'pbx' | 'elsewhere', outcome: 'abandoned' | 'missed'): CallEvent[] => [offered, { callId: 'c1', kind: 'ended', at: T0 + 9000, outcome, queueEnd }];
  const abandoned = await sharedCallRecord(rowOf(ended('caller', 'abandoned')), directory);
  assert.equal(abandoned?.record.queueOutcome, 'abandoned');
  assert.equal(abandoned?.record.queueMs, 9000);
  assert.equal(abandoned?.record.answerMs, null);
  const missed = await sharedCallRecord(rowOf(ended('pbx', 'missed')), directory);
  assert.equal(missed?.record.queueOutcome, 'missed');
  assert.equal(await sharedCallRecord(rowOf(ended('elsewhere', 'abandoned')), directory), null, 'the console that answered shares the call');
  const ringing = await sharedCallRecord(rowOf([offered]), directory);
  assert.equal(ringing?.record.queueOutcome, null, 'still in the queue');
});

test('a directory that fails to answer leaves the ids empty, never the record', async () => {
  const failing: TransferTargetResolver = async () => {
    throw new Error('directory closed');
  };
  const shared = await sharedCallRecord(
    rowOf([
      offered,
      { callId: 'c1', kind: 'answered', at: T0 + 1000 },
      { callId: 'c1', kind: 'transfer', at: T0 + 5000, transferKind: 'blind', target: '2001', result: 'no-answer', answeredAt: null },
    ]),
    failing,
  );
  assert.deepEqual(
    shared?.record.transfers.map((t) => [t.unitId, t.personId, t.outcome]),
    [[null, null, 'no-answer']],
  );
});

test('a row logged before the Call-ID was kept gets a key of its own', async () => {
  const row = rowOf([{ callId: 'old', kind: 'offered', at: T0 }]);
  const shared = await sharedCallRecord({ ...row, call_key: null }, directory);
  assert.equal(shared?.record.callKey, callKeyOf('local:old'));
});
