// Browser side of the guard benchmark and burst test (bundled by sip-guard-bench-kit.ts with the
// console's SIP.js grammar speed-up): one registered SIP.js UserAgent made the way `?mode=` says,
// and probes for how long the page is blocked (longtask entries, requestAnimationFrame gaps, page
// errors) and whether it is still registered.
//   sliced    the console's: createGuardedUserAgent, frames handled in slices of <= 8 ms
//   unsliced  the guard, but each frame handled inside its WebSocket event (before this change)
//   unguarded SIP.js's own transport, no guard (what the message-pad agent had)
//   sink      no SIP at all: a bare WebSocket whose handler only counts frames (the platform's
//             own cost of delivering the burst, which no JavaScript on the page can slice)
import { Registerer, UserAgent } from 'sip.js';
import type { SipAccount } from '../../common/settings/schema';
import { DEFAULT_INBOUND_LIMITS } from '../../renderer/sip/transport/inbound-queue';
import { createGuardedUserAgent } from '../../renderer/sip/transport/user-agent-factory';
import { userAgentOptions } from '../../renderer/sip/user-agent-options';

export interface GuardBenchProbe {
  registered: boolean;
  long: number[];
  maxGap: number;
  errors: number;
  guardCodes: number;
  /** Frames seen (sink mode). */
  frames: number;
  reset(): void;
}

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'sliced';
const server = params.get('ws') ?? '';

const probe: GuardBenchProbe = {
  registered: false,
  long: [],
  maxGap: 0,
  errors: 0,
  guardCodes: 0,
  frames: 0,
  reset() {
    probe.frames = 0;
    probe.long = [];
    probe.maxGap = 0;
    probe.errors = 0;
    probe.guardCodes = 0;
  },
};
(window as unknown as { __bench: GuardBenchProbe }).__bench = probe;

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) probe.long.push(e.duration);
}).observe({ type: 'longtask', buffered: true });
let last = performance.now();
const frame = () => {
  const t = performance.now();
  probe.maxGap = Math.max(probe.maxGap, t - last);
  last = t;
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
window.addEventListener('error', () => probe.errors++);
window.addEventListener('unhandledrejection', () => probe.errors++);

const account = { id: 'bench', label: '', username: 'op1', password: 'pw', domain: '127.0.0.1', servers: [server] } as SipAccount;
const log = (e: { code: string }) => {
  if (e.code.startsWith('sip.guard.')) probe.guardCodes++;
};
const base = { ...userAgentOptions(account, 'Bench', server, log), transportOptions: { server, keepAliveInterval: 0 } };
if (mode === 'sink') {
  const ws = new WebSocket(server, 'sip');
  ws.addEventListener('open', () => (probe.registered = true));
  ws.addEventListener('message', () => probe.frames++);
} else {
  const ua =
    mode === 'unguarded'
      ? new UserAgent(base)
      : createGuardedUserAgent({ purpose: 'registration', log, options: base, guard: mode === 'unsliced' ? { inbound: { ...DEFAULT_INBOUND_LIMITS, sliceMs: Infinity } } : {} });
  void ua.start().then(async () => {
    const registerer = new Registerer(ua);
    registerer.stateChange.addListener((s) => {
      probe.registered = s === 'Registered';
    });
    await registerer.register();
  });
}
