// A server's bad messages never take the console down. The real Softphone engine (SIP.js behind
// the guarded transport) registers with a scripted SIP-over-WebSocket peer (the `ws` package, as
// in softphone-engine.test.ts), which then sends it every RFC 4475 torture message (fixture copy
// in test/fixtures/rfc4475, adapted as index.json says) and malformed messages of our own. For
// each: the engine stays registered and answers an OPTIONS probe; invalid messages get an error
// response or are dropped with a logged code; nothing is thrown; logs carry codes only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createSoftphoneStores, RegistrationState, Softphone } from '../../renderer/sip';
import type { LogReport } from '../../common/ipc/contract';
import { Settings } from '../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../common/policy';
import { header, reply } from '../support/sip-text';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const FIXTURES = path.join(import.meta.dirname, '../fixtures/rfc4475');

interface Fixture {
  name: string;
  file: string;
  section: string;
  group: 'valid' | 'invalid' | 'other';
  kind: 'request' | 'response';
  frame: 'text' | 'binary';
  adapt?: Array<[string, string]>;
}
const index = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'index.json'), 'utf8')) as { messages: Fixture[] };


let wss: WebSocketServer;
let peer: WebSocket | undefined;
let port = 0;
const received: string[] = [];
const logs: LogReport[] = [];
const uncaught: unknown[] = [];
const stores = createSoftphoneStores();
let phone: Softphone;
let lastRegister = '';
let seq = 0;

const onUncaught = (error: unknown) => uncaught.push(error);

before(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((r) => wss.on('listening', r));
  port = (wss.address() as AddressInfo).port;
  wss.on('connection', (ws) => {
    peer = ws;
    ws.on('message', (data) => {
      const msg = data.toString();
      received.push(msg);
      if (msg.startsWith('REGISTER ')) {
        lastRegister = msg;
        ws.send(reply(msg, '200 OK', [`Contact: ${header(msg, 'Contact')};expires=600`]));
      } else if (msg.startsWith('OPTIONS ')) ws.send(reply(msg, '200 Keepalive'));
    });
  });
  phone = new Softphone({ stores, log: (e) => logs.push(e), audio: { attach: async () => undefined, detach: () => undefined } });
  await phone.start(
    Settings.parse({
      version: 1,
      displayName: 'Operatör 1',
      accounts: [{ id: 'primary', username: 'op1', password: 'pw', domain: '127.0.0.1', servers: [`ws://127.0.0.1:${port}`] }],
      switchboards: DEFAULT_SWITCHBOARDS,
    }),
  );
  await until('registered', () => stores.registration.getState().state === RegistrationState.Registered);
});

