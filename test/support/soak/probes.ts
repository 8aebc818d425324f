// What the call soak (test/soak/calls.soak.ts) and its short version (test/browser/soak-calls.test.ts)
// read from the console page, from outside the product where it can be: the JS heap after a forced
// GC, DOM node and event-listener counts (CDP), the WebSockets the page opened and their listeners
// (a test-side wrapper installed before load + CDP DOMDebugger), live RTCPeerConnections
// (test/support/console.ts records them), and, through the console's read-only debug probe
// (renderer/debug/debug-probe.ts, web-host development builds), SIP.js sessions, dialogs and
// transactions of every UserAgent it made and the engine's per-call tables.
import type { CDPSession, Page } from 'playwright-core';

/** Init script (source, see OpenConsoleOptions.initScripts): keeps every WebSocket the page opens. */
export const SOCKET_REGISTRY = `(() => {
  const Native = window.WebSocket;
  const sockets = [];
  window.__soakSockets = sockets;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      for (let i = sockets.length - 1; i >= 0; i--) if (sockets[i].readyState === Native.CLOSED) sockets.splice(i, 1);
      sockets.push(this);
    }
  };
})();`;

export interface Leftovers {
  /** SIP.js, summed over the running UserAgents. */
  uaRunning: number;
  sessions: number;
  subscriptions: number;
  dialogs: number;
  clientTransactions: number;
  serverTransactions: number;
  /** The engine's tables (renderer/sip/calls/context.ts) and the calls store. */
  engineSessions: number;
  engineMedia: number;
  engineHeld: number;
  engineTimers: number;
  engineLocalHangups: number;
  callsInStore: number;
  peerConnectionsAlive: number;
  socketsOpen: number;
  socketListeners: number;
}

interface ProbeCounts {
  userAgents: { running: number; sessions: number; subscriptions: number; dialogs: number; clientTransactions: number; serverTransactions: number };
  engine: { sessions: number; media: number; heldAt: number; timers: number; localHangups: number; calls: number };
}

/** Fails with a clear message when the build has no debug probe (a production build). */
async function probeCounts(page: Page): Promise<ProbeCounts> {
  const counts = await page.evaluate(() => {
    const probe = (window as unknown as { __vaxelDebugProbe?: { counts(): unknown } }).__vaxelDebugProbe;
    return probe ? probe.counts() : null;
  });
  if (!counts) throw new Error('window.__vaxelDebugProbe is missing: build the console without NODE_ENV=production (node scripts/build.mjs)');
  return counts as ProbeCounts;
}

/** Listeners on every open WebSocket the page made (addEventListener and on… handlers), by CDP. */
async function socketListeners(page: Page, cdp: CDPSession): Promise<{ open: number; listeners: number }> {
  const open = await page.evaluate(() => (window as unknown as { __soakSockets: WebSocket[] }).__soakSockets.filter((s) => s.readyState !== WebSocket.CLOSED).length);
  let listeners = 0;
  for (let i = 0; i < open; i++) {
    const r = await cdp.send('Runtime.evaluate', { expression: `window.__soakSockets.filter((s) => s.readyState !== WebSocket.CLOSED)[${i}]`, objectGroup: 'soak' });
    if (!r.result.objectId) continue;
    listeners += (await cdp.send('DOMDebugger.getEventListeners', { objectId: r.result.objectId })).listeners.length;
  }
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'soak' });
  return { open, listeners };
}

export async function leftovers(page: Page, cdp: CDPSession): Promise<Leftovers> {
  const p = await probeCounts(page);
  const pcs = await page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState !== 'closed').length);
  const ws = await socketListeners(page, cdp);
  return {
    uaRunning: p.userAgents.running,
    sessions: p.userAgents.sessions,
    subscriptions: p.userAgents.subscriptions,
    dialogs: p.userAgents.dialogs,
    clientTransactions: p.userAgents.clientTransactions,
    serverTransactions: p.userAgents.serverTransactions,
    engineSessions: p.engine.sessions,
    engineMedia: p.engine.media,
    engineHeld: p.engine.heldAt,
    engineTimers: p.engine.timers,
    engineLocalHangups: p.engine.localHangups,
    callsInStore: p.engine.calls,
    peerConnectionsAlive: pcs,
    socketsOpen: ws.open,
    socketListeners: ws.listeners,
  };
}

/** The keys that differ between two readings, as "key a -> b". */
export function differences(baseline: Leftovers, now: Leftovers): string[] {
  return (Object.keys(baseline) as (keyof Leftovers)[]).filter((k) => baseline[k] !== now[k]).map((k) => `${k} ${baseline[k]} -> ${now[k]}`);
}

/** Polls until the counts equal `baseline` (transactions linger up to 32 s, RFC 3261 timers). */
export async function settleTo(page: Page, cdp: CDPSession, baseline: Leftovers, timeoutMs: number): Promise<{ now: Leftovers; diff: string[] }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const now = await leftovers(page, cdp);
    const diff = differences(baseline, now);
    if (!diff.length || Date.now() > end) return { now, diff };
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface MemorySample {
  /** Console page's JS heap in use after a forced GC (CDP Runtime.getHeapUsage), bytes. */
  jsHeap: number;
  /** Memory.getDOMCounters after the GC. */
  domNodes: number;
  jsEventListeners: number;
  /** This process (the web host, i.e. main on the web host) after global.gc when exposed. */
  mainRss: number;
  mainHeap: number;
}

export async function sampleMemory(cdp: CDPSession): Promise<MemorySample> {
  const gc = globalThis.gc as (() => void) | undefined;
  for (let i = 0; i < 2; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    gc?.();
  }
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const mem = process.memoryUsage();
  return { jsHeap: heap.usedSize, domNodes: dom.nodes, jsEventListeners: dom.jsEventListeners, mainRss: mem.rss, mainHeap: mem.heapUsed };
}
