// Registration that stays up, against scripted SIP-over-WebSocket peers (the `ws` package speaking
// raw SIP, as in softphone-engine.test.ts) and the real SIP.js engine: failover to the next
// server, reconnect after a drop, a silent drop found by the keep-alive, and re-registration after
// a failed REGISTER refresh. Timings are shortened through the manager's options; the defaults
// are checked against Kamailio in test/browser/resilience-*.test.ts.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createSoftphoneStores, registrationLabel, RegistrationState, selectConnected, type SoftphoneStores } from '../../renderer/sip';
import { RegistrationManager } from '../../renderer/sip/registration/registration-manager';
import { backoffDelay, nextServer } from '../../renderer/sip/registration/backoff';
import type { LogReport } from '../../common/ipc/contract';
import { Settings } from '../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../common/policy';
import { header, reply } from '../support/sip-text';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** A scripted registrar: answers REGISTER (per `registerStatus`) and OPTIONS unless muted. */
class Peer {
  readonly wss: WebSocketServer;
  readonly received: string[] = [];
  sockets: WebSocket[] = [];
  connections = 0;
  muted = false;
  /** Connections that no longer get answers (a path that died silently; new connections work). */
  readonly frozen = new Set<WebSocket>();
  registerExpires = 600;
  /** Status for the n-th REGISTER (0-based); default 200. */
  registerStatus: (n: number) => string = () => '200 OK';
  private registers = 0;

  private constructor(wss: WebSocketServer) {
    this.wss = wss;
    wss.on('connection', (ws) => {
      this.connections++;
      this.sockets.push(ws);
      ws.on('message', (data) => {
        const msg = data.toString();
        this.received.push(msg);
        if (this.muted || this.frozen.has(ws)) return;
        if (msg.startsWith('REGISTER ')) {
          const status = this.registerStatus(this.registers++);
          ws.send(reply(msg, status, status.startsWith('200') ? [`Contact: ${header(msg, 'Contact')};expires=${this.registerExpires}`] : []));
        } else if (msg.startsWith('OPTIONS ')) ws.send(reply(msg, '200 Keepalive'));
      });
    });
  }

  static async start(): Promise<Peer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    await new Promise<void>((r) => wss.on('listening', r));
    return new Peer(wss);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  count(method: string): number {
    return this.received.filter((m) => m.startsWith(`${method} `)).length;
  }

