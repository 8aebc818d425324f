import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import fc from 'fast-check';
import { createMemoryLogger } from '../../main/services/log/logger';
import { startWebHost, type WebHost } from '../../main/web/host';
import { sampleSettings } from './settings.fixture';

// A stand-in for the built renderer: the real one is built by another part of the project.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-web-'));
const rendererDir = path.join(root, 'renderer');
const dataDir = path.join(root, 'data');
const preloadScript = path.join(root, 'bridge.js');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(
  path.join(rendererDir, 'index.html'),
  '<!doctype html><html><head><meta charset="utf-8"><title>Växel</title><script type="module" crossorigin src="./assets/app.js"></script></head><body></body></html>',
);
fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("renderer")');
fs.writeFileSync(path.join(rendererDir, 'assets', 'style.css'), 'body{}');
fs.writeFileSync(preloadScript, 'window.vaxel = {}');
fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');

const log = createMemoryLogger();
let host: WebHost;
before(async () => {
  host = await startWebHost({ dataDir, port: 0, rendererDir, preloadScript, log });
});
after(() => host.close());

type Frame = { id?: unknown; envelope?: { ok: boolean; value?: unknown; error?: { code: string; message: string } }; event?: string; payload?: unknown };

function connect(options: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const protocols = ['vaxel.v1', ...(options.token === undefined ? [] : [`vaxel-token.${options.token}`])];
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc`, protocols, { origin: options.origin ?? host.origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextFrame(ws: WebSocket, match: (f: Frame) => boolean = () => true): Promise<Frame> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (!match(frame)) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
  });
}

async function call(ws: WebSocket, id: number, method: string, input?: unknown): Promise<Frame> {
  const reply = nextFrame(ws, (f) => f.id === id);
  ws.send(JSON.stringify({ id, method, input }));
  return reply;
}

function rawGet(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

test('listens on 127.0.0.1 and hands out a URL with a 32-byte token in the fragment', () => {
  assert.match(host.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(host.token, /^[0-9a-f]{64}$/);
  assert.equal(host.url, `${host.origin}/#token=${host.token}`);
});

