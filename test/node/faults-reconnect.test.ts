// Reconnection that fits the fault (issue 17 point 3): which delay for which fault
// (reconnect-policy.ts, pure), and the registration manager with the real SIP.js engine against
// stand-in WebSocket servers (test/support/faults/stand-in-registrar.ts): drops of a working
// connection are mended at once, a server that refuses or hangs up gets backoff, the status label
// says "Reconnecting" (never "Failed") while a drop is mended and "NotConnected" once given up,
// and after failover the console goes back to the primary when it is up again.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { createSoftphoneStores, registrationLabel, RegistrationState, type RegistrationLabel, type SoftphoneStores } from '../../renderer/sip';
import { RegistrationManager, type RegistrationManagerDeps } from '../../renderer/sip/registration/registration-manager';
import { afterRegistered, decideReconnect, DEFAULT_RECONNECT, EMPTY_HISTORY, GIVE_UP_ROUNDS, type ReconnectHistory } from '../../renderer/sip/registration/reconnect-policy';
import type { LogReport } from '../../common/ipc/contract';
import { Settings } from '../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../common/policy';
import { StandInRegistrar } from '../support/faults/stand-in-registrar';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const lowest = () => 0;

test('policy: a drop of a working connection is retried at once, every time', () => {
  let h: ReconnectHistory = EMPTY_HISTORY;
  for (let i = 0; i < 10; i++) {
    const d = decideReconnect('working-dropped', h, 1000 + i * 5000, DEFAULT_RECONNECT, lowest);
    assert.equal(d.delayMs, 0, `drop ${i + 1}`);
    h = afterRegistered(d.history);
  }
});

test('policy: a refused or unanswered round backs off and doubles; registered resets it', () => {
  let h: ReconnectHistory = EMPTY_HISTORY;
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) {
    const d = decideReconnect('round-failed', h, 0, DEFAULT_RECONNECT, lowest);
    delays.push(d.delayMs);
    h = d.history;
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000]);
  assert.equal(h.failedRounds, 5);
  h = afterRegistered(h);
  assert.equal(decideReconnect('round-failed', h, 0, DEFAULT_RECONNECT, lowest).delayMs, 500);
});

test('policy: a connection that drops before registering backs off (a server that hangs up is not hammered)', () => {
  let h: ReconnectHistory = EMPTY_HISTORY;
  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    const d = decideReconnect('unproven-dropped', h, 0, DEFAULT_RECONNECT, lowest);
    delays.push(d.delayMs);
    h = d.history;
  }
  assert.deepEqual(delays, [500, 1000, 2000]);
});

test('policy: more than maxImmediate at-once retries within the window is flapping and backs off; the window forgets', () => {
  const policy = { ...DEFAULT_RECONNECT, maxImmediate: 3, windowMs: 10_000 };
  let h: ReconnectHistory = EMPTY_HISTORY;
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) {
    const d = decideReconnect('working-dropped', h, i * 100, policy, lowest);
    delays.push(d.delayMs);
    h = afterRegistered(d.history);
  }
  assert.deepEqual(delays, [0, 0, 0, 500, 500]);
  assert.equal(decideReconnect('working-dropped', h, 20_000, policy, lowest).delayMs, 0, 'old retries fall out of the window');
});

test('labels: a drop being mended says Reconnecting, never Failed; given up says NotConnected; a refused REGISTER says Failed', () => {
  const base = { error: null, retry: null, failedRounds: 0 } as const;
  const label = (s: Partial<Parameters<typeof registrationLabel>[0]>) => registrationLabel({ ...base, state: RegistrationState.Registered, ...s });
  assert.equal(label({ state: RegistrationState.Failed, error: 'sip.transport-lost', retry: 'reconnect' }), 'Reconnecting');
  assert.equal(label({ state: RegistrationState.Connecting, error: 'sip.transport-lost' }), 'Reconnecting');
  assert.equal(label({ state: RegistrationState.Registering, error: 'sip.keepalive-timeout' }), 'Reconnecting');
  assert.equal(label({ state: RegistrationState.Failed, error: 'sip.transport-connect-failed', retry: 'reconnect', failedRounds: GIVE_UP_ROUNDS - 1 }), 'Reconnecting');
  assert.equal(label({ state: RegistrationState.Failed, error: 'sip.transport-connect-failed', retry: 'reconnect', failedRounds: GIVE_UP_ROUNDS }), 'NotConnected');
  assert.equal(label({ state: RegistrationState.Connecting, error: 'sip.transport-connect-failed', failedRounds: GIVE_UP_ROUNDS }), 'NotConnected');
  assert.equal(label({ state: RegistrationState.Failed, error: 'sip.register-rejected', retry: 'register' }), 'Failed');
  assert.equal(label({ state: RegistrationState.Failed, error: 'sip.account-uri-invalid', retry: null }), 'Failed');
  assert.equal(label({ state: RegistrationState.Connecting }), 'Registering', 'a first start is not a reconnect');
});

// ---- the manager against stand-in servers ------------------------------------------------------

const servers: StandInRegistrar[] = [];
const managers: RegistrationManager[] = [];
after(async () => {
  for (const m of managers) await m.stop();
  for (const s of servers) await s.close();
});

async function standIn(): Promise<StandInRegistrar> {
  const s = await StandInRegistrar.start();
  servers.push(s);
  return s;
}

