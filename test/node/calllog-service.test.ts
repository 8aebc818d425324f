import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallEvent } from '../../common/ipc/contract';
import { createServices } from '../../main/services/app/createServices';
import { mergeCallEvent, openCallLog, percentile, type CallRow } from '../../main/services/callLog';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { sampleSettings } from './settings.fixture';

const T0 = Date.UTC(2025, 2, 3, 8, 0, 0); // a Monday morning
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-calllog-'));

function open(operator: string | undefined = 'vaxel1') {
  const dir = tmpDir();
  const log = createMemoryLogger();
  const file = path.join(dir, 'vaxel.sqlite');
  const { callLog } = openCallLog({ key: null, file, log, operator: () => operator });
  return { dir, file, log, callLog };
}

const DIALLED = '0512-570 00';
const transferredCall = (id: string, t = T0): CallEvent[] => [
  { callId: id, kind: 'offered', at: t, dialledNumber: DIALLED, switchboardId: 'essunga' },
  { callId: id, kind: 'answered', at: t + 4_000 },
  { callId: id, kind: 'transferred', at: t + 19_000 },
  { callId: id, kind: 'ended', at: t + 20_000, outcome: 'transferred' },
];

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

test('events in every order, each sent twice, give one and the same correct row', () => {
  const { callLog } = open();
  const events = transferredCall('c-1');
  const orders = permutations(events);
  assert.equal(orders.length, 24);
  orders.forEach((order, i) => {
    const id = `perm-${i}`;
    for (const event of [...order, ...order.reverse()]) callLog.record({ ...event, callId: id });
  });
  const rows = callLog.listRecent({ limit: 500 });
  assert.equal(rows.length, 24, 'one row per call, no duplicates');
  for (const row of rows) {
    assert.deepEqual(
      { ...row, callId: 'x' },
      {
        callId: 'x',
        offeredAt: T0,
        offeredAtEstimated: false,
        answeredAt: T0 + 4_000,
        transferredAt: T0 + 19_000,
        endedAt: T0 + 20_000,
        outcome: 'transferred',
        dialledNumber: DIALLED,
        switchboardId: 'essunga',
        referral: null,
        operator: 'vaxel1',
        dialOut: null,
      },
    );
  }
});

test('a duplicate reports changed: false and writes nothing; a late offer replaces the estimate', () => {
  const { callLog } = open();
  assert.deepEqual(callLog.record({ callId: 'a', kind: 'ended', at: T0 + 9_000, outcome: 'abandoned' }), { changed: true });
  assert.deepEqual(callLog.record({ callId: 'a', kind: 'ended', at: T0 + 9_000, outcome: 'abandoned' }), { changed: false });
  let [row] = callLog.listRecent({ limit: 1 });
  assert.equal(row?.offeredAt, T0 + 9_000);
  assert.equal(row?.offeredAtEstimated, true, 'the offer time is a stand-in until the offered event comes');
  assert.deepEqual(callLog.record({ callId: 'a', kind: 'offered', at: T0 }), { changed: true });
  [row] = callLog.listRecent({ limit: 1 });
  assert.equal(row?.offeredAt, T0);
  assert.equal(row?.offeredAtEstimated, false);
  assert.equal(row?.dialledNumber, null, 'no dialled number given, none stored');
});

test('merge rules: the earliest moment wins, the first outcome stays, a clock step back pulls the offer down', () => {
  const base = mergeCallEvent(undefined, { callId: 'm', kind: 'offered', at: T0 + 1000 }, 'op').row;
  const answered = mergeCallEvent(base, { callId: 'm', kind: 'answered', at: T0 + 3000 }, 'other').row;
  assert.equal(answered.operator, 'op', 'a call keeps the operator it was first logged for');
  assert.equal(mergeCallEvent(answered, { callId: 'm', kind: 'answered', at: T0 + 2000 }, 'op').row.answered_at, T0 + 2000);
  const ended: CallRow = mergeCallEvent(answered, { callId: 'm', kind: 'ended', at: T0 + 5000, outcome: 'answered' }, 'op').row;
  assert.equal(mergeCallEvent(ended, { callId: 'm', kind: 'ended', at: T0 + 5000, outcome: 'failed' }, 'op').row.outcome, 'answered');
  const skew = mergeCallEvent(base, { callId: 'm', kind: 'answered', at: T0 + 500 }, 'op');
  assert.equal(skew.clockSkew, true);
  assert.equal(skew.row.offered_at, T0 + 500, 'the table requires answered_at >= offered_at');
});

test('recent calls come newest first, with paging by offer time', () => {
  const { callLog } = open();
  for (let i = 0; i < 5; i++) callLog.record({ callId: `r${i}`, kind: 'offered', at: T0 + i * 60_000 });
  assert.deepEqual(
    callLog.listRecent({ limit: 3 }).map((r) => r.callId),
    ['r4', 'r3', 'r2'],
  );
  assert.deepEqual(
    callLog.listRecent({ limit: 3, before: T0 + 2 * 60_000 }).map((r) => r.callId),
    ['r1', 'r0'],
  );
});

