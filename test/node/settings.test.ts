import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_PASSWORD, sampleSettings } from './settings.fixture';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { createSettingsService } from '../../main/services/settings/settingsService';
import { confStoreFactory } from '../../main/services/settings/store';

const PASSWORD = SAMPLE_PASSWORD;

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-settings-'));
  const log = createMemoryLogger();
  const make = () => createSettingsService({ dir, cipher: createKeyFileCipher(path.join(dir, 'secret.key')), log });
  return { dir, log, make, file: path.join(dir, 'settings.json') };
}

test('first run: no file gives first-run and creates no settings file', () => {
  const { make, file } = setup();
  assert.deepEqual(make().get(), { status: 'first-run', locked: [] });
  assert.equal(fs.existsSync(file), false);
});

test('save then load in a new service gives the same settings back', () => {
  const { make } = setup();
  const saved = make().save(sampleSettings());
  assert.deepEqual(saved, { status: 'ok', settings: sampleSettings(), locked: [] });
  assert.deepEqual(make().get(), { status: 'ok', settings: sampleSettings(), locked: [] });
});

test('passwords are not in the file in clear text, and the file and key are 0600', () => {
  const { make, file, dir, log } = setup();
  make().save(sampleSettings());
  const text = fs.readFileSync(file, 'utf8');
  assert.doesNotMatch(text, new RegExp(PASSWORD));
  assert.doesNotMatch(text, /ldap-secret-99/);
  assert.match(text, /vaxel1/, 'non-secret fields stay readable');
  if (process.platform !== 'win32') {
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600);
  }
  assert.ok(
    log.lines.every((line) => !line.includes(PASSWORD)),
    'no secret in the log',
  );
});

test('a file that was world-readable becomes 0600 on save', { skip: process.platform === 'win32' }, () => {
  const { make, file } = setup();
  const service = make();
  service.save(sampleSettings());
  fs.chmodSync(file, 0o644);
  service.save(sampleSettings());
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
});

test('corrupt JSON is moved to a backup holding the original bytes, and the service starts empty', () => {
  const { make, file, dir, log } = setup();
  const original = Buffer.from('{"format":1,"cipher":"aes-256-gcm-keyfile","settings":{ trunc');
  fs.writeFileSync(file, original);
  const state = make().get();
  assert.equal(state.status, 'recovered');
  assert.ok(state.status === 'recovered');
  assert.match(state.reason, /not valid JSON/);
  assert.equal(path.dirname(state.backupPath), dir);
  assert.match(path.basename(state.backupPath), /^settings\.json\.corrupt-.*\.bak$/);
  assert.deepEqual(fs.readFileSync(state.backupPath), original);
  assert.equal(fs.existsSync(file), false, 'the bad file is gone from the live path');
  assert.ok(log.lines.some((line) => line.includes('settings.recovered')));
  // The next start is a plain first run, and saving works again.
  const next = make();
  assert.deepEqual(next.get(), { status: 'first-run', locked: [] });
  assert.equal(next.save(sampleSettings()).status, 'ok');
});

test('a file that fails the schema is recovered with the failing field named', () => {
  const { make, file } = setup();
  const service = make();
  service.save(sampleSettings());
  const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  stored.settings.accounts[0].servers = ['http://not-a-websocket'];
  const bytes = JSON.stringify(stored);
  fs.writeFileSync(file, bytes);
  const state = make().get();
  assert.ok(state.status === 'recovered', `got ${state.status}`);
  assert.match(state.reason, /schema/);
  assert.match(state.reason, /accounts\.0\.servers\.0/);
  assert.equal(fs.readFileSync(state.backupPath, 'utf8'), bytes);
});

test('a password that does not decrypt (key replaced) is recovered, not crashed on', () => {
  const { make, dir } = setup();
  make().save(sampleSettings());
  fs.writeFileSync(path.join(dir, 'secret.key'), Buffer.alloc(32, 7));
  const state = make().get();
  assert.ok(state.status === 'recovered');
  assert.match(state.reason, /could not be decrypted/);
  assert.ok(fs.existsSync(state.backupPath));
});

test('a JSON file that is not our format is recovered', () => {
  const { make, file } = setup();
  fs.writeFileSync(file, JSON.stringify({ hello: 'world' }));
  const state = make().get();
  assert.ok(state.status === 'recovered');
  assert.match(state.reason, /not a Växel settings file/);
});

test('onChange hears saves; unsubscribe stops it; invalid input throws and changes nothing', () => {
  const { make } = setup();
  const service = make();
  const heard: string[] = [];
  const off = service.onChange((state) => heard.push(state.status));
  service.save(sampleSettings());
  off();
  service.save(sampleSettings());
  assert.deepEqual(heard, ['ok']);
  assert.throws(() => service.save({ ...sampleSettings(), accounts: [] }));
  assert.deepEqual(service.get(), { status: 'ok', settings: sampleSettings(), locked: [] });
});

test('a custom store factory is used (the Electron host passes electron-store this way)', () => {
  const { dir, log, file } = setup();
  const asked: unknown[] = [];
  const service = createSettingsService({
    dir,
    log,
    cipher: createKeyFileCipher(path.join(dir, 'secret.key')),
    storeFactory: (options) => {
      asked.push(options);
      return confStoreFactory(options);
    },
  });
  service.save(sampleSettings());
  assert.deepEqual(asked, [{ cwd: dir, configName: 'settings', configFileMode: 0o600 }]);
  assert.equal(service.path, file);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).cipher, 'aes-256-gcm-keyfile');
});
