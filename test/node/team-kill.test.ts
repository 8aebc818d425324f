// SIGKILL of a console between queueing and sending, and while sending, loses nothing and
// duplicates nothing (issue 13 point 7): the child records changes (each id printed after its
// SQLite commit) and is killed -9; a console restarted on the same file sends the rest, and every
// printed change is on the server exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { TeamStoreSettings } from '../../common/team/settings';
import { postgresAvailable, startTeamServer, type TeamServer } from '../support/team-postgres';
import { openTestConsole, teamSettingsFor, untilState } from '../support/team-console';

const skip = postgresAvailable();
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), '../support/team-kill-child.ts');
let server: TeamServer;
let settings: TeamStoreSettings;

before(async () => {
  if (skip) return;
  server = await startTeamServer();
  settings = await teamSettingsFor(server, 'op_kill');
});
after(async () => server?.stop());

/** Runs the child until it has printed `killAfter` ids (or "ready"), then kill -9; returns the ids. */
function runAndKill(file: string, mode: 'queue' | 'send', count: number, killAfter: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, file, mode, String(count)], { env: { ...process.env, TEAM_SETTINGS: JSON.stringify(settings) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const ids: string[] = [];
    let buffer = '';
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += String(d)));
    p.stdout.on('data', (d) => {
      buffer += String(d);
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('queued ')) ids.push(line.slice(7));
        if (line === 'ready' || ids.length >= killAfter) p.kill('SIGKILL');
      }
    });
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(ids) : reject(new Error(`child exited ${code}: ${stderr.slice(-500)}`))));
  });
}

/** change id → how many changes the server holds for that change's record (each record is written once). */
async function serverIds(mode: string): Promise<Map<string, number>> {
  const a = await server.admin();
  try {
    const r = await a.query(`SELECT change_id, count(*) OVER (PARTITION BY record_key)::int AS n FROM team.changes WHERE record_key LIKE $1`, [`k-${mode}-%`]);
    return new Map(r.rows.map((row) => [row.change_id, row.n]));
  } finally {
    await a.end();
  }
}

async function restartAndSettle(file: string): Promise<void> {
  const c = openTestConsole('kill-child', settings, file);
  c.sync.start();
  await untilState(c, 'online');
  await c.sync.settled();
  assert.equal(c.sync.status().queued, 0);
  await c.close();
}

test('killed between queueing and sending: every queued change is sent after restart, once', { skip }, async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-team-kill-')), 'vaxel.sqlite');
  const ids = await runAndKill(file, 'queue', 20, Infinity);
  assert.equal(ids.length, 20);
  assert.equal((await serverIds('queue')).size, 0, 'nothing was sent before the kill');
  await restartAndSettle(file);
  const onServer = await serverIds('queue');
  assert.deepEqual([...onServer.keys()].sort(), [...ids].sort());
  assert.ok([...onServer.values()].every((n) => n === 1));
});

test('killed while sending: nothing lost, nothing twice, after restart', { skip }, async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-team-kill-')), 'vaxel.sqlite');
  const ids = await runAndKill(file, 'send', 400, 60);
  assert.ok(ids.length >= 60);
  await restartAndSettle(file);
  const onServer = await serverIds('send');
  for (const id of ids) assert.equal(onServer.get(id), 1, `change ${id} once on the server`);
  // Changes committed after the last printed id (before the kill landed) are there once too.
  assert.ok(onServer.size >= ids.length);
  assert.ok([...onServer.values()].every((n) => n === 1));
});
