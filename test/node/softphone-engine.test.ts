// The Softphone engine against a tiny scripted SIP-over-WebSocket peer (the `ws` package speaking
// raw SIP text): REGISTER is answered 200, then INVITEs are sent and cancelled. No media (Node has
// no WebRTC), so answer() is left to the browser end-to-end test against Kamailio.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { CallState, createSoftphoneStores, RegistrationState, selectQueue, Softphone, type RemoteAudio } from '../../renderer/sip';
import type { LogReport } from '../../common/ipc/contract';
import { Settings } from '../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../common/policy';
import { header, reply } from '../support/sip-text';

// SIP.js's browser transport uses the global WebSocket, which Node 20 lacks.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

let wss: WebSocketServer;
let peer: WebSocket | undefined;
const received: string[] = [];
let port = 0;

function invite(n: number, from: string, to: string, extraHeaders: string[] = []): { invite: string; cancel: string } {
  const via = `Via: SIP/2.0/WSS 127.0.0.1:${port};branch=z9hG4bK-test-${n}`;
  const common = [via, 'Max-Forwards: 70', `From: ${from};tag=caller${n}`, `To: ${to}`, `Call-ID: call-${n}@test`];
  const inviteMsg = [`INVITE sip:op1@127.0.0.1 SIP/2.0`, ...common, `CSeq: 1 INVITE`, `Contact: <sip:caller${n}@127.0.0.1:${port};transport=ws>`, ...extraHeaders, 'Content-Length: 0', '', ''].join(
    '\r\n',
  );
  const cancelMsg = ['CANCEL sip:op1@127.0.0.1 SIP/2.0', ...common, 'CSeq: 1 CANCEL', 'Content-Length: 0', '', ''].join('\r\n');
  return { invite: inviteMsg, cancel: cancelMsg };
}

async function until(what: string, check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

before(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((r) => wss.on('listening', r));
  port = (wss.address() as AddressInfo).port;
  wss.on('connection', (ws) => {
    peer = ws;
    ws.on('message', (data) => {
      const msg = data.toString();
      received.push(msg);
      if (msg.startsWith('REGISTER ')) ws.send(reply(msg, '200 OK', [`Contact: ${header(msg, 'Contact')};expires=600`]));
    });
  });
});

after(async () => {
  await new Promise((r) => wss.close(r));
});

function settings() {
  return Settings.parse({
    version: 1,
    displayName: 'Operatör 1',
    accounts: [{ id: 'primary', username: 'op1', password: 'pw', domain: '127.0.0.1', servers: [`ws://127.0.0.1:${port}`, 'ws://127.0.0.1:9'] }],
    switchboards: DEFAULT_SWITCHBOARDS,
  });
}