test('P-FAST figures: time to answer and to connect, median and p90 over a period, per operator', () => {
  const { callLog } = open();
  // Ten answered calls with answer times 1..10 s; the odd ones transferred 20/40/60/80/100 s after answer.
  for (let i = 1; i <= 10; i++) {
    const t = T0 + i * 600_000;
    callLog.record({ callId: `s${i}`, kind: 'offered', at: t });
    callLog.record({ callId: `s${i}`, kind: 'answered', at: t + i * 1000 });
    if (i % 2) callLog.record({ callId: `s${i}`, kind: 'transferred', at: t + i * 1000 + i * 10_000 });
    callLog.record({ callId: `s${i}`, kind: 'ended', at: t + 200_000, outcome: i % 2 ? 'transferred' : 'answered' });
  }
  callLog.record({ callId: 'gone', kind: 'offered', at: T0 + 1000 });
  callLog.record({ callId: 'gone', kind: 'ended', at: T0 + 30_000, outcome: 'abandoned' });
  callLog.record({ callId: 'open', kind: 'offered', at: T0 + 2000 });
  // Answered but its offer never arrived: counted, yet kept out of time to answer.
  callLog.record({ callId: 'no-offer', kind: 'answered', at: T0 + 3000 });
  callLog.record({ callId: 'outside', kind: 'offered', at: T0 - 1 });
  callLog.record({ callId: 'outside', kind: 'answered', at: T0 + 999_999 });

  const stats = callLog.stats({ from: T0, to: T0 + 86_400_000 });
  assert.equal(stats.offered, 13);
  assert.deepEqual(stats.outcomes, { answered: 5, transferred: 5, abandoned: 1, missed: 0, rejected: 0, failed: 0 });
  assert.equal(stats.open, 2);
  assert.deepEqual(stats.timeToAnswer, { count: 10, medianMs: 5000, p90Ms: 9000 });
  assert.deepEqual(stats.timeToConnect, { count: 5, medianMs: 50_000, p90Ms: 90_000 });
  assert.equal(callLog.stats({ from: T0, to: T0 + 86_400_000, operator: 'someone-else' }).offered, 0);
  const empty = callLog.stats({ from: T0 - 10_000, to: T0 - 5_000 });
  assert.deepEqual(empty.timeToAnswer, { count: 0, medianMs: null, p90Ms: null });
  assert.equal(percentile([7], 0.9), 7);
  assert.equal(percentile([1, 2], 0.5), 1);
});

test('the database file is 0600, and no number reaches the log while calls are recorded and read', () => {
  const { callLog, file, log } = open();
  const caller = '0701234567';
  for (const event of transferredCall('secret-call')) callLog.record(event);
  callLog.record({ callId: 'secret-2', kind: 'offered', at: T0, dialledNumber: '+46 512 570 00' });
  callLog.listRecent({ limit: 10 });
  callLog.stats({ from: T0, to: T0 + 1000 });
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const text = log.lines.join('\n');
  assert.ok(
    log.lines.some((l) => l.includes('calllog.event')),
    'the call log does log (codes)',
  );
  for (const secret of [caller, DIALLED, '57000', '+46 512 570 00', 'secret-call', 'vaxel1']) assert.ok(!text.includes(secret), `log holds ${secret}`);
  callLog.close();
  assert.throws(() => callLog.listRecent({ limit: 1 }), /closed/);
});

function services(withSettings = true) {
  const dataDir = tmpDir();
  const log = createMemoryLogger();
  const s = createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'k'), log), log });
  return { s, log, dataDir, ready: withSettings ? s.dispatch('saveSettings', sampleSettings()) : Promise.resolve() };
}

test('through the dispatcher: valid events are stored with the operator from settings, not from the renderer', async () => {
  const { s, ready, dataDir } = services();
  await ready;
  assert.ok(fs.existsSync(path.join(dataDir, 'vaxel.sqlite')), 'opened in the data dir');
  assert.deepEqual(await s.dispatch('recordCallEvent', { callId: 'd1', kind: 'offered', at: T0, dialledNumber: '0514-580 00', switchboardId: 'grastorp' }), { ok: true, value: { changed: true } });
  const sneaky = await s.dispatch('recordCallEvent', { callId: 'd1', kind: 'answered', at: T0 + 1, operator: 'mallory' });
  assert.equal(!sneaky.ok && sneaky.error.code, 'invalid-payload', 'unknown fields are refused, the operator above all');
  const list = await s.dispatch('listRecentCalls', { limit: 5 });
  assert.ok(list.ok);
  assert.deepEqual(
    (list.value as { operator: string; dialledNumber: string }[]).map((r) => [r.operator, r.dialledNumber]),
    [['vaxel1', '0514-580 00']],
  );
  const stats = await s.dispatch('getCallStats', { from: T0, to: T0 + 3_600_000 });
  assert.equal(stats.ok && (stats.value as { offered: number }).offered, 1);
  s.close();
});

