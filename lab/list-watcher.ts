// A plain-SIP (UDP) list watcher for the lab: logs in as an operator account, SUBSCRIBEs to a
// resource list (Supported: eventlist) or to one extension, answers every NOTIFY 200 and hands its
// body on. Used by the lab tests of the rls module and by the presence bench as the "other
// consoles" (a Chromium console per extra operator would measure Chromium, not the PBX).
import crypto from 'node:crypto';
import dgram from 'node:dgram';

export interface WatchedNotify {
  readonly callId: string;
  readonly contentType: string;
  readonly subscriptionState: string;
  readonly body: string;
  readonly at: number;
}

export interface ListWatcherOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly onNotify?: (n: WatchedNotify) => void;
}

const md5 = (s: string) => crypto.createHash('md5').update(s).digest('hex');
const rand = () => crypto.randomBytes(6).toString('hex');

interface Parsed {
  readonly first: string;
  readonly headers: Map<string, string[]>;
  readonly body: string;
}

function parse(raw: string): Parsed {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const lines = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const l of lines.slice(1)) {
    const c = l.indexOf(':');
    if (c < 0) continue;
    const k = l.slice(0, c).trim().toLowerCase();
    headers.set(k, [...(headers.get(k) ?? []), l.slice(c + 1).trim()]);
  }
  return { first: lines[0]!, headers, body: end < 0 ? '' : raw.slice(end + 4) };
}

const h = (p: Parsed, name: string) => p.headers.get(name)?.[0] ?? '';

export class ListWatcher {
  private readonly sock = dgram.createSocket('udp4');
  private readonly pending = new Map<string, (p: Parsed) => void>();
  private localPort = 0;
  /** SUBSCRIBE requests sent (each challenge retry counts). */
  sent = 0;
  constructor(private readonly o: ListWatcherOptions) {}

  async open(): Promise<void> {
    await new Promise<void>((r) => this.sock.bind(0, '127.0.0.1', () => r()));
    this.localPort = this.sock.address().port;
    this.sock.on('message', (m) => this.onMessage(m.toString('utf8')));
  }

  close(): void {
    this.sock.close();
  }

  private onMessage(raw: string): void {
    const p = parse(raw);
    if (p.first.startsWith('SIP/2.0')) {
      const cseq = h(p, 'cseq');
      this.pending.get(`${h(p, 'call-id')} ${cseq}`)?.(p);
      return;
    }
    // a request (NOTIFY): 200 with the same Via/From/To/Call-ID/CSeq
    const reply = [
      'SIP/2.0 200 OK',
      ...(p.headers.get('via') ?? []).map((v) => `Via: ${v}`),
      `From: ${h(p, 'from')}`,
      `To: ${h(p, 'to')}`,
      `Call-ID: ${h(p, 'call-id')}`,
      `CSeq: ${h(p, 'cseq')}`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const via = h(p, 'via');
    const rport = /rport=(\d+)/.exec(via)?.[1] ?? /:(\d+)/.exec(via.split(';')[0]!)?.[1] ?? String(this.o.port);
    this.sock.send(reply, Number(rport), '127.0.0.1');
    if (p.first.startsWith('NOTIFY'))
      this.o.onNotify?.({ callId: h(p, 'call-id'), contentType: h(p, 'content-type'), subscriptionState: h(p, 'subscription-state'), body: p.body, at: performance.now() });
  }

  private request(callId: string, cseq: number, text: string): Promise<Parsed> {
    return new Promise((resolve, reject) => {
      const key = `${callId} ${cseq} SUBSCRIBE`;
      const timer = setTimeout(() => {
        this.pending.delete(key);
        reject(new Error('SUBSCRIBE: no final answer in 10 s'));
      }, 10000);
      this.pending.set(key, (p) => {
        if (/^SIP\/2.0 1\d\d/.test(p.first)) return;
        clearTimeout(timer);
        this.pending.delete(key);
        resolve(p);
      });
      this.sent++;
      this.sock.send(text, this.o.port, '127.0.0.1');
    });
  }

  /**
   * SUBSCRIBEs to `target` (a list or an extension) for `event`; resolves with the final status
   * and whether the answer says Require: eventlist (a list the server serves).
   */
  async subscribe(target: string, event: 'dialog' | 'presence', opts: { eventlist: boolean; expires?: number }): Promise<{ status: number; eventlist: boolean; callId: string }> {
    const uri = `sip:${target}@${this.o.host}`;
    const callId = `${rand()}@lab`;
    const fromTag = rand();
    const accept = event === 'dialog' ? 'application/dialog-info+xml' : 'application/pidf+xml';
    const build = (cseq: number, auth: string) =>
      [
        `SUBSCRIBE ${uri} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${this.localPort};branch=z9hG4bK${rand()};rport`,
        'Max-Forwards: 70',
        `From: <sip:${this.o.user}@${this.o.host}>;tag=${fromTag}`,
        `To: <${uri}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} SUBSCRIBE`,
        `Contact: <sip:${this.o.user}@127.0.0.1:${this.localPort}>`,
        `Event: ${event}`,
        `Expires: ${opts.expires ?? 600}`,
        ...(opts.eventlist ? ['Supported: eventlist', `Accept: application/rlmi+xml, multipart/related, ${accept}`] : [`Accept: ${accept}`]),
        ...(auth ? [auth] : []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    let answer = await this.request(callId, 1, build(1, ''));
    let status = Number(answer.first.split(' ')[1]);
    if (status === 401 || status === 407) {
      const challenge = h(answer, status === 401 ? 'www-authenticate' : 'proxy-authenticate');
      const realm = /realm="([^"]*)"/.exec(challenge)?.[1] ?? this.o.host;
      const nonce = /nonce="([^"]*)"/.exec(challenge)?.[1] ?? '';
      const qop = /qop="?([^",]*)/.exec(challenge)?.[1];
      const ha1 = md5(`${this.o.user}:${realm}:${this.o.password}`);
      const ha2 = md5(`SUBSCRIBE:${uri}`);
      const cnonce = rand();
      const response = qop ? md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
      const header = `${status === 401 ? 'Authorization' : 'Proxy-Authorization'}: Digest username="${this.o.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5${qop ? `, qop=auth, nc=00000001, cnonce="${cnonce}"` : ''}`;
      answer = await this.request(callId, 2, build(2, header));
      status = Number(answer.first.split(' ')[1]);
    }
    const eventlist = (answer.headers.get('require') ?? []).some((v) => /\beventlist\b/i.test(v));
    return { status, eventlist, callId };
  }
}