  dropAll(): void {
    for (const s of this.sockets) s.terminate();
    this.sockets = [];
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((r) => this.wss.close(() => r()));
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

function settings(servers: string[]) {
  return Settings.parse({
    version: 1,
    displayName: 'Operatör 1',
    accounts: [{ id: 'primary', username: 'op1', password: 'pw', domain: '127.0.0.1', servers }],
    switchboards: DEFAULT_SWITCHBOARDS,
  });
}

const peers: Peer[] = [];
const managers: RegistrationManager[] = [];
after(async () => {
  for (const m of managers) await m.stop();
  for (const p of peers) await p.close();
});

function manager(servers: string[], stores: SoftphoneStores, logs: LogReport[]) {
  const m = new RegistrationManager({
    settings: settings(servers),
    stores,
    log: (e) => logs.push(e),
    onUserAgent: () => undefined,
    backoff: { baseMs: 50, maxMs: 200 },
    keepalive: { intervalMs: 200, timeoutMs: 150, maxMisses: 2 },
    events: null,
  });
  managers.push(m);
  return m;
}

const registered = (stores: SoftphoneStores) => stores.registration.getState().state === RegistrationState.Registered;

test('backoff doubles per failed round up to the cap, with jitter in [50 %, 100 %)', () => {
  const policy = { baseMs: 1000, maxMs: 30000 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 9].map((n) => backoffDelay(n, policy, () => 0)),
    [500, 1000, 2000, 4000, 8000, 15000, 15000],
  );
  assert.deepEqual(
    [1, 2, 6].map((n) => backoffDelay(n, policy, () => 0.999)),
    [1000, 1999, 29985],
  );
  assert.deepEqual(
    [0, 1, 2].map((i) => nextServer(i, 3)),
    [1, 2, 0],
    'wraps around',
  );
});

test('fails over to the next server when the first is dead, and wraps around when that one drops', async () => {
  const peer = await Peer.start();
  peers.push(peer);
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const m = manager(['ws://127.0.0.1:9', peer.url], stores, logs);
  await m.start();
  await until('registered on the second server', () => registered(stores));
  assert.equal(stores.registration.getState().server, peer.url);
  assert.equal(selectConnected(stores.registration.getState()), true, 'transport connected');
  assert.ok(logs.some((l) => l.code === 'sip.transport-connect-failed'));

  // The drop of a working connection is mended at once (reconnect-policy.ts), quicker than a
  // poll: record the states it goes through.
  const during: Array<{ connected: boolean; retry: string | null; error: string | null }> = [];
  const unsubscribe = stores.registration.subscribe((s) => during.push({ connected: selectConnected(s), retry: s.retry, error: s.error }));
  peer.dropAll();
  await until('drop seen', () => during.length > 0, 2000);
  assert.deepEqual(during[0], { connected: false, retry: 'reconnect', error: 'sip.transport-lost' }, 'transport disconnected, a reconnect to come');
  // it tries the second server again at once and comes back
  await until('registered again without operator action', () => registered(stores) && peer.connections === 2);
  unsubscribe();
  assert.equal(peer.connections, 2, 'a new WebSocket (a new UserAgent)');
  assert.equal(peer.count('REGISTER'), 2);
  assert.doesNotMatch(JSON.stringify(logs), /op1|127\.0\.0\.1/, 'codes only (P-SECRECY)');
});

test('a silent drop (server stops answering, socket stays open) is found by the keep-alive', async () => {
  const peer = await Peer.start();
  peers.push(peer);
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const m = manager([peer.url], stores, logs);
  await m.start();
  await until('registered', () => registered(stores));
  await until('keep-alive OPTIONS answered', () => peer.count('OPTIONS') >= 2);
  // The path of this connection dies silently; a new connection works (the reconnect after a
  // working connection is immediate, so a globally muted peer would swallow its REGISTER too).
  for (const ws of peer.sockets) peer.frozen.add(ws);
  const during: Array<{ connected: boolean; retry: string | null }> = [];
  const unsubscribe = stores.registration.subscribe((s) => s.error === 'sip.keepalive-timeout' && during.push({ connected: selectConnected(s), retry: s.retry }));
  const detectedIn = await until('keep-alive timeout', () => during.length > 0, 3000);
  unsubscribe();
  assert.ok(detectedIn <= 200 + 2 * 150 + 300, `detected in ${detectedIn} ms`);
  assert.deepEqual(during[0], { connected: false, retry: 'reconnect' }, 'transport disconnected, a reconnect to come');
  await until('registered again', () => registered(stores));
  assert.ok(peer.connections >= 2);
});

test('a failed REGISTER refresh leads to a new registration', async () => {
  const peer = await Peer.start();
  peers.push(peer);
  peer.registerExpires = 2; // SIP.js refreshes a little before expiry
  peer.registerStatus = (n) => (n === 1 ? '500 Server Internal Error' : '200 OK');
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const m = manager([peer.url], stores, logs);
  await m.start();
  await until('registered', () => registered(stores));
  await until('refresh rejected', () => stores.registration.getState().state === RegistrationState.Failed, 5000);
  await until('registered again', () => registered(stores), 3000);
  assert.ok(peer.count('REGISTER') >= 3, JSON.stringify(logs.map((l) => [l.code, l.detail])));
  assert.ok(logs.some((l) => l.code === 'sip.register-refresh-failed'));
  assert.equal(peer.connections, 1, 'same connection: only the Registerer was recreated');
});

test('a rejected first REGISTER is retried with backoff, and stop() ends the retries', async () => {
  const peer = await Peer.start();
  peers.push(peer);
  peer.registerStatus = (n) => (n < 2 ? '403 Forbidden' : '200 OK');
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const m = manager([peer.url], stores, logs);
  await m.start();
  await until('registered after two rejections', () => registered(stores));
  assert.equal(peer.count('REGISTER'), 3);
  await m.stop();
  const after = peer.received.length;
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(peer.received.length <= after + 1, 'nothing but the un-REGISTER after stop()');
});

test('the one registration state walks its table: failover, registered, dropped, reconnected', async () => {
  const peer = await Peer.start();
  peers.push(peer);
  const stores = createSoftphoneStores(); // the default: an invalid transition throws
  const seen: string[] = [];
  stores.registration.subscribe((s, prev) => {
    if (s.state !== prev.state || s.retry !== prev.retry || s.server !== prev.server) seen.push(s.state === RegistrationState.Failed ? `${s.state}(${s.retry})` : s.state);
  });
  const m = manager(['ws://127.0.0.1:9', peer.url], stores, []);
  await m.start();
  await until('registered', () => registered(stores));
  assert.deepEqual(seen, ['Connecting', 'Connecting', 'Registering', 'Registered'], 'failover is Connecting -> Connecting');
  assert.equal(registrationLabel(stores.registration.getState()), 'Registered');
  seen.length = 0;
  peer.dropAll();
  await until('drop seen', () => seen.length > 0, 2000);
  await until('registered again', () => registered(stores) && peer.connections === 2);
  assert.equal(seen[0], 'Failed(reconnect)', 'a drop is a failure with a reconnect to come');
  assert.deepEqual(seen.slice(-2), ['Registering', 'Registered']);
  assert.ok(
    seen.every((s) => ['Failed(reconnect)', 'Connecting', 'Registering', 'Registered'].includes(s)),
    seen.join(' '),
  );
  await m.stop();
  assert.equal(stores.registration.getState().state, RegistrationState.Unregistered);
  assert.equal(registrationLabel(stores.registration.getState()), 'Unregistered');
});