test('index.html comes with the bridge script before the renderer module, CSP and no-store', async () => {
  const res = await fetch(`${host.origin}/`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const html = await res.text();
  const bridge = html.indexOf('<script src="/vaxel-web-preload.js"></script>');
  assert.ok(bridge > 0, html);
  assert.ok(bridge < html.indexOf('./assets/app.js'), 'bridge runs first');
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src [^;]*ws:\/\/127\.0\.0\.1:\*/);
  assert.match(csp, /media-src [^;]*blob:/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('assets and the bridge are served with their content types', async () => {
  const js = await fetch(`${host.origin}/assets/app.js`);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await js.text(), 'console.log("renderer")');
  assert.equal((await fetch(`${host.origin}/assets/style.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
  const bridge = await fetch(`${host.origin}/vaxel-web-preload.js`);
  assert.equal(bridge.headers.get('content-type'), 'text/javascript; charset=utf-8', 'Chromium refuses to run a script served as octet-stream');
  assert.equal(await bridge.text(), 'window.vaxel = {}');
  assert.equal((await fetch(`${host.origin}/missing.js`)).status, 404);
  assert.equal((await fetch(`${host.origin}/`, { method: 'POST' })).status, 405);
});

test('path traversal in any spelling is a 404, never a file outside the renderer', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html', '/%E0%A4%A']) {
    const res = await rawGet(p);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(res.body, /outside the renderer/, p);
  }
});

test('a request for another Host name (DNS rebinding) is refused', async () => {
  const { port } = new URL(host.origin);
  assert.equal((await rawGet('/', { host: `evil.example:${port}` })).status, 421);
});

test('a WebSocket with a wrong or missing token is refused, and the refusal is logged', async () => {
  await assert.rejects(connect({ token: 'a'.repeat(64) }), /refused 403/);
  await assert.rejects(connect({ token: host.token.slice(0, -1) }), /refused 403/);
  await assert.rejects(connect({}), /refused 403/);
  assert.ok(log.lines.some((l) => l.includes('web.ipc-refused') && l.includes('"reason":"token"')));
  assert.ok(
    log.lines.every((l) => !l.includes(host.token)),
    'the token never reaches the log',
  );
});

test('a WebSocket from another Origin is refused even with the right token', async () => {
  await assert.rejects(connect({ token: host.token, origin: 'http://evil.example' }), /refused 403/);
  const { port } = new URL(host.origin);
  await assert.rejects(connect({ token: host.token, origin: `http://localhost:${port}` }), /refused 403/);
  assert.ok(log.lines.some((l) => l.includes('web.ipc-refused') && l.includes('"reason":"origin"')));
});

test('with the right token: calls work, bad frames get error envelopes, and the socket keeps serving', async () => {
  const ws = await connect({ token: host.token });
  assert.equal(ws.protocol, 'vaxel.v1', 'the token is not echoed back as the protocol');

  const info = await call(ws, 1, 'getAppInfo');
  const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
  assert.deepEqual(info.envelope, { ok: true, value: { name: 'Växel', version, host: 'web', dataDir } });
  assert.deepEqual((await call(ws, 2, 'getSettings')).envelope, { ok: true, value: { status: 'first-run', locked: [] } });

  const bad = await call(ws, 3, 'saveSettings', { version: 1, displayName: '' });
  assert.equal(bad.envelope?.ok, false);
  assert.equal(bad.envelope?.error?.code, 'invalid-payload');
  assert.match(bad.envelope?.error?.message ?? '', /displayName/);

  const malformed = nextFrame(ws);
  ws.send('{"id": 4, "method": ');
  assert.deepEqual((await malformed).envelope?.error?.code, 'invalid-payload');
  assert.equal((await malformed).id, null);

  const notRequest = nextFrame(ws);
  ws.send(JSON.stringify({ id: 5, nope: true }));
  assert.equal((await notRequest).id, 5);
  assert.equal((await notRequest).envelope?.error?.code, 'invalid-payload');

  assert.equal((await call(ws, 6, 'formatDisk')).envelope?.error?.code, 'unknown-method');

  // Still alive: a valid save works, is pushed as an event, and persists.
  const event = nextFrame(ws, (f) => f.event === 'settingsChanged');
  const saved = await call(ws, 7, 'saveSettings', sampleSettings());
  assert.equal(saved.envelope?.ok, true);
  assert.deepEqual((await event).payload, { status: 'ok', settings: sampleSettings(), locked: [] });
  assert.doesNotMatch(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'), /hemligt/);
  ws.close();
});

test('fuzzed frames (text, binary, forged envelopes) each get an error envelope, and the socket keeps serving', async () => {
  const ws = await connect({ token: host.token });
  const seed = process.env.VAXEL_FUZZ_SEED ? Number(process.env.VAXEL_FUZZ_SEED) : Date.now() % 2 ** 31;
  const frame = fc.oneof(
    fc.string({ maxLength: 400 }).map((text) => ({ text })),
    fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ bytes })),
    fc
      .record(
        {
          id: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.object()),
          method: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'getAppInfo')),
          input: fc.anything({ maxDepth: 2 }),
          extra: fc.anything({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      )
      .map((o) => ({ text: JSON.stringify(o) ?? 'null' })),
  );
  let n = 0;
  await fc.assert(
    fc.asyncProperty(frame, async (f) => {
      n++;
      // a forged frame may still name a real method with a valid input (getAppInfo, no input): then it is a call
      const reply = nextFrame(ws, (r) => r.envelope !== undefined);
      if ('bytes' in f) ws.send(Buffer.from(f.bytes), { binary: true });
      else ws.send(f.text);
      const r = await reply;
      return r.envelope!.ok ? (r.envelope!.value as { name?: string }).name === 'Växel' : typeof r.envelope!.error?.message === 'string' && r.envelope!.error.message.length > 0;
    }),
    { seed, numRuns: 150, reporter: (out) => void (out.failed && assert.fail(`${fc.defaultReportMessage(out)}\nreplay: VAXEL_FUZZ_SEED=${out.seed}`)) },
  );
  assert.equal(n, 150);
  assert.equal((await call(ws, 9001, 'getAppInfo')).envelope?.ok, true, 'still serving');
  ws.close();
});

test('after saving, the CSP allows the configured SIP server', async () => {
  const csp = (await fetch(`${host.origin}/`)).headers.get('content-security-policy') ?? '';
  assert.match(csp, /connect-src [^;]*wss:\/\/pbx\.example:7443/);
});
