// Team migration 0001 on a real PostgreSQL: the change log applies a change, records who and when,
// keeps replaced values in history, skips a replayed change id, and settles a conflict by time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { teamMigration0001ChangeLog } from '../../main/services/team/migrations/0001-change-log';
import { postgresAvailable, startTeamServer, type TeamServer } from '../support/team-postgres';

const skip = postgresAvailable();
let server: TeamServer;
let admin: pg.Client;

before(async () => {
  if (skip) return;
  server = await startTeamServer({ migrations: [teamMigration0001ChangeLog] });
  admin = await server.admin();
  await admin.query(`INSERT INTO team.kinds VALUES ('thing', 'a test kind')`);
});
after(async () => {
  await admin?.end();
  await server?.stop();
});

const insert = (c: pg.Client, key: string, value: unknown, changedAt: string, base: string | null = null, id = randomUUID()) =>
  c.query(
    `INSERT INTO team.changes (change_id, kind, record_key, value, base_change_id, changed_at, operator) VALUES ($1, 'thing', $2, $3, $4, $5, 'op')
     RETURNING seq, change_id, outcome, loser_change_id, db_role`,
    [id, key, JSON.stringify(value), base, changedAt],
  );

test('a change becomes the record, with the server-side role and a seq', { skip }, async () => {
  const r = await insert(admin, 'a', { n: 1 }, '2026-12-01T10:00:00Z');
  assert.equal(r.rows[0].outcome, 'applied');
  assert.equal(r.rows[0].db_role, server.pg.admin.user);
  const rec = await admin.query(`SELECT value, operator, db_role FROM team.records WHERE kind = 'thing' AND record_key = 'a'`);
  assert.deepEqual(rec.rows[0], { value: { n: 1 }, operator: 'op', db_role: server.pg.admin.user });
});

test('a replayed change id is skipped: applied once', { skip }, async () => {
  const id = randomUUID();
  const first = await insert(admin, 'b', { n: 1 }, '2026-12-01T10:00:00Z', null, id);
  const again = await insert(admin, 'b', { n: 1 }, '2026-12-01T10:00:00Z', null, id);
  assert.equal(first.rowCount, 1);
  assert.equal(again.rowCount, 0);
  const n = await admin.query(`SELECT count(*)::int AS n FROM team.changes WHERE change_id = $1`, [id]);
  assert.equal(n.rows[0].n, 1);
});

test('an edit on the current version replaces it; the old value stays in history', { skip }, async () => {
  const first = await insert(admin, 'c', { n: 1 }, '2026-12-01T10:00:00Z');
  const second = await insert(admin, 'c', { n: 2 }, '2026-12-01T09:00:00Z', first.rows[0].change_id);
  assert.equal(second.rows[0].outcome, 'applied'); // no conflict: it saw version 1, so its clock does not matter
  const h = await admin.query(`SELECT value, reason, by_change_id FROM team.history WHERE record_key = 'c'`);
  assert.deepEqual(h.rows, [{ value: { n: 1 }, reason: 'replaced', by_change_id: second.rows[0].change_id }]);
});

test('conflict: the later change wins either way round, the loser stays in history and is named', { skip }, async () => {
  const base = await insert(admin, 'd', { v: 'base' }, '2026-12-01T08:00:00Z');
  const baseId = base.rows[0].change_id;
  await insert(admin, 'd', { v: 'later' }, '2026-12-01T10:00:00Z', baseId);
  const earlier = await insert(admin, 'd', { v: 'earlier' }, '2026-12-01T09:00:00Z', baseId); // arrives last, made first
  assert.equal(earlier.rows[0].outcome, 'lost');
  assert.equal(earlier.rows[0].loser_change_id, earlier.rows[0].change_id);
  const rec = await admin.query(`SELECT value FROM team.records WHERE record_key = 'd'`);
  assert.deepEqual(rec.rows[0].value, { v: 'later' });
  const lost = await admin.query(`SELECT value FROM team.history WHERE record_key = 'd' AND reason = 'lost'`);
  assert.deepEqual(lost.rows[0].value, { v: 'earlier' });

  const e1 = await insert(admin, 'e', { v: 'base' }, '2026-12-01T08:00:00Z');
  await insert(admin, 'e', { v: 'first-sent' }, '2026-12-01T09:00:00Z', e1.rows[0].change_id);
  const winner = await insert(admin, 'e', { v: 'made-later' }, '2026-12-01T10:00:00Z', e1.rows[0].change_id);
  assert.equal(winner.rows[0].outcome, 'won');
  assert.ok(winner.rows[0].loser_change_id);
  const replaced = await admin.query(`SELECT value FROM team.history WHERE record_key = 'e' AND by_change_id = $1`, [winner.rows[0].change_id]);
  assert.deepEqual(replaced.rows[0].value, { v: 'first-sent' });
});

test('the change log and history are append-only', { skip }, async () => {
  await assert.rejects(admin.query(`UPDATE team.changes SET operator = 'x'`), /append-only/);
  await assert.rejects(admin.query(`DELETE FROM team.history`), /append-only/);
});

test('every insert notifies team_changes with its seq', { skip }, async () => {
  const listener = await server.admin();
  try {
    await listener.query('LISTEN team_changes');
    const got = new Promise<string>((resolve) => listener.once('notification', (n) => resolve(n.payload ?? '')));
    const r = await insert(admin, 'f', { n: 1 }, '2026-12-01T10:00:00Z');
    assert.equal(await got, String(r.rows[0].seq));
  } finally {
    await listener.end();
  }
});
