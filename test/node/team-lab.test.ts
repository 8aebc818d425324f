// The lab's team store (issue 13 point 6): a real PostgreSQL migrated by the admin, with a login
// role per lab operator (lab/lab.json), each of whom can log in as a member of vaxel_operator and
// nothing more; both operators' settings point at the same server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { loadLabManifest } from '../../lab/manifest';
import { startLabTeamStore } from '../../lab/postgres/teamStore';
import { postgresAvailable } from '../support/team-postgres';

test('the lab starts a team store and both lab operators log in with their own roles', { skip: postgresAvailable() }, async () => {
  const base = loadLabManifest();
  assert.ok(base.teamStore, 'lab.json has a teamStore section');
  const manifest = { ...base, teamStore: { ...base.teamStore, port: 0 } };
  const team = await startLabTeamStore(manifest);
  try {
    const users = manifest.operators.map((_, i) => team.settingsFor(i));
    assert.equal(users.length, 2);
    assert.equal(new Set(users.map((u) => `${u.host}:${u.port}/${u.database}`)).size, 1, 'one server for both');
    for (const s of users) {
      const c = new pg.Client({ host: s.host, port: s.port, user: s.user, password: s.password, database: s.database });
      await c.connect();
      const r = await c.query(`SELECT pg_has_role(current_user, 'vaxel_operator', 'member') AS member, (SELECT count(*)::int FROM team.kinds) AS kinds`);
      assert.deepEqual(r.rows[0], { member: true, kinds: 7 });
      await assert.rejects(c.query('CREATE TABLE team.x (i int)'), /permission denied/);
      await c.end();
    }
  } finally {
    await team.stop();
  }
});
