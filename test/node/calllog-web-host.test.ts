// The call log over the web host's real WebSocket: a call recorded by event is listed back, a bad
// event is refused with a clear error, the database lives in the data dir, and the log holds no numbers.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createMemoryLogger } from '../../main/services/log/logger';
import { startWebHost, type WebHost } from '../../main/web/host';
import { sampleSettings } from './settings.fixture';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-calllog-web-'));
const rendererDir = path.join(root, 'renderer');
const dataDir = path.join(root, 'data');
const preloadScript = path.join(root, 'bridge.js');
fs.mkdirSync(rendererDir, { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Växel</title>');
fs.writeFileSync(preloadScript, 'window.vaxel = {}');

const log = createMemoryLogger();
let host: WebHost;
before(async () => {
  host = await startWebHost({ dataDir, port: 0, rendererDir, preloadScript, log });
});
after(() => host.close());

type Envelope = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

async function connect(): Promise<{ call: (method: string, input?: unknown) => Promise<Envelope>; ws: WebSocket }> {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc`, ['vaxel.v1', `vaxel-token.${host.token}`], { origin: host.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 1;
  const call = (method: string, input?: unknown) =>
    new Promise<Envelope>((resolve) => {
      const id = next++;
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data)) as { id?: number; envelope?: Envelope };
        if (frame.id !== id || !frame.envelope) return;
        ws.off('message', onMessage);
        resolve(frame.envelope);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, input }));
    });
  return { call, ws };
}

test('records a call over the socket and lists it back; a bad event is refused and not written', async () => {
  const { call, ws } = await connect();
  assert.equal((await call('saveSettings', sampleSettings())).ok, true);
  const t = Date.now() - 60_000;
  const id = crypto.randomUUID();
  // Out of order, with a duplicate: the end arrives first, the offer last.
  for (const event of [
    { callId: id, kind: 'ended', at: t + 40_000, outcome: 'transferred' },
    { callId: id, kind: 'answered', at: t + 3_000 },
    { callId: id, kind: 'transferred', at: t + 30_000 },
    { callId: id, kind: 'answered', at: t + 3_000 },
    { callId: id, kind: 'offered', at: t, dialledNumber: '0512-570 00', switchboardId: 'essunga' },
  ]) {
    const reply = await call('recordCallEvent', event);
    assert.equal(reply.ok, true, JSON.stringify(reply));
  }
  const bad = await call('recordCallEvent', { callId: id, kind: 'ended', at: t + 50_000, outcome: 'vanished' });
  assert.equal(bad.error?.code, 'invalid-payload');
  assert.match(bad.error?.message ?? '', /recordCallEvent: outcome/);

  const listed = await call('listRecentCalls', { limit: 10 });
  assert.deepEqual(listed, {
    ok: true,
    value: [
      {
        callId: id,
        offeredAt: t,
        offeredAtEstimated: false,
        answeredAt: t + 3_000,
        transferredAt: t + 30_000,
        endedAt: t + 40_000,
        outcome: 'transferred',
        dialledNumber: '0512-570 00',
        switchboardId: 'essunga',
        referral: null,
        operator: 'vaxel1',
        dialOut: null,
      },
    ],
  });
  const stats = await call('getCallStats', { from: t - 1, to: t + 86_400_000 });
  assert.equal(stats.ok, true);
  const value = stats.value as { offered: number; timeToAnswer: { medianMs: number }; timeToConnect: { medianMs: number } };
  assert.equal(value.offered, 1);
  assert.equal(value.timeToAnswer.medianMs, 3_000);
  assert.equal(value.timeToConnect.medianMs, 27_000);
  ws.close();

  const file = path.join(dataDir, 'vaxel.sqlite');
  assert.ok(fs.existsSync(file), 'the database is in the data dir');
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const text = log.lines.join('\n');
  for (const secret of ['0512', '570 00', id]) assert.ok(!text.includes(secret), `the log holds ${secret}`);
});
