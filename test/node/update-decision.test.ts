// The update decision against a real local HTTP server serving electron-builder's feed files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelOf, checkForUpdate, feedFileName } from '../../main/services/update/updateDecision';
import { UpdatePolicy } from '../../main/services/settings/adminFile';

const feedYml = (version: string) => `version: ${version}
files:
  - url: Växel-Setup-${version}.exe
    sha512: 3q2+7w==
    size: 91234567
path: Växel-Setup-${version}.exe
sha512: 3q2+7w==
releaseDate: '2026-11-30T10:00:00.000Z'
`;

const files = new Map<string, string>();
const requests: string[] = [];
const server = http.createServer((req, res) => {
  requests.push(req.url ?? '');
  const body = files.get(decodeURIComponent(req.url ?? ''));
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/yaml' }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vaxel/`;
after(() => server.close());

const policy = (p: Partial<UpdatePolicy>) => UpdatePolicy.parse({ url: base, ...p });

test('a newer version on the feed is taken; the same or an older one is not', async () => {
  files.set('/vaxel/latest.yml', feedYml('1.3.0'));
  assert.deepEqual(await checkForUpdate({ current: '1.2.9', policy: policy({}), platform: 'win32' }), { action: 'update', version: '1.3.0', feedUrl: base });
  assert.equal(requests.at(-1), '/vaxel/latest.yml');
  assert.deepEqual(await checkForUpdate({ current: '1.3.0', policy: policy({}), platform: 'win32' }), { action: 'none', reason: 'up-to-date', detail: '1.3.0' });
  assert.equal((await checkForUpdate({ current: '2.0.0', policy: policy({}), platform: 'win32' })).action, 'none');
});

test('Linux reads latest-linux.yml, as electron-updater does', async () => {
  files.set('/vaxel/latest-linux.yml', feedYml('1.4.0'));
  assert.equal(feedFileName('beta', 'linux'), 'beta-linux.yml');
  const decision = await checkForUpdate({ current: '1.0.0', policy: policy({}), platform: 'linux' });
  assert.deepEqual(decision, { action: 'update', version: '1.4.0', feedUrl: base });
  assert.equal(requests.at(-1), '/vaxel/latest-linux.yml');
});

test('channels: latest never takes a pre-release, beta takes betas and releases', async () => {
  assert.equal(channelOf('1.5.0-beta.2'), 'beta');
  assert.equal(channelOf('1.5.0-alpha.1'), 'alpha');
  files.set('/vaxel/latest.yml', feedYml('1.5.0-beta.2'));
  assert.deepEqual(await checkForUpdate({ current: '1.4.0', policy: policy({}), platform: 'win32' }), { action: 'none', reason: 'other-channel', detail: '1.5.0-beta.2' });
  files.set('/vaxel/beta.yml', feedYml('1.5.0-beta.2'));
  assert.equal((await checkForUpdate({ current: '1.4.0', policy: policy({ channel: 'beta' }), platform: 'win32' })).action, 'update');
  assert.equal(requests.at(-1), '/vaxel/beta.yml');
});

test('the admin switches updates off: the server is not even asked', async () => {
  const before = requests.length;
  assert.deepEqual(await checkForUpdate({ current: '1.0.0', policy: policy({ disabled: true }), platform: 'win32' }), { action: 'none', reason: 'disabled-by-admin' });
  assert.deepEqual(await checkForUpdate({ current: '1.0.0', policy: UpdatePolicy.parse({}), platform: 'win32' }), { action: 'none', reason: 'no-feed' });
  assert.equal(requests.length, before);
});

test('a broken feed or a missing server is an answer, never a crash', async () => {
  files.set('/vaxel/alpha.yml', 'version: [oops');
  const broken = await checkForUpdate({ current: '1.0.0', policy: policy({ channel: 'alpha' }), platform: 'win32' });
  assert.equal(broken.action === 'none' && broken.reason, 'feed-invalid');
  files.set('/vaxel/alpha.yml', 'version: not-a-version\nfiles: []\n');
  const invalid = await checkForUpdate({ current: '1.0.0', policy: policy({ channel: 'alpha' }), platform: 'win32' });
  assert.ok(invalid.action === 'none' && invalid.reason === 'feed-invalid' && /version/.test(invalid.detail ?? ''), JSON.stringify(invalid));
  assert.deepEqual(await checkForUpdate({ current: '1.0.0', policy: policy({}), platform: 'darwin' }), { action: 'none', reason: 'feed-unreachable', detail: 'HTTP 404' });
  const closed = await checkForUpdate({ current: '1.0.0', policy: UpdatePolicy.parse({ url: 'http://127.0.0.1:1/' }), platform: 'win32' });
  assert.equal(closed.action === 'none' && closed.reason, 'feed-unreachable');
});
