// A server's bad messages never take the console down, on ANY UserAgent it makes. Every
// UserAgent comes from renderer/sip/transport/user-agent-factory.ts; this test enumerates its
// USER_AGENT_PURPOSES and, for each, starts the console code that makes that UserAgent (DRIVERS,
// typed so that a new purpose without a driver does not compile) against a scripted
// SIP-over-WebSocket peer (the `ws` package, as in softphone-engine.test.ts), which then sends it
// every RFC 4475 torture message (fixture copy in test/fixtures/rfc4475, adapted as index.json
// says), malformed messages of our own, a MESSAGE with 30,000 Contact headers, a MESSAGE to a tel:
// Request-URI and a burst of 1,000 OPTIONS. For each: the UserAgent stays registered and answers
// an OPTIONS probe; invalid messages get an error response or are dropped with a logged code;
// nothing is thrown; logs carry codes only. A source scan makes sure no UserAgent is made
// elsewhere in renderer/, and the message-pad agent is shown to send on the registered connection.
// Over 400 lines because the hostile set, its placeholders and the drivers share one scripted
// peer's state (its socket, the last REGISTER, the received log); split, they would pass it around.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createSoftphoneStores, RegistrationState, Softphone } from '../../renderer/sip';
import { startDeliveryAgent, type AgentApi } from '../../renderer/features/messages/agent';
import { observeUserAgentCreations, USER_AGENT_PURPOSES, type UserAgentCreation, type UserAgentPurpose } from '../../renderer/sip/transport/user-agent-factory';
import type { LogReport } from '../../common/ipc/contract';
import type { MessageJob, MessageJobReport } from '../../common/messages/model';
import { Settings } from '../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../common/policy';
import { header, reply } from '../support/sip-text';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
// the message agent listens for the browser's 'online' event
(globalThis as { window?: unknown }).window ??= new EventTarget();

const FIXTURES = path.join(import.meta.dirname, '../fixtures/rfc4475');
const REPO = path.join(import.meta.dirname, '../..');

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
let connections = 0;
const received: string[] = [];
const logs: LogReport[] = [];
const uncaught: unknown[] = [];
const creations: UserAgentCreation[] = [];
let lastRegister = '';
let running: Running | undefined;
let seq = 0;

const onUncaught = (error: unknown) => uncaught.push(error);

function settings(): Settings {
  return Settings.parse({
    version: 1,
    displayName: 'Operatör 1',
    accounts: [{ id: 'primary', username: 'op1', password: 'pw', domain: '127.0.0.1', servers: [`ws://127.0.0.1:${port}`] }],
    switchboards: DEFAULT_SWITCHBOARDS,
  });
}

/** The console, as far as one UserAgent purpose goes: started, registered, stopped. */
interface Running {
  registered(): boolean;
  stop(): Promise<void>;
}
type Driver = () => Promise<Running>;

/** A delivery job the scripted outbox hands the message agent once. */
const outbox: { jobs: MessageJob[]; reports: MessageJobReport[] } = { jobs: [], reports: [] };
const agentApi: AgentApi = {
  messageClaimJob: async () => outbox.jobs.shift() ?? null,
  messageReportJob: async (r) => {
    outbox.reports.push(r);
    return true;
  },
  messageNudge: async () => 0,
};

const DRIVERS: Record<UserAgentPurpose, Driver> = {
  // The registered UserAgent: the softphone's, shared by presence and the message-pad agent.
  registration: async () => {
    const stores = createSoftphoneStores();
    const phone = new Softphone({ stores, log: (e) => logs.push(e), audio: { attach: async () => undefined, detach: () => undefined } });
    const s = settings();
    await phone.start(s);
    const agent = startDeliveryAgent({ settings: s, api: agentApi, log: (e) => logs.push(e), registration: stores.registration, onUserAgent: (l) => phone.onUserAgent(l), pollMs: 50 });
    return {
      registered: () => stores.registration.getState().state === RegistrationState.Registered,
      async stop() {
        await agent.stop();
        await phone.stop();
      },
    };
  },
};

