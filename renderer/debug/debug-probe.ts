// A read-only debug probe for soaks and leak checks: `window.__vaxelDebugProbe.counts()` gives the
// sizes of what the console holds per call (SIP.js sessions and dialogs of every UserAgent it
// made, the engine's tables, the calls store). Numbers only, never a number or name (P-SECRECY).
// Installed only in a development build (scripts/build.mjs defines __VAXEL_DEBUG_PROBE__, false
// in production) served by the web host (http:), so the packaged app never has it.
import type { UserAgent } from 'sip.js';
import { UserAgentState } from 'sip.js';
import type { EngineCounts } from '../sip/softphone';
import { observeUserAgentCreations } from '../sip/transport/user-agent-factory';

declare const __VAXEL_DEBUG_PROBE__: boolean | undefined;

export const DEBUG_PROBE_ENABLED = typeof __VAXEL_DEBUG_PROBE__ !== 'undefined' && __VAXEL_DEBUG_PROBE__ === true;

export interface UserAgentCounts {
  /** UserAgents made and not stopped. */
  readonly running: number;
  /** Summed over the running ones. */
  readonly sessions: number;
  readonly subscriptions: number;
  readonly registerers: number;
  readonly publishers: number;
  readonly dialogs: number;
  readonly clientTransactions: number;
  readonly serverTransactions: number;
}

export interface DebugCounts {
  readonly userAgents: UserAgentCounts;
  readonly engine: EngineCounts;
}

const size = (o: object) => Object.keys(o).length;

function countUserAgents(made: readonly WeakRef<UserAgent>[]): UserAgentCounts {
  const c = { running: 0, sessions: 0, subscriptions: 0, registerers: 0, publishers: 0, dialogs: 0, clientTransactions: 0, serverTransactions: 0 };
  for (const ref of made) {
    const ua = ref.deref();
    if (!ua || ua.state === UserAgentState.Stopped) continue;
    c.running++;
    c.sessions += size(ua._sessions);
    c.subscriptions += size(ua._subscriptions);
    c.registerers += size(ua._registerers);
    c.publishers += size(ua._publishers);
    c.dialogs += ua.userAgentCore.dialogs.size;
    c.clientTransactions += ua.userAgentCore.userAgentClients.size;
    c.serverTransactions += ua.userAgentCore.userAgentServers.size;
  }
  return c;
}

/** Installs the probe when this build and host allow it; returns its removal (a no-op otherwise). */
export function installDebugProbe(engineCounts: () => EngineCounts, enabled = DEBUG_PROBE_ENABLED && location.protocol.startsWith('http')): () => void {
  if (!enabled) return () => undefined;
  const made: WeakRef<UserAgent>[] = [];
  const stopObserving = observeUserAgentCreations(({ ua }) => {
    for (let i = made.length - 1; i >= 0; i--) if (!made[i]!.deref()) made.splice(i, 1);
    made.push(new WeakRef(ua));
  });
  const probe = Object.freeze({ counts: (): DebugCounts => ({ userAgents: countUserAgents(made), engine: engineCounts() }) });
  Object.defineProperty(window, '__vaxelDebugProbe', { value: probe, configurable: true, enumerable: false, writable: false });
  return () => {
    stopObserving();
    if ((window as unknown as { __vaxelDebugProbe?: unknown }).__vaxelDebugProbe === probe) delete (window as unknown as { __vaxelDebugProbe?: unknown }).__vaxelDebugProbe;
  };
}
