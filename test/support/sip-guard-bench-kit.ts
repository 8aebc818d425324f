// Shared by bench/sip/guard.bench.ts and test/browser/sip-guard-burst.test.ts: the guard page
// (sip-guard-page.ts) bundled and served from 127.0.0.1, a scripted SIP-over-WebSocket registrar,
// and the hostile frames it sends (small ones of every kind the guard refuses or SIP.js answers,
// and one MESSAGE with 30,000 Contact header fields).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { sipGrammarEsbuildPlugin } from '../../scripts/sip-grammar-speedup.mjs';
import { header, reply } from './sip-text.js';

export type GuardPageMode = 'sliced' | 'unsliced' | 'unguarded' | 'sink';

export interface GuardKit {
  /** The page URL for a mode, connecting to this kit's registrar. */
  url(mode: GuardPageMode): string;
  /** The newest connection's registered Contact URI. */
  contact(): string;
  send(text: string): void;
  /** Call-ID -> when (performance.now()) its final response arrived. */
  readonly answered: Map<string, number>;
  /** Final responses from the page in arrival order: Call-ID and status. */
  readonly answers: Array<{ id: string; status: number }>;
  close(): Promise<void>;
}

export async function startGuardKit(): Promise<GuardKit> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-guard-page-'));
  await build({
    entryPoints: [path.join(import.meta.dirname, 'sip-guard-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    outfile: path.join(dir, 'page.js'),
    logLevel: 'warning',
    plugins: [sipGrammarEsbuildPlugin()],
  });
  const script = fs.readFileSync(path.join(dir, 'page.js'));
  fs.rmSync(dir, { recursive: true, force: true });
  const html = '<!doctype html><meta charset="utf-8"><title>guard page</title><script src="page.js"></script>\n';
  const httpServer = http.createServer((req, res) => {
    if (req.url?.startsWith('/page.js')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  const pageUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/`;

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((r) => wss.on('listening', r));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  let peer: WebSocket | null = null;
  let contact = '';
  const answered = new Map<string, number>();
  const answers: Array<{ id: string; status: number }> = [];
  wss.on('connection', (ws) => {
    peer = ws;
    ws.on('message', (data) => {
      const msg = data.toString();
      if (msg.startsWith('REGISTER ')) {
        contact = /<(sip:[^>]+)>/.exec(header(msg, 'Contact'))?.[1] ?? '';
        ws.send(reply(msg, '200 OK', [`Contact: ${header(msg, 'Contact')};expires=600`]));
      } else if (msg.startsWith('SIP/2.0 ') && !msg.startsWith('SIP/2.0 1')) {
        const id = header(msg, 'Call-ID');
        answered.set(id, performance.now());
        answers.push({ id, status: Number(msg.split(' ')[1]) });
      }
    });
  });
  return {
    url: (mode) => `${pageUrl}?mode=${mode}&ws=${encodeURIComponent(wsUrl)}`,
    contact: () => contact,
    send: (text) => peer?.send(text),
    answered,
    answers,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
      await new Promise((r) => httpServer.close(r));
    },
  };
}

export interface Frame {
  /** The Call-ID the page's answer carries; '' when none is expected. */
  readonly id: string;
  readonly text: string;
}

let n = 0;
export function sipRequest(method: string, ruri: string, extra: string[] = [], body = '', cseq = `1 ${method}`): Frame {
  const id = `b${++n}@bench`;
  const text = [
    `${method} ${ruri} SIP/2.0`,
    `Via: SIP/2.0/WSS 127.0.0.1;branch=z9hG4bK-b${n}`,
    'Max-Forwards: 70',
    `From: <sip:+46701234567@127.0.0.1>;tag=f${n}`,
    `To: <sip:op1@127.0.0.1>`,
    `Call-ID: ${id}`,
    `CSeq: ${cseq}`,
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
  return { id, text };
}

export const optionsTo = (contact: string): Frame => sipRequest('OPTIONS', contact);

/** One MESSAGE with 30,000 Contact header fields (about 0.8 MB). */
export const hugeContactMessage = (contact: string): Frame =>
  sipRequest('MESSAGE', contact, [...Array.from({ length: 30000 }, (_, i) => `Contact: <sip:c${i}@127.0.0.1>`), 'Content-Type: text/plain'], 'hej');

/** `size` small hostile frames, cycling through the kinds, with the 30,000-Contact MESSAGE in the middle. */
export function hostileBurst(contact: string, size: number): Frame[] {
  const kinds: Array<() => Frame> = [
    () => optionsTo(contact),
    () => optionsTo(contact),
    () => sipRequest('NOTIFY', contact, ['Event: dialog', 'Subscription-State: active', 'Contact: <sip:x@127.0.0.1>']),
    () => ({ id: '', text: reply(optionsTo(contact).text, '200 OK') }), // a stray response
    () => ({ id: '', text: 'junk that is not SIP\r\n\r\n' }),
    () => sipRequest('MESSAGE', 'tel:+46512570000', ['Content-Type: text/plain'], 'hej'),
    () => sipRequest('INVITE', contact, [], '', 'one INVITE'),
  ];
  const frames: Frame[] = [];
  for (let i = 0; i < size; i++) frames.push(i === Math.floor(size / 2) ? hugeContactMessage(contact) : kinds[i % kinds.length]!());
  return frames;
}
