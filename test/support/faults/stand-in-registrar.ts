// A stand-in SIP-over-WebSocket server (the `ws` package speaking raw SIP on 127.0.0.1): it
// behaves first (REGISTER 200 with a short expiry, OPTIONS 200, SUBSCRIBE 200 + an active NOTIFY,
// every other request 200) and then does what a test or the fault suite tells it: send raw frames,
// drop connections, refuse new ones, accept and hang up at once. It is not a real registrar (no
// authentication, no location service): it stands in for Kamailio where faults must be scripted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { header, reply } from '../sip-text.js';

export interface StandInOptions {
  /** The expiry the 200 to REGISTER grants (s); SIP.js refreshes a little before it. */
  readonly registerExpires?: number;
  /** Fixed port (to come back on the same URL after close()); default any. */
  readonly port?: number;
}

export class StandInRegistrar {
  readonly wss: WebSocketServer;
  private readonly http: http.Server;
  /** Every text frame received, in order. */
  readonly received: Array<{ at: number; text: string }> = [];
  /** Final responses from the console: Call-ID and status. */
  readonly answers: Array<{ id: string; status: number }> = [];
  sockets: WebSocket[] = [];
  connections = 0;
  /** Accept the WebSocket, then close it before any SIP (a server that hangs up at once). */
  hangUpOnConnect = false;
  /** Answer nothing (a frozen server whose socket stays open). */
  muted = false;
  registerExpires: number;
  /** Connections that get no answer any more (a silent drop: the socket stays open, nothing comes back). */
  readonly frozen = new Set<WebSocket>();
  /** The newest REGISTER's Contact URI (where requests to the console go). */
  contact = '';
  private readonly listeners = new Set<(text: string) => void>();

  private constructor(httpServer: http.Server, wss: WebSocketServer, options: StandInOptions) {
    this.http = httpServer;
    this.wss = wss;
    this.registerExpires = options.registerExpires ?? 600;
    wss.on('connection', (ws) => {
      this.connections++;
      if (this.hangUpOnConnect) {
        ws.close(1001, 'going away');
        return;
      }
      this.sockets.push(ws);
      ws.on('close', () => (this.sockets = this.sockets.filter((s) => s !== ws)));
      ws.on('error', () => undefined);
      ws.on('message', (data, isBinary) => {
        const text = isBinary ? Buffer.from(data as Buffer).toString('latin1') : data.toString();
        this.received.push({ at: Date.now(), text });
        for (const l of this.listeners) l(text);
        if (this.muted || this.frozen.has(ws)) return;
        this.answer(ws, text);
      });
    });
  }

  static async start(options: StandInOptions = {}): Promise<StandInRegistrar> {
    // Our own HTTP server, so close() can also end connections still in the upgrade.
    const httpServer = http.createServer((_req, res) => res.writeHead(426).end());
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    const wss = new WebSocketServer({ server: httpServer, handleProtocols: () => 'sip' });
    return new StandInRegistrar(httpServer, wss, options);
  }

  private answer(ws: WebSocket, msg: string): void {
    if (msg.startsWith('SIP/2.0 ')) {
      const status = Number(msg.split(' ')[1]);
      if (status >= 200) this.answers.push({ id: header(msg, 'Call-ID'), status });
      return;
    }
    const method = msg.split(' ', 1)[0] ?? '';
    if (!/^[A-Z]+$/.test(method)) return;
    if (method === 'REGISTER') {
      const contact = header(msg, 'Contact');
      this.contact = /<(sip:[^>]+)>/.exec(contact)?.[1] ?? this.contact;
      ws.send(reply(msg, '200 OK', [`Contact: ${contact};expires=${this.registerExpires}`]));
    } else if (method === 'SUBSCRIBE') {
      const ok = reply(msg, '200 OK', [`Expires: 600`, `Contact: <sip:standin@127.0.0.1;transport=ws>`]);
      ws.send(ok);
      ws.send(this.notifyFor(msg, ok));
    } else if (method === 'ACK') {
      /* no answer */
    } else ws.send(reply(msg, '200 OK'));
  }

  /** An active NOTIFY with no body for a SUBSCRIBE we answered (so the subscription is up). */
  private notifyFor(subscribe: string, ok: string): string {
    const toTag = /tag=([^;>\s]+)/.exec(header(ok, 'To'))?.[1] ?? 'srv1';
    return [
      `NOTIFY ${/<([^>]+)>/.exec(header(subscribe, 'Contact'))?.[1] ?? 'sip:op1@127.0.0.1'} SIP/2.0`,
      `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-n${Math.random().toString(36).slice(2)}`,
      'Max-Forwards: 70',
      `From: ${header(subscribe, 'To')};tag=${toTag}`,
      `To: ${header(subscribe, 'From')}`,
      `Call-ID: ${header(subscribe, 'Call-ID')}`,
      'CSeq: 1 NOTIFY',
      `Event: ${header(subscribe, 'Event')}`,
      'Subscription-State: active;expires=600',
      'Contact: <sip:standin@127.0.0.1;transport=ws>',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** The newest open connection (the console's). */
  get socket(): WebSocket | undefined {
    return this.sockets[this.sockets.length - 1];
  }

  count(method: string, since = 0): number {
    return this.received.filter((m) => m.at >= since && m.text.startsWith(`${method} `)).length;
  }

  /** Calls `listener` with every frame received until the returned function is called. */
  onFrame(listener: (text: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(text: string | Buffer, options: { binary?: boolean; fin?: boolean } = {}): void {
    this.socket?.send(text, { binary: options.binary ?? false, fin: options.fin ?? true });
  }

  /** Closes every connection with a close frame (a server restart that says goodbye). */
  closeAll(code = 1001): void {
    for (const s of this.sockets) s.close(code);
  }

  /** Stops answering on the connections open now; new ones are answered (a path that died silently). */
  freezeAll(): void {
    for (const s of this.sockets) this.frozen.add(s);
  }

  /** Sends a close frame with any code, even one RFC 6455 forbids on the wire (1005, 999), then ends TCP. */
  closeWithRawCode(code: number): void {
    for (const s of this.sockets) {
      const socket = (s as unknown as { _socket: import('node:net').Socket })._socket;
      socket.end(Buffer.from([0x88, 0x02, (code >> 8) & 0xff, code & 0xff]));
    }
  }

  /** Drops every connection at the TCP level: no close frame (the console sees 1006). */
  dropAll(): void {
    for (const s of this.sockets) s.terminate();
    this.sockets = [];
  }

  private closing: Promise<void> | null = null;

  /** Stops listening and ends every connection; a second call waits for the first. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.dropAll();
    for (const c of this.wss.clients) c.terminate(); // also those hung up on, mid close handshake
    this.wss.close();
    this.http.closeAllConnections();
    this.closing = new Promise((r) => this.http.close(() => r()));
    return this.closing;
  }
}
