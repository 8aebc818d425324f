// The real logger (electron-log's Node build) writing into a temp logs folder: call data never
// reaches the files (P-SECRECY), whether it comes through the logger directly or through the
// services a console runs (message pad, call log, renderer reports), and the files rotate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/app/createServices';
import { createLogger } from '../../main/services/log/logger';
import { rotatedName } from '../../main/services/log/rotation';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { sampleSettings } from './settings.fixture';

const PHONE_FORMS = ['0701234567', '070-123 45 67', '+46 70 123 45 67', '+46701234567'];
const CALLER_NAME = 'Gunilla Bergström-Åkesson';
const MESSAGE_TEXT = 'Ring tillbaka om bygglovet på Storgatan';

const readAll = (dir: string) =>
  fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');

test('phone numbers, SIP URIs and e-mail addresses in fields and codes are masked in the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-logs-'));
  const file = path.join(dir, 'vaxel.log');
  const log = createLogger({ file });
  for (const number of PHONE_FORMS) log.info('call.offered', { from: number, uri: `sip:${number}@pbx.example` });
  log.warn('tel:+46701234567', { mail: 'gunilla@essunga.se' });
  const text = readAll(dir);
  for (const number of PHONE_FORMS) assert.ok(!text.includes(number), `${number} is not in the log`);
  assert.ok(!text.includes('70123'), 'no digit run of the number');
  assert.ok(!text.includes('gunilla@'), 'no e-mail address');
  assert.ok(text.includes('"code":"call.offered"'), 'the event code itself is kept');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'only the user can read the log');
});

test('a console session through the services leaves no number, caller name or message text in the log files', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-logs-svc-'));
  const logsDir = path.join(dataDir, 'logs');
  const log = createLogger({ file: path.join(logsDir, 'vaxel.log'), minLevel: 'debug' });
  const services = createServices({ host: 'web', appVersion: '1.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'k'), log), log });
  try {
    assert.equal((await services.dispatch('saveSettings', sampleSettings())).ok, true);
    const now = Date.now();
    await services.dispatch('recordCallEvent', { callId: 'c1', kind: 'offered', at: now, dialledNumber: '0512-570 00' });
    const sent = await services.dispatch('messageSend', {
      id: '5b0c2d1e-8f3a-4c6b-9d2e-1a2b3c4d5e6f',
      callerNumber: PHONE_FORMS[1]!,
      callerName: CALLER_NAME,
      calledAt: now,
      switchboardId: null,
      dialledNumber: '0512-570 00',
      employee: '2001',
      text: MESSAGE_TEXT,
      callbackWanted: true,
      urgent: false,
    });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    // A renderer report that breaks the rule and puts a number in a detail.
    await services.dispatch('reportLog', { level: 'warn', code: 'call.failed', detail: { note: `from ${PHONE_FORMS[2]}` } });
    // Invalid input is logged too: its error text must not echo the payload.
    await services.dispatch('messageSend', { id: '6c1d3e2f-9a4b-4d7c-8e3f-2b3c4d5e6f70', callerNumber: PHONE_FORMS[0], callerName: CALLER_NAME, text: MESSAGE_TEXT });
  } finally {
    services.close();
  }
  const text = readAll(logsDir);
  assert.ok(text.length > 0, 'the services wrote to the log');
  assert.ok(text.includes('renderer.call.failed'), 'the renderer line arrived');
  for (const number of PHONE_FORMS) assert.ok(!text.includes(number), `${number} is not in the log`);
  assert.ok(!text.includes('Gunilla') && !text.includes('Bergström'), 'the caller name is not in the log');
  assert.ok(!text.includes('bygglovet') && !text.includes(MESSAGE_TEXT), 'the message text is not in the log');
});

test('the file rotates at the size limit and keeps only the configured number of old files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-logs-rot-'));
  const file = path.join(dir, 'vaxel.log');
  const log = createLogger({ file, maxBytes: 4096, keepFiles: 3 });
  for (let i = 0; i < 600; i++) log.info('test.line', { n: i });
  assert.deepEqual(fs.readdirSync(dir).sort(), ['vaxel.1.log', 'vaxel.2.log', 'vaxel.3.log', 'vaxel.log']);
  for (const f of [file, rotatedName(file, 1), rotatedName(file, 2), rotatedName(file, 3)]) {
    assert.ok(fs.statSync(f).size <= 4096 + 200, `${path.basename(f)} stays near the limit`);
  }
  // The newest line is in the current file, older ones in .1, and the very first lines were dropped.
  assert.match(fs.readFileSync(file, 'utf8'), /"n":599/);
  const kept = readAll(dir);
  assert.ok(!kept.includes('"n":0}'), 'the oldest lines were rotated away');
  const firstOfOne = fs.readFileSync(rotatedName(file, 1), 'utf8').split('\n')[0]!;
  const lastOfCurrent = fs.readFileSync(file, 'utf8').trim().split('\n').at(-1)!;
  assert.ok(JSON.parse(firstOfOne).n < JSON.parse(lastOfCurrent).n, '.1 holds older lines than the current file');
});

test('a logger opened on an existing file appends to it and rotates it when already over the limit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-logs-app-'));
  const file = path.join(dir, 'vaxel.log');
  fs.writeFileSync(file, 'x'.repeat(5000) + '\n');
  const log = createLogger({ file, maxBytes: 4096, keepFiles: 2 });
  log.info('app.starting');
  assert.match(fs.readFileSync(rotatedName(file, 1), 'utf8'), /^x{5000}/);
  assert.match(fs.readFileSync(file, 'utf8'), /app\.starting/);
});
