// The softphone's dial-out (P-DIALOUT, P-SECRECY): only a dial string of the outside-line prefix and
// digits becomes a SIP URI on the account's domain, and the engine's log line names the country,
// never the number. A scripted SIP-over-WebSocket peer answers REGISTER (Node has no WebRTC, so the
// INVITE itself is the browser test's part, test/browser/dialout.test.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createSoftphoneStores, RegistrationState, Softphone, type RemoteAudio } from '../../renderer/sip';
import { SoftphoneContext } from '../../renderer/sip/calls/context';
import { silentTones } from '../../renderer/sip/tones';
import type { LogReport } from '../../common/ipc/contract';
import { Settings } from '../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../common/policy';
import { header, reply } from '../support/sip-text';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

let wss: WebSocketServer;
let port = 0;

before(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((r) => wss.on('listening', r));
  port = (wss.address() as AddressInfo).port;
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const msg = data.toString();
      if (msg.startsWith('REGISTER ')) ws.send(reply(msg, '200 OK', [`Contact: ${header(msg, 'Contact')};expires=600`]));
    });
  });
});

after(async () => {
  await new Promise((r) => wss.close(r));
});

const settings = () =>
  Settings.parse({
    version: 1,
    displayName: 'Operatör 1',
    accounts: [{ id: 'primary', username: 'op1', password: 'pw', domain: 'pbx.example', servers: [`ws://127.0.0.1:${port}`] }],
    switchboards: DEFAULT_SWITCHBOARDS,
    dialout: { outsidePrefix: '0', numberFormat: 'from-sweden' },
  });

test('outsideUri: prefix and digits on the account domain; anything else refused', () => {
  const ctx = new SoftphoneContext({
    stores: createSoftphoneStores(),
    log: () => undefined,
    audio: { attach: async () => undefined, detach: () => undefined },
    tones: silentTones,
    now: Date.now,
    newId: () => 'x',
  });
  assert.equal(ctx.outsideUri('000442079460958'), null, 'no account yet: nowhere to call');
  ctx.settings = settings();
  assert.equal(ctx.outsideUri('000442079460958'), 'sip:000442079460958@pbx.example');
  assert.equal(ctx.outsideUri('0+442079460958'), 'sip:0+442079460958@pbx.example');
  assert.equal(ctx.outsideUri('+442079460958'), 'sip:+442079460958@pbx.example');
  for (const bad of ['', '0', '00 44 20', 'sip:x@evil', '0044;transport=tcp', '0@evil.example', '0'.repeat(30)]) assert.equal(ctx.outsideUri(bad), null, JSON.stringify(bad));
});

test('a dial-out is logged with the country and calling code only, never the number', async () => {
  const stores = createSoftphoneStores();
  const logs: LogReport[] = [];
  const audio: RemoteAudio = { attach: async () => undefined, detach: () => undefined };
  const phone = new Softphone({ stores, log: (e) => logs.push(e), audio });
  await phone.start(settings());
  try {
    for (let i = 0; i < 300 && stores.registration.getState().state !== RegistrationState.Registered; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(stores.registration.getState().state, RegistrationState.Registered);
    assert.equal(await phone.dialOut('sip:x@evil', '+44 20 7946 0958', { country: 'GB', callingCode: '44' }), 'no-target');
    await phone.dialOut('000442079460958', '+44 20 7946 0958', { country: 'GB', callingCode: '44' }); // no WebRTC in Node: the call itself fails
    const line = logs.find((l) => l.code === 'dialout.call');
    assert.deepEqual(line?.detail, { country: 'GB', callingCode: '44', withCaller: false });
    const text = JSON.stringify(logs);
    for (const part of ['7946', '0958', '00044', '+44 20']) assert.ok(!text.includes(part), `${part} is not in the log`);
  } finally {
    await phone.stop();
  }
});