test('through the dispatcher: invalid payloads are rejected with the field named, and nothing is written', async () => {
  const { s, ready, log } = services();
  await ready;
  const bad: [unknown, RegExp][] = [
    [{ callId: 'x', kind: 'offered' }, /at/],
    [{ callId: '', kind: 'offered', at: T0 }, /callId/],
    [{ callId: 'x'.repeat(65), kind: 'offered', at: T0 }, /callId/],
    [{ callId: 'a b', kind: 'offered', at: T0 }, /callId/],
    [{ callId: 'x', kind: 'offered', at: 1000 }, /at: before 2020/],
    [{ callId: 'x', kind: 'offered', at: T0 + 0.5 }, /at/],
    [{ callId: 'x', kind: 'offered', at: Date.now() + 3 * 86_400_000 }, /at: more than a day in the future/],
    [{ callId: 'x', kind: 'offered', at: T0, dialledNumber: 'sip:0701234567@evil' }, /dialledNumber/],
    [{ callId: 'x', kind: 'ringing', at: T0 }, /kind/],
    [{ callId: 'x', kind: 'ended', at: T0 }, /outcome/],
    [{ callId: 'x', kind: 'ended', at: T0, outcome: 'exploded' }, /outcome/],
    [{ callId: 'x', kind: 'answered', at: T0, dialledNumber: '123' }, /dialledNumber|Unrecognized/i],
    ['offered', /payload/],
  ];
  for (const [payload, field] of bad) {
    const result = await s.dispatch('recordCallEvent', payload);
    assert.equal(!result.ok && result.error.code, 'invalid-payload', JSON.stringify(payload));
    assert.match(!result.ok ? result.error.message : '', field, JSON.stringify(payload));
  }
  for (const query of [{ limit: 0 }, { limit: 501 }, { limit: 1.5 }, {}, { limit: 5, extra: 1 }]) {
    const result = await s.dispatch('listRecentCalls', query);
    assert.equal(!result.ok && result.error.code, 'invalid-payload', JSON.stringify(query));
  }
  for (const period of [{ from: T0, to: T0 }, { from: T0, to: T0 + 401 * 86_400_000 }, { from: T0 }]) {
    const result = await s.dispatch('getCallStats', period);
    assert.equal(!result.ok && result.error.code, 'invalid-payload', JSON.stringify(period));
  }
  const list = await s.dispatch('listRecentCalls', { limit: 10 });
  assert.deepEqual(list, { ok: true, value: [] }, 'nothing was written');
  assert.ok(!log.lines.join('\n').includes('0701234567'));
  s.close();
});

test('before setup there is no operator: the event fails clearly and nothing is written', async () => {
  const { s } = services(false);
  const result = await s.dispatch('recordCallEvent', { callId: 'early', kind: 'offered', at: T0 });
  assert.equal(!result.ok && result.error.code, 'handler-failed');
  assert.match(!result.ok ? result.error.message : '', /No operator/);
  assert.deepEqual(await s.dispatch('listRecentCalls', { limit: 10 }), { ok: true, value: [] });
  s.close();
});

test('a database newer than this app leaves the console running without a call log', async () => {
  const dataDir = tmpDir();
  const log = createMemoryLogger();
  const file = path.join(dataDir, 'vaxel.sqlite');
  const { callLog } = openCallLog({ key: null, file, log, operator: () => 'op' });
  callLog.close();
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(file);
  raw.pragma('user_version = 99');
  raw.close();
  const s = createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'k'), log), log });
  assert.equal(s.callLog, undefined);
  assert.ok(log.lines.some((l) => l.includes('calllog.open-failed')));
  const result = await s.dispatch('listRecentCalls', { limit: 1 });
  assert.equal(!result.ok && result.error.code, 'handler-failed');
  assert.equal((await s.dispatch('getSettings', undefined)).ok, true, 'the rest works');
  s.close();
});

test('a corrupt database is set aside by the opener and a fresh call log starts', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'vaxel.sqlite');
  fs.writeFileSync(file, 'not a database at all\n'.repeat(100));
  const log = createMemoryLogger();
  const { callLog, recovered } = openCallLog({ key: null, file, log, operator: () => 'op' });
  assert.ok(recovered && fs.existsSync(recovered.backupPath));
  callLog.record({ callId: 'fresh', kind: 'offered', at: T0 });
  assert.equal(callLog.listRecent({ limit: 5 }).length, 1);
  callLog.close();
});
