// The Kamailio switchboard control against the lab's real Kamailio (JSON-RPC over HTTP into the
// htable route[AFTERHOURS] reads): apply then read gives the same state back, stale numbers and
// municipalities are removed, a wrong token is refused with a clear error, and the prompt lands in
// the prompt directory. No Chromium: only Kamailio (inside the test's loopback-only namespace).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLab, type Lab } from '../../lab/lab.js';
import { buildPbxState } from '../../common/switchboard/pbxState.js';
import { switchboardHours } from '../../common/switchboard/schema.js';
import { createKamailioControl } from '../../main/services/switchboard/index.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-sb-ctl-'));
let lab: Lab;
const url = () => `http://${lab.manifest.sipDomain}:${lab.manifest.ports.sipWs}/RPC`;

before(async () => {
  lab = await startLab({ runDir, withRtpengine: false, writeDemoDirectory: false });
});
after(async () => {
  await lab?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

const NOW = Date.parse('2026-06-18T16:00:00.000Z');

test('a fresh PBX holds nothing; apply then read returns the same state', async () => {
  const control = createKamailioControl({ url: url(), token: lab.rpcToken, promptDir: lab.promptDir });
  assert.equal(await control.read(), null);
  const state = buildPbxState({
    hours: switchboardHours({}),
    now: NOW,
    numbers: { essunga: ['+4651257000'], grastorp: ['0514-580 00'] },
    nightService: { grastorp: { closed: true, by: 'op1', at: NOW } },
    horizonDays: 21,
  });
  assert.ok(state.municipalities[0]!.closed.length >= 15, 'three weeks of closed nights and weekends');
  await control.apply(state);
  assert.deepEqual(await control.read(), state);
});

test('a new state replaces the old one: a number and a municipality that are gone are deleted', async () => {
  const control = createKamailioControl({ url: url(), token: lab.rpcToken });
  const hours = switchboardHours({});
  await control.apply(buildPbxState({ hours, now: NOW, numbers: { essunga: ['+4651257000', '+4651257099'], grastorp: ['+4651458000'] }, nightService: {} }));
  const next = buildPbxState({ hours, now: NOW + 60_000, numbers: { essunga: ['+4651257000'] }, nightService: { essunga: { closed: false, by: 'op2', at: NOW } } });
  await control.apply(next);
  assert.deepEqual(await control.read(), next);
  const dump = await fetch(url(), { method: 'POST', headers: { 'x-vaxel-rpc-token': lab.rpcToken }, body: JSON.stringify({ jsonrpc: '2.0', method: 'htable.dump', params: ['sb'], id: 1 }) });
  const names = ((await dump.json()) as { result: { slot: { name: string }[] }[] }).result.flatMap((e) => e.slot.map((s) => s.name)).sort();
  assert.deepEqual(names, ['closed::essunga', 'generated', 'night::essunga', 'nightat::essunga', 'nightby::essunga', 'num::+4651257000', 'valid']);
});

test('a wrong token is refused with a reason; an unreachable PBX says so', async () => {
  const wrong = createKamailioControl({ url: url(), token: 'not-the-token-at-all' });
  await assert.rejects(wrong.read(), /refused the JSON-RPC call \(wrong token/);
  const gone = createKamailioControl({ url: 'http://127.0.0.1:9/RPC', token: 'x', timeoutMs: 1000 });
  await assert.rejects(gone.read(), /not reachable/);
});

test('the prompt is written whole into the prompt directory', async () => {
  const control = createKamailioControl({ url: url(), token: lab.rpcToken, promptDir: lab.promptDir });
  const wav = new Uint8Array(2000).fill(7);
  await control.installPrompt('essunga', wav);
  assert.deepEqual(new Uint8Array(fs.readFileSync(path.join(lab.promptDir, 'closed-essunga.wav'))), wav);
  assert.deepEqual(fs.readdirSync(lab.promptDir), ['closed-essunga.wav'], 'no temporary file left');
  await assert.rejects(createKamailioControl({ url: url(), token: lab.rpcToken }).installPrompt('grastorp', wav), /no prompt directory/);
});
