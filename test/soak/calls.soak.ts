// `npm run soak -- calls [--calls 1000] [--warmup 100] [--concurrency 3] [--talk-ms 300]`: calls
// through ONE console in Chromium on the web host against the real lab (Kamailio, rtpengine):
// SIPp callers (plain RTP via rtpengine to the console's WebRTC) answered with F2, blind-
// transferred with F7 to auto-answering employees (lab phones, SIP.js WebRTC), hung up by the
// caller (test/support/soak/drive-calls.ts). After the warm-up and after every 100 calls, at idle:
// the console's JS heap after a forced GC, DOM nodes and event listeners (CDP), and this process's
// RSS (the web host is main on the web host). Prints the growth after the warm-up; exit code 1
// when any grew by more than --max-growth (10 %), a call failed, or after the soak anything is not
// back to the idle baseline: SIP.js sessions, dialogs and transactions of the console's UserAgents,
// the engine's tables and calls store (debug probe), live RTCPeerConnections, WebSockets and their
// listeners. Needs a loopback-only network namespace: as root it creates `vaxel-soak` and re-runs
// itself there. Never asserts timing; prints how long it took.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { ensureNetns, execInNetns, isLoopbackOnlyNamespace, isRoot } from '../../lab/netns.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { driveCalls } from '../support/soak/drive-calls.js';
import { leftovers, sampleMemory, settleTo, SOCKET_REGISTRY, type MemorySample } from '../support/soak/probes.js';

const SELF = fileURLToPath(import.meta.url);
const NETNS = 'vaxel-soak';