/** Checks of one purpose's own, run before the hostile set. */
const EXTRA_TESTS: Record<UserAgentPurpose, Array<{ name: string; run: () => Promise<void> }>> = {
  registration: [
    {
      name: 'the message-pad agent sends its MESSAGE on the registered connection (no second WebSocket)',
      run: async () => {
        const before = received.length;
        outbox.jobs.push({
          deliveryId: 7,
          leaseToken: 'lease-7',
          leaseUntil: Date.now() + 60_000,
          channel: 'sip',
          attempt: 1,
          messageId: 'm-7',
          target: 'sip:2001@127.0.0.1',
          fromDisplayName: 'Växeln',
          body: 'Ring tillbaka',
          speech: null,
        });
        await until('the MESSAGE on the wire', () => received.slice(before).some((m) => m.startsWith('MESSAGE sip:2001@127.0.0.1 ')));
        await until('the delivery reported', () => outbox.reports.some((r) => r.deliveryId === 7));
        assert.deepEqual(
          outbox.reports.find((r) => r.deliveryId === 7),
          { deliveryId: 7, leaseToken: 'lease-7', outcome: 'delivered', code: 'sip-200' },
        );
        assert.equal(connections, 1, 'one WebSocket for registration and messages');
      },
    },
    {
      name: 'the message-pad agent given a tel: target fails the job with a code, throws nothing',
      run: async () => {
        const before = received.length;
        outbox.jobs.push({
          deliveryId: 8,
          leaseToken: 'lease-8',
          leaseUntil: Date.now() + 60_000,
          channel: 'sip',
          attempt: 1,
          messageId: 'm-8',
          target: 'tel:+46512570000',
          fromDisplayName: 'Växeln',
          body: 'Ring tillbaka',
          speech: null,
        });
        await until('the delivery reported', () => outbox.reports.some((r) => r.deliveryId === 8));
        assert.deepEqual(
          outbox.reports.find((r) => r.deliveryId === 8),
          { deliveryId: 8, leaseToken: 'lease-8', outcome: 'failed', code: 'bad-target' },
        );
        assert.ok(!received.slice(before).some((m) => m.startsWith('MESSAGE ')), 'nothing sent');
        assert.deepEqual(uncaught, []);
      },
    },
  ],
};

