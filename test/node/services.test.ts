import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/app/createServices';
import { isTrustedSender } from '../../main/services/ipc/senderCheck';
import { createMemoryLogger } from '../../main/services/log/logger';
import { buildCsp, sipServerOrigins } from '../../main/services/security/csp';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { sampleSettings } from './settings.fixture';

function build() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-services-'));
  const log = createMemoryLogger();
  const services = createServices({ host: 'electron', appVersion: '1.2.3', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'k'), log), log });
  return { dataDir, log, services };
}

test('getAppInfo and getSettings go through the dispatcher', async () => {
  const { services, dataDir } = build();
  assert.deepEqual(await services.dispatch('getAppInfo', undefined), { ok: true, value: { name: 'Växel', version: '1.2.3', host: 'electron', dataDir } });
  assert.deepEqual(await services.dispatch('getSettings', undefined), { ok: true, value: { status: 'first-run', locked: [] } });
});

test('saveSettings persists and emits settingsChanged; close stops the events', async () => {
  const { services } = build();
  const heard: unknown[] = [];
  services.events.on('settingsChanged', (state) => heard.push(state.status));
  assert.equal((await services.dispatch('saveSettings', sampleSettings())).ok, true);
  assert.deepEqual(heard, ['ok']);
  services.close();
  await services.dispatch('saveSettings', sampleSettings());
  assert.deepEqual(heard, ['ok']);
});

test('reportLog writes a namespaced line, masking phone numbers in details', async () => {
  const { services, log } = build();
  const result = await services.dispatch('reportLog', { level: 'warn', code: 'sip.register-failed', detail: { status: 403, note: 'ring 0701-234567' } });
  assert.deepEqual(result, { ok: true, value: undefined });
  const line = log.lines.find((l) => l.includes('renderer.sip.register-failed'));
  assert.ok(line);
  assert.match(line, /"level":"warn"/);
  assert.doesNotMatch(line, /0701-234567/);
  const free = await services.dispatch('reportLog', { level: 'info', code: 'Caller 0701234567 said hi' });
  assert.equal(!free.ok && free.error.code, 'invalid-payload');
});

test('only our main frame on our renderer URL is a trusted IPC sender', () => {
  const ours = 'file:///opt/Växel/resources/app.asar/out/renderer/index.html';
  assert.equal(isTrustedSender({ isOurMainFrame: true, url: ours }, ours), true);
  assert.equal(isTrustedSender({ isOurMainFrame: true, url: `${ours}#/queue` }, ours), true, 'hash routes are ours');
  assert.equal(isTrustedSender({ isOurMainFrame: false, url: ours }, ours), false, 'an iframe');
  assert.equal(isTrustedSender({ isOurMainFrame: true, url: 'https://evil.example/' }, ours), false);
  assert.equal(isTrustedSender({ isOurMainFrame: true, url: 'file:///tmp/evil.html' }, ours), false);
  assert.equal(isTrustedSender({ isOurMainFrame: true, url: `${ours}?x=1` }, ours), false);
  assert.equal(isTrustedSender({ isOurMainFrame: true, url: undefined }, ours), false, 'a destroyed frame');
});

test('CSP: only configured SIP servers are added to connect-src, no remote scripts', () => {
  assert.deepEqual(sipServerOrigins({ status: 'first-run' }), []);
  const settings = sampleSettings();
  settings.accounts[0]!.servers = ['wss://pbx.example:7443/ws', 'ws://10.0.0.5:8080', 'wss://pbx.example:7443/other'];
  assert.deepEqual(sipServerOrigins({ status: 'ok', settings }), ['wss://pbx.example:7443', 'ws://10.0.0.5:8080']);
  const csp = buildCsp({ connect: ['wss://pbx.example:7443'] });
  assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:\* ws:\/\/localhost:\* wss:\/\/pbx\.example:7443;/);
  assert.match(csp, /script-src 'self';/);
  assert.match(csp, /object-src 'none'/);
});
