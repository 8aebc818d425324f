// Detects a silent drop: a WebSocket can stay open while the server is frozen or the path is
// gone. Every `intervalMs` an OPTIONS without user part goes to the server's domain (Kamailio and
// most registrars answer it statelessly, e.g. "200 Keepalive"); ANY final response counts as
// alive. A probe unanswered after `timeoutMs` is a miss, and the next probe goes at once; after
// `maxMisses` misses in a row the connection is dead. Worst case from the freeze to `onDead`:
// intervalMs + maxMisses * timeoutMs (4 + 2 * 2.5 = 9 s with the defaults, under the 12 s we promise).
import { UserAgent, type URI } from 'sip.js';

export interface KeepaliveOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly maxMisses: number;
}

export const DEFAULT_KEEPALIVE: KeepaliveOptions = { intervalMs: 4000, timeoutMs: 2500, maxMisses: 2 };

export interface Keepalive {
  stop(): void;
  /** Probe now (e.g. the OS said the network changed). */
  probeNow(): void;
}

export function startKeepalive(ua: UserAgent, domain: string, onDead: () => void, options: KeepaliveOptions = DEFAULT_KEEPALIVE): Keepalive {
  const target: URI | undefined = UserAgent.makeURI(`sip:${domain}`);
  let stopped = false;
  let misses = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(probe, ms);
  };

  function probe(): void {
    if (stopped || inFlight) return;
    inFlight = true;
    let settled = false;
    const settle = (alive: boolean) => {
      if (settled || stopped) return;
      settled = true;
      inFlight = false;
      clearTimeout(timeout);
      if (alive) {
        misses = 0;
        schedule(options.intervalMs);
        return;
      }
      misses++;
      if (misses >= options.maxMisses) {
        stopped = true;
        clearTimeout(timer);
        onDead();
      } else schedule(0);
    };
    const timeout = setTimeout(() => settle(false), options.timeoutMs);
    try {
      if (!target) throw new Error('no keep-alive target');
      const core = ua.userAgentCore;
      const message = core.makeOutgoingRequestMessage('OPTIONS', target, ua.configuration.uri, target, {});
      core.request(message, {
        onAccept: () => settle(true),
        onReject: () => settle(true),
        onRedirect: () => settle(true),
        onProgress: () => undefined,
        onTrying: () => undefined,
      });
    } catch {
      settle(false); // could not even send: the transport is gone
    }
  }

  schedule(options.intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    probeNow() {
      if (!stopped && !inFlight) schedule(0);
    },
  };
}
