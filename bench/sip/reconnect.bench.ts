// Reconnect benchmark (npm run bench -- reconnect): how long the console takes to be registered
// again after the server drops a working connection and accepts a new one at once. The console's
// registration manager with the real SIP.js engine in Node, against a stand-in WebSocket SIP
// server (test/support/faults/stand-in-registrar.ts), default backoff (1 s base, 30 s cap):
//   fitted    reconnect-policy.ts: a drop of a registered connection is retried at once
//   old rule  the baseline before issue 17: any drop of a connection up for less than 30 s backed
//             off by the number of such drops (0.5–1 s, 1–2 s, 2–4 s … what the hostile run saw)
// With more than 20 drops a minute the flapping guard (reconnect-policy.ts maxImmediate) backs
// off 0.5–1 s per drop from the 21st on: that is the p95 of 30 drops; the median is the at-once path.
// Printed: median, p95 and max of drop → registered, and the ratio. Asserts nothing. Needs a
// loopback-only network namespace: creates `vaxel-reconnect-bench` and re-runs itself there.
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { backoffDelay, DEFAULT_BACKOFF } from '../../common/backoff.js';
import { DEFAULT_SWITCHBOARDS } from '../../common/policy/index.js';
import { Settings } from '../../common/settings/schema.js';
import { createSoftphoneStores, RegistrationState } from '../../renderer/sip/index.js';
import { RegistrationManager, type RegistrationManagerDeps } from '../../renderer/sip/registration/registration-manager.js';
import { StandInRegistrar } from '../../test/support/faults/stand-in-registrar.js';
import { runInLoopbackNamespace } from '../support.js';

const SELF = fileURLToPath(import.meta.url);
await runInLoopbackNamespace(SELF, 'vaxel-reconnect-bench');
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const DROPS = Number(process.env.RECONNECT_DROPS ?? 30);
// The old rule grows to 15–30 s per drop: a few drops say enough.
const OLD_DROPS = Number(process.env.RECONNECT_OLD_DROPS ?? 6);

/** The rule before issue 17: every drop of a connection younger than 30 s backs off, counting such drops. */
function oldRule(): NonNullable<RegistrationManagerDeps['decide']> {
  let quickDrops = 0;
  return (fault, history) => {
    if (fault === 'round-failed') {
      const failedRounds = history.failedRounds + 1;
      return { delayMs: backoffDelay(failedRounds, DEFAULT_BACKOFF), history: { ...history, failedRounds } };
    }
    return { delayMs: backoffDelay(++quickDrops, DEFAULT_BACKOFF), history };
  };
}

async function measure(drops: number, decide?: RegistrationManagerDeps['decide']): Promise<number[]> {
  const server = await StandInRegistrar.start();
  const stores = createSoftphoneStores();
  const settings = Settings.parse({
    version: 1,
    displayName: 'Bench',
    accounts: [{ id: 'b', username: 'op1', password: 'pw', domain: '127.0.0.1', servers: [server.url] }],
    switchboards: DEFAULT_SWITCHBOARDS,
  });
  const m = new RegistrationManager({ settings, stores, log: () => undefined, onUserAgent: () => undefined, events: null, ...(decide ? { decide } : {}) });
  const registered = () => stores.registration.getState().state === RegistrationState.Registered;
  const wait = async (check: () => boolean) => {
    while (!check()) await new Promise((r) => setTimeout(r, 2));
  };
  await m.start();
  await wait(registered);
  const times: number[] = [];
  for (let i = 0; i < drops; i++) {
    const connections = server.connections;
    const registers = server.count('REGISTER');
    const t0 = performance.now();
    if (i % 2) server.dropAll();
    else server.closeAll();
    await wait(() => server.connections > connections && server.count('REGISTER') > registers && registered());
    times.push(performance.now() - t0);
  }
  await m.stop();
  await server.close();
  return times;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const line = (name: string, xs: number[]) =>
  `${name.padEnd(10)} drops ${String(xs.length).padStart(3)}  median ${pct(xs, 50).toFixed(0).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(0).padStart(6)} ms  max ${Math.max(...xs)
    .toFixed(0)
    .padStart(6)} ms`;

const fitted = await measure(DROPS);
const old = await measure(OLD_DROPS, oldRule());
console.log('re-registered after a drop of a working connection (server accepts again at once):');
console.log(line('fitted', fitted));
console.log(line('old rule', old));
console.log(`p95 ratio old/fitted: ${(pct(old, 95) / pct(fitted, 95)).toFixed(0)}x (target: fitted p95 under 1,000 ms)`);