after(async () => {
  await phone.stop();
  await new Promise((r) => wss.close(r));
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

async function until(what: string, check: () => boolean, timeoutMs = 3000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - start;
}

/** The client's registered Contact user/host and AOR, for the fixtures' placeholders. */
function placeholders(): Record<string, string> {
  const contact = /<sip:([^@>]+)@([^;>]+)/.exec(header(lastRegister, 'Contact'))!;
  const aor = /sip:([^@>]+)@([^;>]+)/.exec(header(lastRegister, 'To'))!;
  const esc = (s: string) => `%${s.charCodeAt(0).toString(16).padStart(2, '0')}${s.slice(1)}`;
  return {
    user: contact[1],
    host: contact[2],
    userEsc: esc(contact[1]),
    aorUser: aor[1],
    aorHost: aor[2],
    aorUserEsc: esc(aor[1]),
    via: header(lastRegister, 'Via'),
    callId: header(lastRegister, 'Call-ID'),
    from: header(lastRegister, 'From'),
    to: header(lastRegister, 'To'),
    cseqNum: header(lastRegister, 'CSeq').split(' ')[0],
    contactUri: `sip:${contact[1]}@${contact[2]};transport=ws`,
    expires: '600',
  };
}

/** A fixture adapted as index.json describes: placeholders, and a unique suffix on every branch but the bare cookie. */
function adapt(f: Fixture): Buffer {
  const raw = fs.readFileSync(path.join(FIXTURES, f.file));
  // latin1 round-trips every byte; the adaptations are ASCII
  let s = raw.toString('latin1');
  const values = placeholders();
  for (const [from, to] of f.adapt ?? []) s = s.split(from).join(to);
  s = s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);
  s = s.replace(/(branch\s*=\s*)([^;,\s]+)/gi, (m, p: string, v: string) => (v === 'z9hG4bK' ? m : `${p}${v}-g${++seq}`));
  // placeholders may carry non-ASCII (never here), so encode them back the way they came
  return Buffer.from(s, 'latin1');
}

function sendFrame(data: Buffer | string, binary: boolean): void {
  peer!.send(data, { binary });
}

/** The engine still answers: an OPTIONS to its Contact gets 200, and it is still registered. */
async function assertResponsive(label: string): Promise<void> {
  const p = placeholders();
  const callId = `probe-${++seq}@test`;
  const msg = [
    `OPTIONS sip:${p.user}@${p.host};transport=ws SIP/2.0`,
    `Via: SIP/2.0/WSS 127.0.0.1:${port};branch=z9hG4bK-probe-${seq}`,
    'Max-Forwards: 70',
    `From: <sip:probe@127.0.0.1>;tag=probe${seq}`,
    `To: <sip:${p.aorUser}@${p.aorHost}>`,
    `Call-ID: ${callId}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  sendFrame(msg, false);
  await until(`${label}: OPTIONS probe answered`, () => received.some((m) => m.startsWith('SIP/2.0 200') && header(m, 'Call-ID') === callId), 2000);
  assert.equal(stores.registration.getState().state, RegistrationState.Registered, `${label}: still registered`);
}

interface Outcome {
  status: number | null;
  codes: string[];
  ms: number;
}

/** Sends one message and waits for the engine's answer (same Call-ID) or a guard code. */
async function deliver(data: Buffer | string, binary: boolean, callId: string | null, waitMs = 400): Promise<Outcome> {
  const logStart = logs.length;
  const recvStart = received.length;
  const started = Date.now();
  sendFrame(data, binary);
  const answer = () => received.slice(recvStart).find((m) => m.startsWith('SIP/2.0 ') && !m.startsWith('SIP/2.0 100') && callId !== null && header(m, 'Call-ID') === callId);
  const guarded = () => logs.slice(logStart).some((l) => l.code.startsWith('sip.guard.'));
  try {
    await until('an answer or a guard code', () => Boolean(answer()) || guarded(), waitMs);
  } catch {
    /* neither: a valid message SIP.js handled silently (e.g. a stray response) */
  }
  const ms = Date.now() - started;
  await new Promise((r) => setTimeout(r, 20)); // let a response that follows a log arrive
  const a = answer();
  return { status: a ? Number(a.split(' ')[1]) : null, codes: logs.slice(logStart).map((l) => l.code), ms };
}

for (const f of index.messages) {
  test(`RFC 4475 ${f.section} ${f.name} (${f.group} ${f.kind})`, async () => {
    const data = adapt(f);
    const text = data.toString('latin1');
    const callId = f.kind === 'request' ? header(text, '(?:Call-ID|i)') || null : null;
    const out = await deliver(f.frame === 'binary' ? data : Buffer.from(data.toString('latin1'), 'latin1').toString('utf8'), f.frame === 'binary', callId);
    const guardCodes = out.codes.filter((c) => c.startsWith('sip.guard.'));
    // RFC 4475 3.1.2.12: an element that does not use Date may ignore it and process the request.
    if (f.group === 'invalid' && f.name !== 'baddate') {
      if (f.kind === 'request') assert.ok((out.status !== null && out.status >= 400) || guardCodes.length > 0, `${f.name}: error response or logged drop; got ${JSON.stringify(out)}`);
      else assert.ok(guardCodes.length > 0, `${f.name}: an invalid response is dropped with a code; got ${JSON.stringify(out)}`);
    }
    assert.ok(!out.codes.includes('sip.guard.engine-threw'), `${f.name}: SIP.js threw behind the guard: ${JSON.stringify(out.codes)}`);
    await assertResponsive(f.name);
    assert.deepEqual(uncaught, [], 'nothing uncaught');
  });
}

/** A request of our own, well-formed except where the test says. */
function request(o: { method?: string; ruri?: string; cseq?: string; extra?: string[]; body?: string; callId?: string; noCallId?: boolean }): { msg: string; callId: string } {
  const p = placeholders();
  const n = ++seq;
  const callId = o.callId ?? `own-${n}@test`;
  const method = o.method ?? 'INVITE';
  const body = o.body ?? '';
  return {
    callId,
    msg: [
      `${method} ${o.ruri ?? `sip:${p.user}@${p.host};transport=ws`} SIP/2.0`,
      `Via: SIP/2.0/WSS 127.0.0.1:${port};branch=z9hG4bK-own-${n}`,
      'Max-Forwards: 70',
      `From: <sip:+46701234567@127.0.0.1>;tag=own${n}`,
      `To: <sip:${p.aorUser}@${p.aorHost}>`,
      ...(o.noCallId ? [] : [`Call-ID: ${callId}`]),
      `CSeq: ${o.cseq ?? `1 ${method}`}`,
      `Contact: <sip:caller@127.0.0.1:${port};transport=ws>`,
      ...(o.extra ?? []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n'),
  };
}

const ownCases: Array<{ name: string; build: () => { msg: string | Buffer; callId: string | null; binary?: boolean }; status?: number; code: string }> = [
  { name: 'unknown Request-URI scheme (tel:)', build: () => request({ ruri: 'tel:+4651257000' }), status: 416, code: 'sip.guard.uri-scheme' },
  { name: 'a body without Content-Type', build: () => request({ method: 'MESSAGE', body: 'hej' }), status: 400, code: 'sip.guard.body-without-type' },
  { name: 'an unparseable CSeq', build: () => request({ cseq: 'one INVITE' }), status: 400, code: 'sip.guard.bad-cseq' },
  { name: 'a CSeq number over 2^31', build: () => request({ cseq: '4294967296 INVITE' }), status: 400, code: 'sip.guard.bad-cseq' },
  { name: 'Content-Length larger than the body', build: () => request({ method: 'MESSAGE', extra: ['Content-Type: text/plain'] }).msg.replace('Content-Length: 0', 'Content-Length: 50') as never, status: 400, code: 'sip.guard.short-body' },
  { name: 'an INVITE with a non-SDP body', build: () => request({ extra: ['Content-Type: text/plain'], body: 'not sdp' }), status: 415, code: 'sip.guard.unsupported-body' },
  {
    name: '50,000 header fields (SIP.js would freeze)',
    build: () => {
      const r = request({ extra: Array.from({ length: 50000 }, (_, i) => `X-Filler-${i}: ${i}`) });
      return r;
    },
    status: 513,
    code: 'sip.guard.too-large',
  },
  { name: '300 header fields in 10 KiB', build: () => request({ extra: Array.from({ length: 300 }, (_, i) => `X-F${i}: 1`) }), status: 513, code: 'sip.guard.too-many-headers' },
  { name: 'a 100 KiB message', build: () => request({ method: 'MESSAGE', extra: ['Content-Type: text/plain'], body: 'x'.repeat(100 * 1024) }), status: 513, code: 'sip.guard.too-large' },
  {
    name: 'a 4 MiB binary frame',
    build: () => {
      const r = request({ method: 'MESSAGE', extra: ['Content-Type: application/octet-stream'], body: 'y'.repeat(4 * 1024 * 1024) });
      return { msg: Buffer.from(r.msg), callId: r.callId, binary: true };
    },
    status: 513,
    code: 'sip.guard.too-large',
  },
  { name: 'no Call-ID (unanswerable)', build: () => ({ ...request({ noCallId: true }), callId: null }), code: 'sip.guard.missing-call-id.unanswerable' },
  { name: 'a malformed ACK (never answered)', build: () => ({ ...request({ method: 'ACK', cseq: 'x ACK' }), callId: null }), code: 'sip.guard.bad-cseq' },
  { name: 'a response with a 4-digit status', build: () => ({ msg: reply(lastRegister, '2000 OK'), callId: null }), code: 'sip.guard.bad-status-line' },
];

for (const c of ownCases) {
  test(`own malformed case: ${c.name}`, async () => {
    const built = c.build() as unknown;
    const { msg, callId, binary } = (typeof built === 'string' ? { msg: built, callId: header(built, 'Call-ID') } : built) as { msg: string | Buffer; callId: string | null; binary?: boolean };
    const out = await deliver(msg, binary ?? false, callId, 2000);
    assert.ok(out.codes.includes(c.code), `${c.name}: code ${c.code} expected, got ${JSON.stringify(out.codes)}`);
    if (c.status) assert.equal(out.status, c.status, `${c.name}: status`);
    else assert.equal(out.status, null, `${c.name}: no answer`);
    await assertResponsive(c.name);
    assert.deepEqual(uncaught, []);
  });
}

test('logs carry codes and numbers only, never message contents (P-SECRECY)', () => {
  const text = JSON.stringify(logs);
  assert.doesNotMatch(text, /4670|op1|example\.|Filler|tel:|sip:/);
  for (const l of logs) assert.match(l.code, /^[a-z0-9.-]{1,64}$/);
});