function settings(urls: string[]) {
  return Settings.parse({
    version: 1,
    displayName: 'Operatör 1',
    accounts: [{ id: 'primary', username: 'op1', password: 'pw', domain: '127.0.0.1', servers: urls }],
    switchboards: DEFAULT_SWITCHBOARDS,
  });
}

function manager(urls: string[], stores: SoftphoneStores, logs: LogReport[], extra: Partial<RegistrationManagerDeps> = {}) {
  const m = new RegistrationManager({
    settings: settings(urls),
    stores,
    log: (e) => logs.push(e),
    onUserAgent: () => undefined,
    keepalive: { intervalMs: 60_000, timeoutMs: 5000, maxMisses: 2 },
    events: null,
    ...extra,
  });
  managers.push(m);
  return m;
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - start;
}

const registered = (stores: SoftphoneStores) => stores.registration.getState().state === RegistrationState.Registered;
const decisions = (logs: LogReport[]) => logs.filter((l) => l.code === 'sip.reconnect-decided').map((l) => l.detail as { fault: string; delayMs: number });

test('10 drops in a row by a server that accepts again at once: each re-registered with no backoff, "Reconnecting" meanwhile, never "Failed"', async () => {
  const server = await standIn();
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const labels = new Set<RegistrationLabel>();
  stores.registration.subscribe((s) => labels.add(registrationLabel(s)));
  await manager([server.url], stores, logs).start();
  await until('registered', () => registered(stores));
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const registers = server.count('REGISTER');
    const connections = server.connections;
    if (i % 2) server.dropAll();
    else server.closeAll();
    // The mend can be quicker than a poll: look for its new connection and REGISTER, not the gap.
    times.push(await until(`re-registered after drop ${i + 1}`, () => server.connections > connections && server.count('REGISTER') > registers && registered(stores), 5000));
  }
  console.log(`# re-registered after each drop in ${times.join(', ')} ms (not asserted; npm run bench -- reconnect)`);
  assert.equal(server.connections, 11, 'one new WebSocket per drop');
  assert.deepEqual(
    decisions(logs).map((d) => [d.fault, d.delayMs]),
    Array.from({ length: 10 }, () => ['working-dropped', 0]),
  );
  assert.ok(labels.has('Reconnecting'), [...labels].join());
  assert.ok(!labels.has('Failed'), `never Failed: ${[...labels].join()}`);
});

test('a server that accepts and hangs up before any REGISTER gets backoff, and "Ej ansluten" once given up', async () => {
  const server = await standIn();
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  await manager([server.url], stores, logs, { backoff: { baseMs: 40, maxMs: 80 } }).start();
  await until('registered', () => registered(stores));
  server.hangUpOnConnect = true;
  server.closeAll();
  await until('three decisions after the drop', () => decisions(logs).length >= 3, 5000);
  const [first, second, third] = decisions(logs);
  assert.deepEqual([first!.fault, first!.delayMs], ['working-dropped', 0], 'the drop of the working connection: at once');
  assert.equal(second!.fault, 'unproven-dropped');
  assert.ok(second!.delayMs > 0 && third!.delayMs > 0, JSON.stringify(decisions(logs)));
  await until('given up: NotConnected', () => registrationLabel(stores.registration.getState()) === 'NotConnected', 5000);
  server.hangUpOnConnect = false;
  await until('registered once the server behaves', () => registered(stores), 5000);
});

test('a refused connection backs off; after GIVE_UP_ROUNDS rounds the label is NotConnected; it keeps trying and registers when the server is back', async () => {
  const server = await standIn();
  const url = server.url;
  const port = Number(new URL(url).port);
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  await manager([url], stores, logs, { backoff: { baseMs: 30, maxMs: 60 } }).start();
  await until('registered', () => registered(stores));
  await server.close();
  await until('given up: NotConnected', () => registrationLabel(stores.registration.getState()) === 'NotConnected', 5000);
  const rounds = decisions(logs).filter((d) => d.fault === 'round-failed');
  assert.ok(rounds.length >= GIVE_UP_ROUNDS && rounds.every((d) => d.delayMs > 0), JSON.stringify(rounds));
  const back = await StandInRegistrar.start({ port });
  servers.push(back);
  await until('registered on the server that came back', () => registered(stores), 5000);
});

test('failover to the secondary, and back to the primary when it is up again (no call on)', async () => {
  const primary = await standIn();
  const primaryUrl = primary.url;
  const port = Number(new URL(primaryUrl).port);
  await primary.close();
  const secondary = await standIn();
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  await manager([primaryUrl, secondary.url], stores, logs, { primaryProbeMs: 100 }).start();
  await until('registered on the secondary', () => registered(stores) && stores.registration.getState().server === secondary.url);
  await new Promise((r) => setTimeout(r, 300)); // a few probes of the dead primary: stays put
  assert.equal(stores.registration.getState().server, secondary.url);
  const back = await StandInRegistrar.start({ port });
  servers.push(back);
  await until('registered on the primary again', () => registered(stores) && stores.registration.getState().server === primaryUrl && back.count('REGISTER') > 0, 5000);
  assert.ok(logs.some((l) => l.code === 'sip.primary-back'));
  await until('the secondary connection closed', () => secondary.sockets.length === 0, 3000);
  assert.ok(
    secondary.received.some((m) => m.text.startsWith('REGISTER ') && /expires=0|Expires: 0/i.test(m.text)),
    'unregistered from the secondary before leaving',
  );
});
