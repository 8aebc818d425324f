// Is anything answering SIP on this UDP port? Used to prove a test really runs without a SIP server.
import dgram from 'node:dgram';

export function probeUdp(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', () => done(true));
    socket.on('error', () => done(false)); // ICMP port unreachable: nobody there
    const msg = `OPTIONS sip:${host}:${port} SIP/2.0\r\nVia: SIP/2.0/UDP ${host}:9;branch=z9hG4bKprobe\r\nMax-Forwards: 1\r\nFrom: <sip:probe@${host}>;tag=1\r\nTo: <sip:${host}>\r\nCall-ID: probe\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`;
    socket.send(msg, port, host);
  });
}
