// Two consoles on one real PostgreSQL (issue 13 points 3, 4, 7): a change at one reaches the
// other by NOTIFY; with the server stopped mid-work each queues its changes and, when it is back,
// they are applied exactly once and each console catches up on what it missed; a conflict is won
// by the later change, the loser is kept in history and its operator is told.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postgresAvailable, startTeamServer, type TeamServer } from '../support/team-postgres';
import { openTestConsole, teamSettingsFor, untilState, type TestConsole } from '../support/team-console';

const skip = postgresAvailable();
let server: TeamServer;
let one: TestConsole;
let two: TestConsole;

before(async () => {
  if (skip) return;
  server = await startTeamServer();
  one = openTestConsole('anna', await teamSettingsFor(server, 'op_anna'));
  two = openTestConsole('bo', await teamSettingsFor(server, 'op_bo'));
  one.sync.start();
  two.sync.start();
  await untilState(one, 'online');
  await untilState(two, 'online');
});
after(async () => {
  await one?.close();
  await two?.close();
  await server?.stop();
});

const adminQuery = async (sql: string, params: unknown[] = []) => {
  const a = await server.admin();
  try {
    return (await a.query(sql, params)).rows;
  } finally {
    await a.end();
  }
};

test('a notice added at console 1 reaches console 2 by NOTIFY, with who made it', { skip }, async () => {
  const seen = two.nextRemote('unit-notice');
  one.sync.record('unit-notice', 'n-1', { unitId: 'u1', text: 'Stängt i dag', reportedBy: 'Eva Chef' });
  await seen;
  const copy = two.sync.get('unit-notice', 'n-1');
  assert.deepEqual(copy?.value, { unitId: 'u1', text: 'Stängt i dag', reportedBy: 'Eva Chef' });
  assert.equal(copy?.operator, 'anna');
  const [row] = await adminQuery(`SELECT db_role, operator FROM team.records WHERE record_key = 'n-1'`);
  assert.deepEqual(row, { db_role: 'op_anna', operator: 'anna' });
});

test('server stopped mid-work: queued changes are applied once after restart and both catch up', { skip }, async () => {
  await server.pg.stop();
  await untilState(one, 'offline');
  await untilState(two, 'offline');
  for (let i = 0; i < 5; i++) one.sync.record('message-callback', `m-${i}`, { done: i % 2 === 0 });
  two.sync.record('unit-hours', 'u2', { weekly: [] });
  assert.equal(one.sync.status().queued, 5);
  assert.equal(two.sync.status().queued, 1);
  assert.deepEqual(one.sync.get('message-callback', 'm-0')?.value, { done: true }, 'the local copy reads the change while offline');
  await server.pg.start();
  await untilState(one, 'online');
  await untilState(two, 'online');
  await one.sync.settled();
  await two.sync.settled();
  // Each side's pass may run before the other's queue reached the server: one more NOTIFY-driven pass settles it.
  const deadline = Date.now() + 10_000;
  while (!(two.sync.get('message-callback', 'm-4') && one.sync.get('unit-hours', 'u2')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(two.sync.get('message-callback', 'm-4')?.value, { done: true });
  assert.deepEqual(one.sync.get('unit-hours', 'u2')?.value, { weekly: [] });
  const counts = await adminQuery(`SELECT record_key, count(*)::int AS n FROM team.changes WHERE kind = 'message-callback' GROUP BY record_key ORDER BY record_key`);
  assert.deepEqual(
    counts,
    [0, 1, 2, 3, 4].map((i) => ({ record_key: `m-${i}`, n: 1 })),
  );
  assert.equal(one.sync.status().queued, 0);
});

async function offlineBoth(): Promise<void> {
  await server.pg.stop();
  await untilState(one, 'offline');
  await untilState(two, 'offline');
}

test('conflict, loser sent first: the later change wins, history keeps the loser, and the loser is told', { skip }, async () => {
  const seen = two.nextRemote('unit-hours');
  one.sync.record('unit-hours', 'u9', { weekly: ['base'] });
  await seen;
  await offlineBoth();
  one.setNow(Date.parse('2026-12-01T09:00:00Z'));
  one.sync.record('unit-hours', 'u9', { weekly: ['anna-09'] });
  two.setNow(Date.parse('2026-12-01T10:00:00Z'));
  two.sync.record('unit-hours', 'u9', { weekly: ['bo-10'] });
  one.setNow(undefined);
  two.setNow(undefined);
  two.sync.stop(); // bo stays away while anna's earlier change reaches the server
  await server.pg.start();
  await untilState(one, 'online');
  await one.sync.settled();
  assert.equal(one.conflicts.length, 0, 'nothing lost yet');
  const toldAnna = new Promise<void>((resolve) => {
    const check = () => (one.conflicts.length ? resolve() : setTimeout(check, 10));
    check();
  });
  two.sync.start();
  await untilState(two, 'online');
  await two.sync.settled();
  await toldAnna;
  assert.deepEqual(
    one.conflicts.map((c) => [c.kind, c.recordKey, c.winner]),
    [['unit-hours', 'u9', 'bo']],
  );
  assert.equal(two.conflicts.length, 0);
  const [rec] = await adminQuery(`SELECT value FROM team.records WHERE record_key = 'u9'`);
  assert.deepEqual(rec.value, { weekly: ['bo-10'] });
  const history = await adminQuery(`SELECT value, reason FROM team.history WHERE record_key = 'u9' ORDER BY id`);
  assert.ok(history.some((h) => h.reason === 'replaced' && h.value.weekly[0] === 'anna-09'));
  const deadline = Date.now() + 5000;
  while (one.sync.get('unit-hours', 'u9')?.value && (one.sync.get('unit-hours', 'u9')!.value as { weekly: string[] }).weekly[0] !== 'bo-10' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(one.sync.get('unit-hours', 'u9')?.value, { weekly: ['bo-10'] }, 'anna now shows the winner');
});

test('conflict, loser sent last: its change is refused as lost, kept in history, and it is told', { skip }, async () => {
  const seen = two.nextRemote('message-callback');
  one.sync.record('message-callback', 'cb-7', { done: false });
  await seen;
  await offlineBoth();
  one.setNow(Date.parse('2026-12-02T11:00:00Z'));
  one.sync.record('message-callback', 'cb-7', { done: true, by: 'anna' });
  two.setNow(Date.parse('2026-12-02T10:00:00Z'));
  two.sync.record('message-callback', 'cb-7', { done: true, by: 'bo' });
  one.setNow(undefined);
  two.setNow(undefined);
  two.sync.stop();
  await server.pg.start();
  await untilState(one, 'online');
  await one.sync.settled();
  two.sync.start();
  await untilState(two, 'online');
  await two.sync.settled();
  assert.deepEqual(
    two.conflicts.map((c) => [c.recordKey, c.winner]),
    [['cb-7', 'anna']],
  );
  assert.deepEqual(two.sync.get('message-callback', 'cb-7')?.value, { done: true, by: 'anna' }, 'bo shows the winner');
  const lost = await adminQuery(`SELECT value FROM team.history WHERE record_key = 'cb-7' AND reason = 'lost'`);
  assert.deepEqual(lost[0]?.value, { done: true, by: 'bo' });
});
