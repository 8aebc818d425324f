import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSettings, EMPTY_FORM } from '../../renderer/features/setup/setup-form';

const filled = {
  ...EMPTY_FORM,
  displayName: ' Operatör 1 ',
  username: 'op1',
  password: 'pw',
  domain: 'vaxel.example',
  servers: 'wss://a.example/ws\r\n\n  wss://b.example/ws  \n',
};

test('servers are one per line, in order, blanks dropped; default switchboards included', () => {
  const r = buildSettings(filled);
  assert.ok(r.ok);
  assert.deepEqual(r.settings.accounts[0].servers, ['wss://a.example/ws', 'wss://b.example/ws']);
  assert.equal(r.settings.displayName, 'Operatör 1');
  assert.deepEqual(
    r.settings.switchboards.map((s) => s.id),
    ['essunga', 'grastorp', 'internal'],
  );
  assert.deepEqual(r.settings.directory, { kind: 'none' });
});

test('invalid input names the labelled fields at fault', () => {
  const r = buildSettings({ ...filled, username: '', servers: 'http://not-a-websocket' });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.fields.includes('username') && r.fields.includes('servers'));
});

test('CSV directory needs a path', () => {
  const r = buildSettings({ ...filled, directoryKind: 'csv', csvPath: ' ' });
  assert.ok(!r.ok && r.fields.includes('csvPath'));
  const ok = buildSettings({ ...filled, directoryKind: 'csv', csvPath: '/srv/katalog.csv' });
  assert.ok(ok.ok && ok.settings.directory.kind === 'csv');
});

test('admin file: locked paths map to the form fields they lock', async () => {
  const { lockedSetupFields } = await import('../../renderer/features/setup/setup-form');
  assert.deepEqual(lockedSetupFields(['accounts.0.servers', 'directory']).sort(), ['csvPath', 'directoryKind', 'servers']);
  assert.deepEqual(lockedSetupFields(['accounts']).sort(), ['domain', 'password', 'servers', 'username']);
  assert.deepEqual(lockedSetupFields(undefined), []);
});

test('admin file: the form starts from the provisioned defaults and keeps a provisioned LDAP directory', async () => {
  const { buildSettings, formFromProvisioned } = await import('../../renderer/features/setup/setup-form');
  const provisioned = {
    accounts: [{ domain: 'pbx.kommun.example', servers: ['wss://sbc1.kommun.example', 'wss://sbc2.kommun.example'] }],
    directory: { kind: 'ldap', url: 'ldaps://ad.kommun.example', baseDn: 'dc=kommun' },
    calls: { safeTransferTimeoutS: 30 },
  };
  const form = formFromProvisioned(provisioned);
  assert.equal(form.domain, 'pbx.kommun.example');
  assert.equal(form.servers, 'wss://sbc1.kommun.example\nwss://sbc2.kommun.example');
  const built = buildSettings({ ...form, displayName: 'Växeln', username: 'op1', password: 'x' }, { provisioned, locked: ['directory'] });
  assert.ok(built.ok, JSON.stringify(built));
  if (!built.ok) return;
  assert.equal(built.settings.directory.kind, 'ldap');
  assert.equal(built.settings.calls?.safeTransferTimeoutS, 30);
  assert.deepEqual(built.settings.accounts[0]!.servers, provisioned.accounts[0]!.servers);
});
