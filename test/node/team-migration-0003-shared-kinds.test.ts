// Team migration 0003 on a real PostgreSQL: the shared kinds exist, a call record carrying the
// caller's number is refused (P-SECRECY), and the typed views read the JSON values.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { postgresAvailable, startTeamServer, type TeamServer } from '../support/team-postgres';

const skip = postgresAvailable();
let server: TeamServer;
let op: pg.Client;

before(async () => {
  if (skip) return;
  server = await startTeamServer();
  const login = await server.addOperator('op_bo');
  op = await server.connectAs(login.user, login.password);
});
after(async () => {
  await op?.end();
  await server?.stop();
});

const add = (kind: string, key: string, value: unknown) =>
  op.query(`INSERT INTO team.changes (change_id, kind, record_key, value, changed_at, operator) VALUES ($1, $2, $3, $4, now(), 'Bo') RETURNING outcome`, [
    randomUUID(),
    kind,
    key,
    JSON.stringify(value),
  ]);

test('the shared kinds are registered; an unknown kind is refused', { skip }, async () => {
  const kinds = (await op.query(`SELECT kind FROM team.kinds ORDER BY kind`)).rows.map((r) => r.kind);
  for (const kind of ['call-record', 'message-callback', 'night-service', 'switchboard-hours', 'unit-hours', 'unit-notice']) assert.ok(kinds.includes(kind), kind);
  await assert.rejects(add('gossip', 'x', {}), /foreign key/);
});

test('a call record with the caller number is refused, and nothing of it is kept', { skip }, async () => {
  await assert.rejects(add('call-record', 'call-1', { outcome: 'answered', callerNumber: '0701234567' }), /call_record_no_caller/);
  const n = await op.query(`SELECT count(*)::int AS n FROM team.records WHERE record_key = 'call-1'`);
  assert.equal(n.rows[0].n, 0);
});

test('the views give typed columns', { skip }, async () => {
  await add('call-record', 'call-2', { outcome: 'answered', switchboardId: 'essunga', offeredAt: Date.parse('2026-12-01T10:00:00Z'), answeredAt: Date.parse('2026-12-01T10:00:05Z') });
  const c = await op.query(`SELECT outcome, switchboard_id, extract(epoch FROM answered_at - offered_at)::int AS wait FROM team.call_records WHERE call_id = 'call-2'`);
  assert.deepEqual(c.rows[0], { outcome: 'answered', switchboard_id: 'essunga', wait: 5 });
  await add('unit-notice', 'n-1', { unitId: 'u1', text: 'Stängt fredag', validTo: '2026-12-05T16:00:00Z', reportedBy: 'Eva Chef' });
  const n = await op.query(`SELECT unit_id, reported_by, removed FROM team.unit_notices WHERE id = 'n-1'`);
  assert.deepEqual(n.rows[0], { unit_id: 'u1', reported_by: 'Eva Chef', removed: false });
});
