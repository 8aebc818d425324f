// Team migration 0002 on a real PostgreSQL: an operator role may read the shared tables and add
// changes, and nothing else: no DROP, ALTER, CREATE, UPDATE or DELETE, no other schema, and the
// server (not the console) says who made a change.
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
  const admin = await server.admin();
  await admin.query(`CREATE SCHEMA other; CREATE TABLE other.secrets (x text); INSERT INTO other.secrets VALUES ('no');`);
  await admin.query(`CREATE TABLE public.plain (x text)`);
  await admin.end();
  const login = await server.addOperator('op_anna');
  op = await server.connectAs(login.user, login.password);
});
after(async () => {
  await op?.end();
  await server?.stop();
});

const denied = /permission denied|must be owner/;

test('the operator adds a change and reads it back; db_role is its own login', { skip }, async () => {
  const r = await op.query(
    `INSERT INTO team.changes (change_id, kind, record_key, value, changed_at, operator) VALUES ($1, 'unit-notice', 'n-1', '{"text":"x"}', now(), 'Anna')
     RETURNING seq, outcome, db_role`,
    [randomUUID()],
  );
  assert.equal(r.rows[0].db_role, 'op_anna');
  const rec = await op.query(`SELECT db_role FROM team.records WHERE record_key = 'n-1'`);
  assert.equal(rec.rows[0].db_role, 'op_anna');
});

test('the operator cannot forge who or the outcome', { skip }, async () => {
  await assert.rejects(
    op.query(`INSERT INTO team.changes (change_id, kind, record_key, changed_at, operator, db_role) VALUES ($1, 'unit-notice', 'n-2', now(), 'A', 'vaxel_admin')`, [randomUUID()]),
    denied,
  );
  await assert.rejects(op.query(`INSERT INTO team.changes (change_id, kind, record_key, changed_at, operator, outcome) VALUES ($1, 'unit-notice', 'n-2', now(), 'A', 'won')`, [randomUUID()]), denied);
});

test('no UPDATE, DELETE or TRUNCATE of the shared tables', { skip }, async () => {
  await assert.rejects(op.query(`UPDATE team.records SET value = NULL`), denied);
  await assert.rejects(op.query(`DELETE FROM team.records`), denied);
  await assert.rejects(op.query(`DELETE FROM team.changes`), denied);
  await assert.rejects(op.query(`TRUNCATE team.history`), denied);
  await assert.rejects(op.query(`INSERT INTO team.records (kind, record_key, change_id, changed_at, operator, db_role) VALUES ('unit-notice', 'z', gen_random_uuid(), now(), 'A', 'A')`), denied);
});

test('no DDL: DROP, ALTER, CREATE are refused', { skip }, async () => {
  await assert.rejects(op.query(`DROP TABLE team.records`), denied);
  await assert.rejects(op.query(`ALTER TABLE team.changes DROP CONSTRAINT call_record_no_caller`), denied);
  await assert.rejects(op.query(`CREATE TABLE team.mine (x int)`), denied);
  await assert.rejects(op.query(`CREATE TABLE public.mine (x int)`), denied);
  await assert.rejects(op.query(`CREATE SCHEMA mine`), denied);
  await assert.rejects(op.query(`DROP TRIGGER changes_apply ON team.changes`), denied);
  await assert.rejects(op.query(`INSERT INTO team.kinds VALUES ('orders', 'x')`), denied);
});

test('another schema, and other tables, cannot be read', { skip }, async () => {
  await assert.rejects(op.query(`SELECT * FROM other.secrets`), denied);
  await assert.rejects(op.query(`SELECT * FROM public.plain`), denied);
  await assert.rejects(op.query(`SELECT * FROM team.schema_migrations`), denied);
});

test('a role outside vaxel_operator cannot even use the team schema', { skip }, async () => {
  const admin = await server.admin();
  await admin.query(`CREATE ROLE stranger LOGIN PASSWORD 'stranger-pw'`);
  await admin.end();
  await assert.rejects(server.connectAs('stranger', 'stranger-pw'), /permission denied for database|not have CONNECT/);
});