before(() => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
});
after(() => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

/** A scripted registrar: 200 to REGISTER (and to MESSAGE, as a delivering proxy would), 200 to OPTIONS. */
async function startPeer(): Promise<void> {
  connections = 0;
  received.length = 0;
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((r) => wss.on('listening', r));
  port = (wss.address() as AddressInfo).port;
  wss.on('connection', (ws) => {
    peer = ws;
    connections++;
    ws.on('message', (data) => {
      const msg = data.toString();
      received.push(msg);
      if (msg.startsWith('REGISTER ')) {
        lastRegister = msg;
        ws.send(reply(msg, '200 OK', [`Contact: ${header(msg, 'Contact')};expires=600`]));
      } else if (msg.startsWith('OPTIONS ')) ws.send(reply(msg, '200 Keepalive'));
      else if (msg.startsWith('MESSAGE ')) ws.send(reply(msg, '200 OK'));
    });
  });
}

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
  assert.ok(running?.registered(), `${label}: still registered`);
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
  {
    name: 'Content-Length larger than the body',
    build: () => request({ method: 'MESSAGE', extra: ['Content-Type: text/plain'] }).msg.replace('Content-Length: 0', 'Content-Length: 50') as never,
    status: 400,
    code: 'sip.guard.short-body',
  },
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

/** 30,000 Contact header fields in one MESSAGE (froze the page for ~3 s on the old, unguarded agent UserAgent). */
function hugeContactMessage(): { msg: string; callId: string } {
  return request({ method: 'MESSAGE', extra: [...Array.from({ length: 30000 }, (_, i) => `Contact: <sip:c${i}@127.0.0.1>`), 'Content-Type: text/plain'], body: 'hej' });
}
ownCases.push(
  { name: 'a MESSAGE with 30,000 Contact header fields', build: hugeContactMessage, status: 513, code: 'sip.guard.too-large' },
  {
    name: 'the same as a binary frame',
    build: () => {
      const r = hugeContactMessage();
      return { msg: Buffer.from(r.msg), callId: r.callId, binary: true };
    },
    status: 513,
    code: 'sip.guard.too-large',
  },
  // threw an uncaught exception on the old agent UserAgent
  {
    name: 'a MESSAGE to a tel: Request-URI',
    build: () => request({ method: 'MESSAGE', ruri: 'tel:+46512570000', extra: ['Content-Type: text/plain'], body: 'hej' }),
    status: 416,
    code: 'sip.guard.uri-scheme',
  },
);

/** 1,000 OPTIONS sent back to back: every one answered, in the order sent (the sliced inbound queue keeps order and loses nothing under its bound). */
async function burstOfOptions(): Promise<void> {
  const p = placeholders();
  const start = received.length;
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const n = ++seq;
    ids.push(`burst-${n}@test`);
    peer!.send(
      [
        `OPTIONS sip:${p.user}@${p.host};transport=ws SIP/2.0`,
        `Via: SIP/2.0/WSS 127.0.0.1:${port};branch=z9hG4bK-burst-${n}`,
        'Max-Forwards: 70',
        `From: <sip:probe@127.0.0.1>;tag=burst${n}`,
        `To: <sip:${p.aorUser}@${p.aorHost}>`,
        `Call-ID: burst-${n}@test`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  }
  const answered = () => received.slice(start).filter((m) => m.startsWith('SIP/2.0 200') && header(m, 'Call-ID').startsWith('burst-'));
  await until('1,000 OPTIONS answered', () => answered().length >= ids.length, 10000);
  assert.deepEqual(
    answered().map((m) => header(m, 'Call-ID')),
    ids,
    'every OPTIONS answered once, in order',
  );
  assert.ok(!logs.some((l) => l.code.startsWith('sip.guard.backlog')), 'nothing dropped under the backlog bound');
}

function hostileSet(): void {
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

  test('a burst of 1,000 OPTIONS: all answered, in order', async () => {
    await burstOfOptions();
    await assertResponsive('burst');
    assert.deepEqual(uncaught, []);
  });

  test('logs carry codes and numbers only, never message contents (P-SECRECY)', () => {
    const text = JSON.stringify(logs);
    assert.doesNotMatch(text, /4670|op1|example\.|Filler|tel:|sip:/);
    for (const l of logs) assert.match(l.code, /^[a-z0-9.-]{1,64}$/);
  });
}

for (const purpose of USER_AGENT_PURPOSES) {
  describe(`every UserAgent the console makes: "${purpose}"`, () => {
    before(async () => {
      const off = observeUserAgentCreations((c) => creations.push(c));
      await startPeer();
      running = await DRIVERS[purpose]();
      await until('registered', () => running!.registered());
      off();
      assert.ok(
        creations.some((c) => c.purpose === purpose),
        `the driver made a "${purpose}" UserAgent through the factory`,
      );
    });
    after(async () => {
      await running?.stop();
      running = undefined;
      await new Promise((r) => wss.close(r));
    });
    test('every UserAgent made meanwhile came from the factory with a listed purpose', () => {
      assert.ok(creations.length > 0);
      for (const c of creations) assert.ok((USER_AGENT_PURPOSES as readonly string[]).includes(c.purpose));
    });
    for (const t of EXTRA_TESTS[purpose]) test(t.name, t.run);
    hostileSet();
  });
}

/** Every .ts/.tsx file under dir. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

test('renderer/ makes UserAgents and guarded transports only in the factory', () => {
  const factory = path.join('renderer', 'sip', 'transport', 'user-agent-factory.ts');
  const offenders: string[] = [];
  for (const file of sources(path.join(REPO, 'renderer'))) {
    const rel = path.relative(REPO, file);
    // comments may name them
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    if (rel !== factory && /new\s+(?:SIP\.)?UserAgent\s*\(/.test(text)) offenders.push(`${rel}: new UserAgent`);
    if (rel !== factory && /transportConstructor/.test(text)) offenders.push(`${rel}: transportConstructor`);
    if (rel !== factory && !rel.startsWith(path.join('renderer', 'sip', 'transport')) && /guardedTransport\s*\(/.test(text)) offenders.push(`${rel}: guardedTransport`);
  }
  assert.deepEqual(offenders, []);
});
