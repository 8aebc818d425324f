// The machine-wide admin file with real files in temp folders: defaults under the user's settings,
// locked paths refused over the contract and reported, a broken file logged and ignored part by part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/app/createServices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { ADMIN_FILE_ENV, adminFilePath, loadAdminConfig } from '../../main/services/settings/adminFile';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { applyAdmin, getPath, setPath } from '../../common/settings/adminMerge';
import type { Settings, SettingsState } from '../../common/settings/schema';
import { sampleSettings } from './settings.fixture';

const ADMIN = {
  defaults: {
    accounts: [{ id: 'a1', domain: 'pbx.kommun.example', servers: ['wss://sbc1.kommun.example:7443', 'wss://sbc2.kommun.example:7443'] }],
    directory: { kind: 'ldap', url: 'ldaps://ad.kommun.example', baseDn: 'dc=kommun,dc=example' },
    calls: { safeTransferTimeoutS: 30 },
    locale: 'sv',
  },
  locked: ['accounts.0.servers', 'directory'],
  updates: { url: 'https://uppdatering.kommun.example/vaxel/', channel: 'latest' },
};

function setup(adminText: string | undefined, userSettings?: Settings) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-admin-'));
  const file = path.join(dir, 'admin.json');
  if (adminText !== undefined) fs.writeFileSync(file, adminText);
  const log = createMemoryLogger();
  const dataDir = path.join(dir, 'data');
  const open = () => createServices({ host: 'web', appVersion: '1.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'k'), log), log, admin: loadAdminConfig(file, log) });
  if (userSettings) {
    const first = createServices({ host: 'web', appVersion: '1.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'k'), log), log });
    first.settings.save(userSettings);
    first.close();
  }
  return { file, log, open };
}

test('the documented paths, and the env var that overrides them', () => {
  assert.equal(adminFilePath({ ProgramData: 'C:\\ProgramData' }, 'win32'), 'C:\\ProgramData\\Vaxel\\admin.json');
  assert.equal(adminFilePath({}, 'linux'), '/etc/vaxel/admin.json');
  assert.equal(adminFilePath({ [ADMIN_FILE_ENV]: '/tmp/x/admin.json' }, 'linux'), '/tmp/x/admin.json');
});

test('merge helpers: arrays of objects by position, locked paths forced', () => {
  const merged = applyAdmin({ accounts: [{ username: 'op1', servers: ['wss://mine:1'] }] }, { defaults: ADMIN.defaults, locked: ADMIN.locked });
  assert.equal(getPath(merged, 'accounts.0.username'), 'op1');
  assert.equal(getPath(merged, 'accounts.0.domain'), 'pbx.kommun.example');
  assert.deepEqual(getPath(merged, 'accounts.0.servers'), ADMIN.defaults.accounts[0]!.servers, 'the locked servers win over the user');
  assert.deepEqual(setPath({ a: [1, 2] }, 'a.1', 3), { a: [1, 3] });
  assert.deepEqual(setPath({}, 'x.y', true), { x: { y: true } });
});

test('first run: the admin defaults are provisioned and the locked paths reported', async () => {
  const { open } = setup(JSON.stringify(ADMIN));
  const services = open();
  const envelope = await services.dispatch('getSettings', undefined);
  assert.ok(envelope.ok);
  const state = envelope.value as SettingsState;
  assert.ok(state.status === 'first-run');
  assert.deepEqual(state.locked, ADMIN.locked);
  assert.deepEqual(state.provisioned?.directory, ADMIN.defaults.directory);
  services.close();
});

test("the user's settings lie over the defaults, locked fields are the admin's, and are reported", async () => {
  const user = { ...sampleSettings(), directory: { kind: 'none' as const } };
  user.accounts[0]!.servers = ['wss://my-own.example:7443'];
  const { open } = setup(JSON.stringify(ADMIN), user);
  const services = open();
  const state = services.settings.get();
  assert.equal(state.status, 'ok');
  if (state.status !== 'ok') return;
  assert.deepEqual(state.locked, ADMIN.locked);
  assert.deepEqual(state.settings.accounts[0]!.servers, ADMIN.defaults.accounts[0]!.servers, 'locked: the admin value');
  assert.deepEqual(state.settings.directory, ADMIN.defaults.directory, 'locked: the admin value');
  assert.equal(state.settings.accounts[0]!.domain, 'pbx.example', "not locked: the user's domain");
  assert.equal(state.settings.accounts[0]!.username, 'vaxel1');
  assert.equal(state.settings.calls?.safeTransferTimeoutS, 30, 'a default the user never set');
  services.close();
});

test('a locked field cannot be changed through the contract: a clear error, nothing saved', async () => {
  const { open } = setup(JSON.stringify(ADMIN), sampleSettings());
  const services = open();
  const before = services.settings.get();
  assert.equal(before.status, 'ok');
  if (before.status !== 'ok') return;
  const changed = structuredClone(before.settings);
  changed.accounts[0]!.servers = ['wss://elsewhere.example:443'];
  const result = await services.dispatch('saveSettings', changed);
  assert.equal(result.ok, false);
  assert.ok(!result.ok && /locked by the IT department/.test(result.error.message) && result.error.message.includes('accounts.0.servers'), JSON.stringify(result));
  assert.deepEqual(services.settings.get(), before);

  // Changing what is not locked still saves, with the locked values kept.
  const allowed = structuredClone(before.settings);
  allowed.displayName = 'Växeln Grästorp';
  const saved = await services.dispatch('saveSettings', allowed);
  assert.ok(saved.ok);
  const after = saved.value as SettingsState;
  assert.ok(after.status === 'ok' && after.settings.displayName === 'Växeln Grästorp');
  assert.deepEqual(after.settings.accounts[0]!.servers, ADMIN.defaults.accounts[0]!.servers);
  services.close();
});

test('a malformed admin file is logged and ignored; the user settings still load', async () => {
  for (const broken of ['{ "defaults": ', '[1,2]', '"text"']) {
    const { open, log } = setup(broken, sampleSettings());
    const services = open();
    const state = services.settings.get();
    assert.equal(state.status, 'ok', `with ${broken}`);
    assert.ok(state.status === 'ok' && state.settings.displayName === 'Växeln Essunga');
    assert.deepEqual(state.locked, []);
    assert.ok(
      log.lines.some((l) => l.includes('"code":"admin.invalid"')),
      'the broken file is logged',
    );
    services.close();
  }
});

test('broken parts are dropped one by one, the good parts still apply', async () => {
  const admin = {
    defaults: { calls: { safeTransferTimeoutS: 'soon' }, locale: 'en', nonsense: 1 },
    locked: ['locale', 42, 'no such path!', 'unknownTop.x'],
    updates: { url: 'ftp://nope' },
  };
  const { open, log } = setup(JSON.stringify(admin), sampleSettings());
  const services = open();
  const state = services.settings.get();
  assert.equal(state.status, 'ok', 'a bad default does not cost the user their settings');
  if (state.status !== 'ok') return;
  assert.equal(state.settings.locale, 'en', 'the valid locked default applies');
  assert.deepEqual(state.locked, ['locale']);
  assert.equal(state.settings.calls?.safeTransferTimeoutS ?? 20, 20, 'the invalid default was dropped');
  for (const code of ['admin.default-dropped', 'admin.ignored', 'admin.invalid'])
    assert.ok(
      log.lines.some((l) => l.includes(`"code":"${code}"`)),
      code,
    );
  // The same file written by Notepad (with a byte-order mark) reads the same.
  const cfg = loadAdminConfig(setupPath(admin), createMemoryLogger());
  assert.deepEqual(cfg.locked, ['locale']);
  assert.equal(cfg.updates.url, undefined, 'an invalid update URL is not used');
  services.close();
});

function setupPath(admin: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-admin-')), 'admin.json');
  fs.writeFileSync(file, '\uFEFF' + JSON.stringify(admin));
  return file;
}

test('no admin file: nothing provisioned, nothing locked, nothing logged as an error', () => {
  const log = createMemoryLogger();
  const cfg = loadAdminConfig(path.join(os.tmpdir(), 'no-such-dir-vaxel', 'admin.json'), log);
  assert.equal(cfg.present, false);
  assert.deepEqual(cfg.locked, []);
  assert.ok(!log.lines.some((l) => l.includes('"level":"error"')));
});
