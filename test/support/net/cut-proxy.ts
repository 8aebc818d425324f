// A TCP relay between the console and the lab's WebSocket port that can fail the way networks do
// (issue 17 point 4): cut() drops every connection and refuses new ones for a while (a blip with
// a close); freeze() stops every byte both ways, on old and new connections, without closing
// anything (a silent drop: packets lost in the network), and delivers what was held when it
// thaws, as TCP's retransmissions would. Loopback only; nothing of the traffic is logged.
import net from 'node:net';

export interface CutProxy {
  /** ws://127.0.0.1:<port> for the console's settings. */
  readonly url: string;
  /** Connections accepted so far (a reconnect shows as one more). */
  readonly accepted: number;
  cut(refuseMs: number): void;
  freeze(ms: number): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  server: net.Socket;
}

export async function startCutProxy(target: { host: string; port: number }): Promise<CutProxy> {
  const pairs = new Set<Pair>();
  let refuseUntil = 0;
  let frozenUntil = 0;
  let accepted = 0;
  const held: (() => void)[] = [];
  let thawTimer: ReturnType<typeof setTimeout> | undefined;

  const forward = (from: net.Socket, to: net.Socket) =>
    from.on('data', (chunk) => {
      if (Date.now() < frozenUntil || held.length)
        held.push(() => to.write(chunk)); // in order behind what is held
      else to.write(chunk);
    });

  const server = net.createServer((client) => {
    if (Date.now() < refuseUntil) {
      client.destroy();
      return;
    }
    accepted++;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, server: upstream };
    pairs.add(pair);
    // The upgrade request names the relay; Kamailio only upgrades a Host that is its own address.
    client.once('data', (first: Buffer) => {
      const rewritten = first.toString('latin1').replace(/^Host:[^\r\n]*/im, `Host: ${target.host}:${target.port}`);
      upstream.write(Buffer.from(rewritten, 'latin1'));
      forward(client, upstream);
    });
    forward(upstream, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `ws://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    cut(refuseMs) {
      refuseUntil = Date.now() + refuseMs;
      for (const p of pairs) {
        p.client.destroy();
        p.server.destroy();
      }
      pairs.clear();
    },
    freeze(ms) {
      frozenUntil = Date.now() + ms;
      clearTimeout(thawTimer);
      thawTimer = setTimeout(() => {
        for (const deliver of held.splice(0)) deliver();
      }, ms);
    },
    async close() {
      clearTimeout(thawTimer);
      for (const p of pairs) {
        p.client.destroy();
        p.server.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