test('registers, queues ringing calls with their greeting, removes them on CANCEL', async () => {
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const audio: RemoteAudio = { attach: async () => undefined, detach: () => undefined };
  let t = 1000;
  const phone = new Softphone({ stores, log: (e) => logs.push(e), audio, now: () => (t += 10) });

  await phone.start(settings());
  await until('Registered', () => stores.registration.getState().state === RegistrationState.Registered);
  assert.deepEqual(stores.registration.getState().servers, [`ws://127.0.0.1:${port}`, 'ws://127.0.0.1:9']);
  assert.match(
    header(
      received.find((m) => m.startsWith('REGISTER '))!,
      'Supported',
    ),
    /replaces/i,
  );

  const external = invite(1, '"070-123 45 67" <sip:+46701234567@127.0.0.1>', '<sip:+4651257000@127.0.0.1>');
  const internal = invite(2, '<sip:2001@127.0.0.1>', '<sip:9@127.0.0.1>');
  const diverted = invite(3, '<sip:+46311234567@127.0.0.1>', '<sip:op1@127.0.0.1>', ['Diversion: <sip:+4651458000@127.0.0.1>;reason=unconditional']);
  peer!.send(external.invite);
  await until('first call queued', () => selectQueue(stores.calls.getState()).length === 1);
  peer!.send(internal.invite);
  peer!.send(diverted.invite);
  await until('three calls queued', () => selectQueue(stores.calls.getState()).length === 3);

  const queue = selectQueue(stores.calls.getState());
  assert.deepEqual(
    queue.map((c) => [c.greeting, c.callerNumber, c.state]),
    [
      ['Välkommen till Essunga kommun', '+46701234567', CallState.Ringing],
      ['Växeln', '2001', CallState.Ringing],
      ['Välkommen till Grästorps kommun', '+46311234567', CallState.Ringing],
    ],
  );
  assert.equal(queue[0].callerName, '070-123 45 67');
  assert.equal(queue[0].dialledNumber, '+4651257000');
  assert.equal(queue[0].switchboardId, 'essunga');
  assert.equal(queue[2].dialledNumber, '+4651458000');
  await until('180 Ringing sent', () => received.some((m) => m.startsWith('SIP/2.0 180')));

  peer!.send(external.cancel);
  await until('cancelled call removed', () => selectQueue(stores.calls.getState()).length === 2);
  assert.equal(stores.calls.getState().lastEnded?.reason, 'remote-cancel');
  assert.equal(selectQueue(stores.calls.getState())[0].greeting, 'Växeln', 'the next longest waiting is first');

  // Hanging up a call that is still ringing rejects it (the operator declines it).
  const id = selectQueue(stores.calls.getState())[0].id;
  assert.equal(await phone.hangup(id), true);
  await until('declined call removed', () => selectQueue(stores.calls.getState()).length === 1);
  assert.equal(stores.calls.getState().lastEnded?.reason, 'local-hangup');

  assert.equal(await phone.answer('no-such-call'), 'no-call');
  await phone.stop();
  assert.equal(stores.registration.getState().state, RegistrationState.Unregistered);
  assert.deepEqual(stores.calls.getState().calls, {}, 'stop ends every call');
  // P-SECRECY: codes only, no numbers in what goes to the log.
  assert.doesNotMatch(JSON.stringify(logs), /4670|46512|2001|op1/);
  assert.ok(logs.some((l) => l.code === 'call.offered'));
});

test('a closed server leaves the registration Failed with a code', async () => {
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const phone = new Softphone({ stores, log: (e) => logs.push(e), audio: { attach: async () => undefined, detach: () => undefined } });
  const s = settings();
  await phone.start({ ...s, accounts: [{ ...s.accounts[0], servers: ['ws://127.0.0.1:9'] }] });
  assert.equal(stores.registration.getState().state, RegistrationState.Failed);
  assert.equal(stores.registration.getState().error, 'sip.transport-connect-failed');
  await phone.stop();
});

test('a restart with new settings (stop, then start at once) walks the registration table cleanly', async () => {
  const stores = createSoftphoneStores(); // the default: an invalid transition throws, also inside SIP.js callbacks
  const logs: LogReport[] = [];
  const phone = new Softphone({ stores, log: (e) => logs.push(e), audio: { attach: async () => undefined, detach: () => undefined } });
  const states: string[] = [];
  stores.registration.subscribe((s, prev) => {
    if (s.state !== prev.state) states.push(s.state);
  });
  await phone.start(settings());
  await until('Registered', () => stores.registration.getState().state === RegistrationState.Registered);
  // what the console does when settings are saved: the effect's cleanup stops, the effect starts
  void phone.stop();
  await phone.start(settings());
  await until('Registered again', () => stores.registration.getState().state === RegistrationState.Registered);
  assert.deepEqual(states, ['Connecting', 'Registering', 'Registered', 'Unregistered', 'Connecting', 'Registering', 'Registered']);
  await phone.stop();
  assert.equal(stores.registration.getState().state, RegistrationState.Unregistered);
});
