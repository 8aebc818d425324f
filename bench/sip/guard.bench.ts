// Guard benchmark (npm run bench -- sip): how long a hostile burst blocks the page, in Debian's
// Chromium, for one registered SIP.js UserAgent made three ways (test/support/sip-guard-page.ts):
//   sliced    the console's UserAgent factory: guard + frames handled in slices of <= 8 ms
//   unsliced  the same guard, each frame handled inside its WebSocket event (the baseline before)
//   unguarded SIP.js's own transport (what the message-pad agent's second UserAgent had)
//   sink      a bare WebSocket that only counts frames: what Chromium itself costs per burst
// A scripted SIP-over-WebSocket server (the `ws` package) registers the page, then sends
//   0. nothing (the page's idle frame gaps: the noise floor on this machine);
//   1. one MESSAGE with 30,000 Contact header fields, alone;
//   2. bursts of GUARD_BURSTS (default 5,000 and 20,000) small frames back to back: OPTIONS (answered),
//      out-of-dialog NOTIFY, stray responses, junk, MESSAGE to a tel: URI, INVITE with a bad CSeq,
//      and the 30,000-Contact MESSAGE in the middle;
// each followed by a marker OPTIONS. Printed per mode: the longest task (PerformanceObserver
// 'longtask'), tasks over 50 ms, the longest gap between animation frames, time until the marker
// was answered, OPTIONS of the burst answered, page errors. Asserts nothing. Needs a
// loopback-only network namespace: creates `vaxel-guard-bench` and re-runs itself there (as root).
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../lab/chromium.js';
import { hostileBurst, hugeContactMessage, optionsTo, startGuardKit, type Frame } from '../../test/support/sip-guard-bench-kit.js';
import type { GuardBenchProbe } from '../../test/support/sip-guard-page.js';
import { runInLoopbackNamespace } from '../support.js';

const SELF = fileURLToPath(import.meta.url);
const BURSTS = (process.env.GUARD_BURSTS ?? '5000,20000').split(',').map(Number);
const ROUNDS = Number(process.env.GUARD_ROUNDS ?? 2);
const MODES = ['unguarded', 'unsliced', 'sliced', 'sink'] as const;

await runInLoopbackNamespace(SELF, 'vaxel-guard-bench');
const kit = await startGuardKit();
const answered = kit.answered;

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

interface Figures {
  longest: number;
  over50: number;
  maxGap: number;
  drainedMs: number | null;
  optionsAnswered: string;
  errors: number;
}

const browser = await launchChromium();
const results: Record<string, Record<string, Figures[]>> = {};

async function measure(mode: string, page: import('playwright-core').Page, frames: Frame[], optionIds: string[]): Promise<Figures> {
  await page.evaluate(() => (window as unknown as { __bench: GuardBenchProbe }).__bench.reset());
  await new Promise((r) => setTimeout(r, frames.length ? 200 : 2000));
  const marker = optionsTo(kit.contact());
  const start = performance.now();
  for (const f of frames) kit.send(f.text);
  kit.send(marker.text);
  let drainedMs: number | null = null;
  if (mode === 'sink') {
    // no SIP to answer: until the page has seen every frame
    await page.waitForFunction((count) => (window as unknown as { __bench: GuardBenchProbe }).__bench.frames >= count, frames.length + 1, { timeout: 60_000, polling: 20 });
    drainedMs = performance.now() - start;
  } else if (await until(() => answered.has(marker.id), 60_000)) drainedMs = answered.get(marker.id)! - start;
  await new Promise((r) => setTimeout(r, 300)); // the last longtask entries arrive after the task
  const p = await page.evaluate(() => {
    const b = (window as unknown as { __bench: GuardBenchProbe }).__bench;
    return { long: b.long, maxGap: b.maxGap, errors: b.errors };
  });
  return {
    longest: Math.max(0, ...p.long),
    over50: p.long.filter((d) => d > 50).length,
    maxGap: p.maxGap,
    drainedMs,
    optionsAnswered: `${optionIds.filter((id) => answered.has(id)).length}/${optionIds.length}`,
    errors: p.errors,
  };
}

for (let round = 0; round < ROUNDS; round++) {
  for (const mode of MODES) {
    const page = await browser.newPage();
    page.on('pageerror', () => undefined); // counted in the page
    await page.goto(kit.url(mode));
    await page.waitForFunction(() => (window as unknown as { __bench?: GuardBenchProbe }).__bench?.registered === true, null, { timeout: 20_000 });
    const r = (results[mode] ??= {});
    (r.idle ??= []).push(await measure(mode, page, [], []));
    (r.single ??= []).push(await measure(mode, page, [hugeContactMessage(kit.contact())], []));
    for (const size of BURSTS) {
      const frames = hostileBurst(kit.contact(), size);
      const optionIds = frames.filter((f) => f.text.startsWith('OPTIONS ')).map((f) => f.id);
      (r[`burst${size}`] ??= []).push(await measure(mode, page, frames, optionIds));
    }
    await page.close();
  }
}

const fmt = (x: number | null) => (x === null ? 'timeout' : `${x.toFixed(0)} ms`);
const worst = (list: Figures[]): Figures => ({
  longest: Math.max(...list.map((f) => f.longest)),
  over50: Math.max(...list.map((f) => f.over50)),
  maxGap: Math.max(...list.map((f) => f.maxGap)),
  drainedMs: list.some((f) => f.drainedMs === null) ? null : Math.max(...list.map((f) => f.drainedMs!)),
  optionsAnswered: list.map((f) => f.optionsAnswered).join(', '),
  errors: Math.max(...list.map((f) => f.errors)),
});
console.log(`guard bench: Chromium ${browser.version()}, ${ROUNDS} rounds per mode (worst shown)`);
const sections: Array<[string, string]> = [
  ['idle (2 s, nothing sent): the noise floor', 'idle'],
  ['one MESSAGE with 30,000 Contact headers', 'single'],
  ...BURSTS.map((size): [string, string] => [`burst of ${size} small frames + the 30,000-Contact MESSAGE`, `burst${size}`]),
];
for (const [label, key] of sections) {
  console.log(`\n${label}`);
  console.log('mode       longest task  tasks>50ms  longest frame gap  answered after  OPTIONS answered  page errors');
  for (const mode of MODES) {
    const w = worst(results[mode]![key]);
    console.log(
      `${mode.padEnd(10)} ${fmt(w.longest).padStart(12)}  ${String(w.over50).padStart(10)}  ${fmt(w.maxGap).padStart(17)}  ${fmt(w.drainedMs).padStart(14)}  ${(mode === 'sink' ? '-' : w.optionsAnswered).padStart(16)}  ${String(w.errors).padStart(11)}`,
    );
  }
  const s = worst(results.sliced![key]).longest;
  const u = worst(results.unsliced![key]).longest;
  const g = worst(results.unguarded![key]).longest;
  const k = worst(results.sink![key]).longest;
  const ratio = (x: number) => (s > 0 ? `${(x / s).toFixed(1)}x` : x > 0 ? 'sliced had none' : 'both none');
  console.log(`longest task: sliced ${fmt(s)}; unsliced ${fmt(u)} (${ratio(u)}); unguarded ${fmt(g)} (${ratio(g)}); sink, the platform alone, ${fmt(k)}; target <= 50 ms`);
}

await browser.close();
await kit.close();
