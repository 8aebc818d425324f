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
  assert.deepEqual(r.settings.switchboards.map((s) => s.id), ['essunga', 'grastorp', 'internal']);
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