if (!isLoopbackOnlyNamespace()) {
  if (!isRoot()) {
    console.error(`the call soak needs a loopback-only network namespace: run as root, or inside one (ip netns exec <ns> npm run soak -- calls)`);
    process.exit(2);
  }
  ensureNetns(NETNS);
  process.exit(await execInNetns(NETNS, [process.execPath, '--expose-gc', '--import', 'tsx', SELF, ...process.argv.slice(2)]));
}

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '3' },
    'talk-ms': { type: 'string', default: '300' },
    'sample-every': { type: 'string', default: '100' },
    'audio-every': { type: 'string', default: '10' },
    'max-growth': { type: 'string', default: '10' },
  },
});
const num = (k: keyof typeof values) => {
  const v = Number(values[k]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${k} takes a number, got ${values[k]}`);
  return v;
};
const total = num('calls');
const warmup = Math.min(num('warmup'), total);
const concurrency = Math.max(1, num('concurrency'));
const every = Math.max(1, num('sample-every'));
const maxGrowth = num('max-growth') / 100;
if (typeof globalThis.gc !== 'function') console.log('(no --expose-gc: main RSS is read without a forced GC)');

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const line = (label: string, s: MemorySample) =>
  console.log(
    `  ${label.padEnd(16)} JS heap ${mb(s.jsHeap).padStart(9)}  DOM nodes ${String(s.domNodes).padStart(6)}  listeners ${String(s.jsEventListeners).padStart(5)}  main RSS ${mb(s.mainRss).padStart(9)}  main heap ${mb(s.mainHeap).padStart(8)}`,
  );

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-calls-soak-'));
let lab: Lab | null = null;
let browser: Browser | null = null;
let op: ConsoleUnderTest | null = null;
const phones: LabPhone[] = [];
const failures: string[] = [];
const started = Date.now();
try {
  console.log(`call soak: ${total} calls (${warmup} warm-up), ${concurrency} callers at once, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
  lab = await startLab({ runDir: path.join(runDir, 'lab'), writeDemoDirectory: false });
  browser = await launchChromium({ runDir });
  op = await openConsole({ browser, manifest: lab.manifest, runDir, initScripts: [SOCKET_REGISTRY] });
  const page = op.page;
  page.on('pageerror', (e) => failures.push(`page error: ${e.name}`));
  await page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true }).waitFor({ timeout: 30000 });
  const employees = lab.org.people.slice(0, 2).map((p) => p.extension);
  for (const ext of employees) {
    const phone = await openPhone(browser, { username: ext, password: employeePassword(lab.manifest, ext) }, { manifest: lab.manifest, runDir });
    await phone.setAutoAnswer(true);
    phones.push(phone);
  }
  const cdp = await page.context().newCDPSession(page);
  await new Promise((r) => setTimeout(r, 3000)); // presence subscriptions and lamps settle
  const baseline = await leftovers(page, cdp);
  console.log(`idle baseline: ${JSON.stringify(baseline)}`);

  let done = 0;
  let warm: MemorySample | null = null;
  let last: MemorySample | null = null;
  let audioChecked = 0;
  let noAudio = 0;
  const batch = async (n: number) => {
    const r = await driveCalls({ page, manifest: lab!.manifest, runDir, calls: n, first: done, concurrency, employees, talkMs: num('talk-ms'), audioEvery: num('audio-every'), stats: op!.stats });
    done += n;
    audioChecked += r.audioChecked;
    noAudio += r.noAudio;
    failures.push(...r.failed);
    console.log(
      `  ${String(done).padStart(5)} calls  ${(r.ms / n / 1000).toFixed(2)} s/call in this batch, ${r.transferred}/${n} transferred, ${r.failed.length} failures, elapsed ${((Date.now() - started) / 60000).toFixed(1)} min`,
    );
    for (const f of r.failed.slice(0, 3)) console.log(`    ${f}`);
  };
  console.log('\nwarm-up');
  await batch(warmup);
  await settleTo(page, cdp, baseline, 40000);
  warm = await sampleMemory(cdp);
  line(`after ${done}`, warm);
  console.log('\nsoak (memory at idle, after a forced GC)');
  while (done < total) {
    await batch(Math.min(every, total - done));
    await settleTo(page, cdp, baseline, 40000);
    last = await sampleMemory(cdp);
    line(`after ${done}`, last);
  }

  // after the soak: everything back to the idle baseline (transactions linger up to 32 s)
  const { now, diff } = await settleTo(page, cdp, baseline, 70000);
  console.log(`\nafter the soak: ${JSON.stringify(now)}`);
  if (diff.length) failures.push(`not back to the idle baseline: ${diff.join(', ')}`);
  else console.log('  back to the idle baseline: no SIP.js session, dialog, transaction, peer connection, call entry or socket listener left over');

  const elapsed = (Date.now() - started) / 1000;
  console.log(
    `\n${done} calls in ${(elapsed / 60).toFixed(1)} min (${(elapsed / Math.max(1, done)).toFixed(2)} s per call, with lab start), audio checked on ${audioChecked} calls, ${noAudio} without RTP`,
  );
  if (noAudio) failures.push(`${noAudio} of ${audioChecked} checked calls had no RTP from the caller`);
  if (warm && last && done > warmup) {
    console.log(`growth after the warm-up (${warmup} -> ${done} calls; target <= ${(maxGrowth * 100).toFixed(0)} %):`);
    const metrics: [string, keyof MemorySample][] = [
      ['JS heap', 'jsHeap'],
      ['DOM nodes', 'domNodes'],
      ['event listeners', 'jsEventListeners'],
      ['main RSS', 'mainRss'],
    ];
    for (const [label, k] of metrics) {
      const g = (last[k] - warm[k]) / warm[k];
      console.log(`  ${label.padEnd(16)} ${String(warm[k]).padStart(10)} -> ${String(last[k]).padStart(10)}  ${(g * 100).toFixed(1).padStart(6)} %`);
      if (g > maxGrowth) failures.push(`${label} grew ${(g * 100).toFixed(1)} % after the warm-up (limit ${(maxGrowth * 100).toFixed(0)} %)`);
    }
    console.log(`  (main heap ${mb(warm.mainHeap)} -> ${mb(last.mainHeap)}, for reference)`);
  } else console.log('no calls after the warm-up: no growth figure');
} catch (e) {
  failures.push(`soak stopped: ${(e as Error).stack ?? e}`);
} finally {
  for (const p of phones) await p.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await lab?.stop();
  if (process.env.VAXEL_KEEP_RUN) console.log(`run directory kept: ${runDir}`);
  else fs.rmSync(runDir, { recursive: true, force: true });
}
for (const f of failures.slice(0, 20)) console.log(`FAIL ${f}`);
if (failures.length > 20) console.log(`FAIL … and ${failures.length - 20} more`);
console.log(failures.length ? `call soak FAILED (${failures.length} failures)` : 'call soak passed');
process.exitCode = failures.length ? 1 : 0;
