// The switchboard-hours service in main with a real display-only control, real files and the real
// espeak-ng speech, and its IPC methods through createServices' dispatcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/app/createServices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { SETTINGS_FILE_NAME } from '../../main/services/settings/settingsService';
import { assertWav, createDisplayOnlyControl, createKamailioControl, createSwitchboardService, speechToWav } from '../../main/services/switchboard';
import { switchboardHours, type SwitchboardHours } from '../../common/switchboard/schema';
import { sampleSettings } from './settings.fixture';

const THU_18 = Date.parse('2026-06-18T16:00:00Z');
const MON_10 = Date.parse('2026-06-22T08:00:00Z');

function build(opts: { now?: number; operator?: string | undefined; url?: string } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-sb-svc-'));
  const log = createMemoryLogger();
  let hours: SwitchboardHours = switchboardHours({});
  let at = opts.now ?? THU_18;
  const control = opts.url ? createKamailioControl({ url: opts.url, token: 't', timeoutMs: 500 }) : createDisplayOnlyControl();
  const svc = createSwitchboardService({
    control,
    hours: () => hours,
    saveHours: (h) => void (hours = h),
    numbers: () => ({ essunga: ['0512-570 00'], grastorp: ['0514-580 00'] }),
    operator: () => ('operator' in opts ? opts.operator : 'op1'),
    dataDir,
    log,
    now: () => at,
    refreshMs: 0,
  });
  return { svc, control, log, dataDir, setNow: (ms: number) => void (at = ms), hours: () => hours };
}

test('status follows the injected clock; night service closes until reopened, and is logged without call data', async () => {
  const { svc, control, log, setNow } = build();
  assert.deepEqual(
    svc.status().municipalities.map((m) => [m.open, m.closedBy, m.nextChange && new Date(m.nextChange).toISOString()]),
    [
      [false, 'schedule', '2026-06-22T06:00:00.000Z'],
      [false, 'schedule', '2026-06-22T06:00:00.000Z'],
    ],
  );
  setNow(MON_10);
  assert.equal(svc.status().municipalities[0]!.open, true);
  const closed = await svc.setNightService('essunga', true);
  assert.deepEqual(closed.municipalities[0]!.nightService, { closed: true, by: 'op1', at: MON_10 });
  assert.equal(closed.municipalities[0]!.open, false);
  assert.equal(closed.municipalities[0]!.nextChange, null, 'closed until an operator opens');
  assert.equal(closed.municipalities[1]!.open, true, 'Grästorp is not touched');
  assert.equal(closed.pbx.kind, 'display-only');
  assert.equal(closed.pbx.playsMessage, false);
  const held = await control.read();
  assert.equal(held?.municipalities[0]?.nightService?.closed, true, 'the state reached the control');
  assert.deepEqual(
    held?.municipalities.map((m) => m.numbers),
    [['+4651257000'], ['+4651458000']],
  );
  const reopened = await svc.setNightService('essunga', false);
  assert.equal(reopened.municipalities[0]!.open, true);
  const lines = log.lines.join('\n');
  assert.match(lines, /"code":"switchboard.closed-by-operator","municipality":"essunga","by":"op1"/);
  assert.match(lines, /"code":"switchboard.opened-by-operator"/);
  assert.doesNotMatch(lines, /570 ?00|4651/, 'no numbers in the log');
});

test('night service needs a signed-in operator; it survives a restart; a broken file is set aside', async () => {
  const { svc, dataDir, log } = build({ operator: undefined });
  await assert.rejects(svc.setNightService('essunga', true), /no operator is signed in/);
  const first = build({ now: MON_10 });
  await first.svc.setNightService('grastorp', true);
  const file = path.join(first.dataDir, 'switchboard-night.json');
  const again = createSwitchboardService({
    control: createDisplayOnlyControl(),
    hours: () => switchboardHours({}),
    saveHours: () => undefined,
    numbers: () => ({ grastorp: ['0514-580 00'] }),
    operator: () => 'op2',
    dataDir: first.dataDir,
    log,
    now: () => MON_10,
    refreshMs: 0,
  });
  assert.equal(again.status().municipalities[1]!.closedBy, 'night-service', 'read back from the data folder');
  fs.writeFileSync(file, '{"essunga": 17}');
  const broken = createSwitchboardService({
    control: createDisplayOnlyControl(),
    hours: () => switchboardHours({}),
    saveHours: () => undefined,
    numbers: () => ({}),
    operator: () => 'op1',
    dataDir: first.dataDir,
    log,
    now: () => MON_10,
    refreshMs: 0,
  });
  assert.equal(broken.status().municipalities[1]!.nightService, null);
  assert.ok(
    fs.readdirSync(first.dataDir).some((f) => f.startsWith('switchboard-night.json.bad-')),
    'the bad file is kept aside',
  );
  assert.match(log.lines.join('\n'), /switchboard.night-file-invalid/);
  void dataDir;
});

