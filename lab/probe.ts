// Readiness probes: a SIP OPTIONS over UDP (Kamailio answers "200 Keepalive") and an ng "ping"
// to rtpengine. Both are plain UDP on loopback.
import dgram from 'node:dgram';
import crypto from 'node:crypto';

function udpRequest(port: number, payload: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    const done = (v: string | null) => {
      clearTimeout(timer);
      sock.close();
      resolve(v);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    sock.on('message', (msg) => done(msg.toString()));
    sock.on('error', () => done(null));
    sock.bind(0, '127.0.0.1', () => {
      const port0 = sock.address().port;
      sock.send(payload.replaceAll('{{LOCAL_PORT}}', String(port0)), port, '127.0.0.1');
    });
  });
}

export async function sipOptions(host: string, port: number, timeoutMs = 500): Promise<string | null> {
  const branch = `z9hG4bK${crypto.randomBytes(6).toString('hex')}`;
  const msg = [
    `OPTIONS sip:${host}:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:{{LOCAL_PORT}};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:probe@${host}>;tag=${crypto.randomBytes(4).toString('hex')}`,
    `To: <sip:${host}:${port}>`,
    `Call-ID: ${crypto.randomUUID()}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const reply = await udpRequest(port, msg, timeoutMs);
  return reply ? reply.split('\r\n')[0]! : null;
}

export async function rtpenginePing(port: number, timeoutMs = 500): Promise<boolean> {
  const reply = await udpRequest(port, 'probe d7:command4:pinge', timeoutMs);
  return reply !== null && reply.includes('pong');
}

/** Polls `check` every 100 ms until it returns true, `giveUp` returns a reason, or timeoutMs. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, giveUp?: () => string | null): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return;
    const reason = giveUp?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
