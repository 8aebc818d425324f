// Team migration 0004 on a real PostgreSQL: orders are a shared kind, the typed view reads the
// shared order, and an operator can read the view but not change a record behind the change log.
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
  const login = await server.addOperator('op_ada');
  op = await server.connectAs(login.user, login.password);
});
after(async () => {
  await op?.end();
  await server?.stop();
});

test('an order shared as a change shows in team.orders with typed columns and its operator', { skip }, async () => {
  const order = {
    id: randomUUID(),
    kind: 'extension-new',
    status: 'bestalld',
    managerName: 'Eva Chef',
    personName: 'Bo Nyman',
    unitId: 'u-it',
    unitName: 'IT-enheten',
    fromDate: '2027-01-04',
    number: '0512-57000',
    createdAt: Date.parse('2026-12-05T08:00:00Z'),
    createdBy: 'ada',
    updatedAt: Date.parse('2026-12-05T09:00:00Z'),
    updatedBy: 'ada',
    history: [],
  };
  await op.query(`INSERT INTO team.changes (change_id, kind, record_key, value, changed_at, operator) VALUES ($1, 'order', $2, $3, now(), 'ada')`, [randomUUID(), order.id, JSON.stringify(order)]);
  const r = await op.query(
    `SELECT order_kind, status, unit, from_date::text AS from_date, number, db_role, extract(hour FROM updated_at AT TIME ZONE 'UTC')::int AS h FROM team.orders WHERE id = $1`,
    [order.id],
  );
  assert.deepEqual(r.rows[0], { order_kind: 'extension-new', status: 'bestalld', unit: 'IT-enheten', from_date: '2027-01-04', number: '0512-57000', db_role: 'op_ada', h: 9 });
  await assert.rejects(op.query(`UPDATE team.records SET value = '{}' WHERE kind = 'order'`), /permission denied/);
});