test('the closed message: default text with the hours, an own text spoken into a WAV, a bad recording refused', async () => {
  const { svc, dataDir, hours } = build();
  const view = svc.closedMessage('essunga');
  assert.equal(view.custom, false);
  assert.match(view.text, /Växeln är stängd.*måndag till fredag klockan 8\.00 till 16\.30.*gröna sidor.*www\.essunga\.se/);
  const saved = await svc.saveClosedMessage('essunga', { text: 'Växeln är stängd i dag. Välkommen åter i morgon.', recordingFile: null });
  assert.equal(saved.custom, true);
  assert.equal(hours().essunga.closedMessage.text, 'Växeln är stängd i dag. Välkommen åter i morgon.');
  const wav = new Uint8Array(fs.readFileSync(path.join(dataDir, 'closed-essunga.wav')));
  assertWav(wav, 'the spoken message');
  assert.ok(wav.length > 16_000 * 1.5, `at least 1.5 s of 8 kHz speech (${wav.length} bytes)`);
  const junk = path.join(dataDir, 'not-audio.wav');
  fs.writeFileSync(junk, 'hello, not a wav');
  await assert.rejects(svc.saveClosedMessage('essunga', { text: null, recordingFile: junk }), /not a WAV file/);
  assert.equal(hours().essunga.closedMessage.text, 'Växeln är stängd i dag. Välkommen åter i morgon.', 'nothing saved is lost');
  const recording = path.join(dataDir, 'inspelning.wav');
  fs.writeFileSync(recording, speechToWav({ sampleRate: 8000, mulaw: new Uint8Array(8000).fill(0x80) }));
  const rec = await svc.saveClosedMessage('grastorp', { text: null, recordingFile: recording });
  assert.equal(rec.recordingFile, recording);
  assert.deepEqual(fs.readFileSync(path.join(dataDir, 'closed-grastorp.wav')), fs.readFileSync(recording), 'the recording is used as is');
  const back = await svc.saveClosedMessage('essunga', { text: null, recordingFile: null });
  assert.equal(back.custom, false, 'null text: back to the default');
});

test('a PBX that cannot be reached: the push fails with a reason shown in the status', async () => {
  const { svc, log } = build({ url: 'http://127.0.0.1:9/RPC' });
  await assert.rejects(svc.push(), /not reachable/);
  const s = svc.status();
  assert.equal(s.pbx.kind, 'kamailio-jsonrpc');
  assert.equal(s.pbx.lastPush?.ok, false);
  assert.match(s.pbx.lastPush?.error ?? '', /not reachable/);
  assert.match(log.lines.join('\n'), /switchboard.push-failed/);
});

test('IPC: status, night service by the signed-in account, hours and closed message; the PBX token is encrypted on disk', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-sb-ipc-'));
  const log = createMemoryLogger();
  const services = createServices({ host: 'web', appVersion: '1', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'k'), log), log, switchboardNow: () => MON_10 });
  try {
    const status = await services.dispatch('switchboardStatus', undefined);
    assert.equal(status.ok && (status.value as { municipalities: { open: boolean }[] }).municipalities[0]!.open, true);
    const noOperator = await services.dispatch('switchboardSetNightService', { municipality: 'essunga', closed: true });
    assert.equal(!noOperator.ok && noOperator.error.code, 'handler-failed', 'first run: nobody is signed in');
    assert.equal((await services.dispatch('saveSettings', sampleSettings())).ok, true);
    const closed = await services.dispatch('switchboardSetNightService', { municipality: 'essunga', closed: true });
    assert.ok(closed.ok);
    assert.deepEqual((closed.value as { municipalities: { nightService: unknown }[] }).municipalities[0]!.nightService, { closed: true, by: 'vaxel1', at: MON_10 });
    const bad = await services.dispatch('switchboardSetNightService', { municipality: 'internal', closed: true });
    assert.equal(!bad.ok && bad.error.code, 'invalid-payload');
    const hours = await services.dispatch('switchboardGetHours', undefined);
    assert.ok(hours.ok);
    const next = structuredClone(hours.value as SwitchboardHours);
    next.essunga.exceptions.push({ date: '2026-06-22', kind: 'closed', note: 'Personaldag' });
    next.pbx = { kind: 'kamailio-jsonrpc', url: 'http://127.0.0.1:9/RPC', token: 'pbx-token-4711' };
    const saved = await services.dispatch('switchboardSaveHours', next);
    assert.ok(saved.ok, 'saved even though the PBX cannot be reached');
    const after = await services.dispatch('switchboardStatus', undefined);
    const pbx = after.ok ? (after.value as { pbx: { lastPush: { error: string }; lastPrompts: { ok: boolean; error: string } } }).pbx : null;
    assert.match(pbx?.lastPush.error ?? '', /not reachable/, 'and the status says the PBX did not get it');
    assert.match(pbx?.lastPrompts.error ?? '', /no prompt directory/, 'nor the closed message');
    const night = await services.dispatch('switchboardSetNightService', { municipality: 'grastorp', closed: true });
    assert.match(!night.ok ? night.error.message : '', /switched here, but the PBX did not take it: .*not reachable/);
    const stored = fs.readFileSync(path.join(dataDir, `${SETTINGS_FILE_NAME}.json`), 'utf8');
    assert.match(stored, /Personaldag/);
    assert.doesNotMatch(stored, /pbx-token-4711/, 'the token is a secret');
    const back = await services.dispatch('switchboardGetHours', undefined);
    assert.equal(back.ok && (back.value as SwitchboardHours).pbx.kind === 'kamailio-jsonrpc' && (back.value as { pbx: { token: string } }).pbx.token, 'pbx-token-4711');
    const msg = await services.dispatch('switchboardGetClosedMessage', { municipality: 'grastorp' });
    assert.match(msg.ok ? (msg.value as { text: string }).text : '', /www\.grastorp\.se/);
    const tooLong = await services.dispatch('switchboardSaveClosedMessage', { municipality: 'grastorp', text: 'x'.repeat(2001), recordingFile: null });
    assert.equal(!tooLong.ok && tooLong.error.code, 'invalid-payload');
  } finally {
    services.close();
  }
});
