// Busy lamps through resource lists (RFC 4662, the lab's Kamailio rls module) beside today's
// per-extension subscriptions, in one run (npm run bench -- presence, or -- lists).
// For each mode, the console (Chromium, favourites = the watched extensions):
//  1. REGISTER 200 -> every favourite's lamp painted known (targets: 2,000 <= 2 s; 10,000 <= 5 s,
//     lists only: 10,000 per-extension subscriptions from one page take minutes).
//  2. SUBSCRIBE requests the console sent for its 2,000 lamps (target <= 10).
//  3. NOTIFY frame -> lamp painted p95 (target <= 50 ms): one PUBLISH of a confirmed dialog at a
//     time; in list mode the frame is the list NOTIFY that names the extension (rls gathers
//     changes for up to waitn_time = 1 s before it sends: PUBLISH -> painted is printed too).
//  4. Longest frame while 500 lamp changes per second arrive for 5 s (target <= 16.7 ms).
// Then three watchers × 2,000 lamps (plain-SIP UDP watchers, lab/list-watcher.ts, standing in for
// three consoles: the PBX's side of the cost, not Chromium's): SUBSCRIBE requests Kamailio handled
// (from the watchers, and rls's own back-end ones) and Kamailio's CPU time (/proc/<pid>/stat of
// every Kamailio process) for both modes. Prints figures; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { ListWatcher } from '../../lab/list-watcher.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole } from '../../test/support/console.js';
import { builtOutDir, runInLoopbackNamespace } from '../support.js';

const SELF = fileURLToPath(import.meta.url);
const NETNS = 'vaxel-lists-bench';
const WATCHED = Number(process.env.PRESENCE_WATCHED ?? 2000);
const BIG = Number(process.env.PRESENCE_BIG ?? 10000);
const SAMPLES = Number(process.env.PRESENCE_SAMPLES ?? 20);
const RATE = Number(process.env.PRESENCE_CHANGE_RATE ?? 500);
const BURST_S = Number(process.env.PRESENCE_BURST_S ?? 5);
// PRESENCE_PBX_ONLY=1: only the three watchers' cost to the PBX (no console)

await runInLoopbackNamespace(SELF, NETNS);
builtOutDir();

/** Console page probe: REGISTER 200, SUBSCRIBEs sent, dialog NOTIFY frames (single or list, with
 *  every extension they name), painted lamp changes, all-known time, frames. Source, not a function. */
const probe = (expect: number) => `(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__t = { registered: 0, allKnown: 0 };
  window.__subscribes = 0; window.__notify = []; window.__painted = []; window.__frames = null;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(u, p) {
      super(u, p);
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (typeof d !== 'string') return;
        if (!window.__t.registered && d.startsWith('SIP/2.0 200') && /\\r\\nCSeq:\\s*\\d+ REGISTER/i.test(d)) window.__t.registered = now();
        if (d.startsWith('NOTIFY ') && /\\r\\nEvent:\\s*dialog/i.test(d)) {
          const exts = []; const re = /entity="sips?:([^@"]+)@/g; let m;
          while ((m = re.exec(d))) exts.push(m[1]);
          window.__notify.push({ t: now(), exts });
        }
      });
    }
    send(d) { if (typeof d === 'string' && d.startsWith('SUBSCRIBE ')) window.__subscribes++; return super.send(d); }
  };
  const check = () => {
    const list = document.querySelector('ul[aria-label="Favoriter"]');
    if (list && list.children.length >= ${expect} && !list.querySelector('[data-lamp="unknown"]')) { window.__t.allKnown = now(); return; }
    setTimeout(check, 20);
  };
  setTimeout(check, 20);
  new MutationObserver((muts) => {
    for (const m of muts) {
      const el = m.target;
      if (!el.dataset || !el.dataset.ext) continue;
      const ext = el.dataset.ext, lamp = el.getAttribute('data-lamp');
      requestAnimationFrame(() => window.__painted.push({ ext, lamp, t: now() }));
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-lamp'] });
  const loop = (t) => { if (window.__frames) window.__frames.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})();`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const dialogBody = (ext: string, domain: string, state: 'confirmed' | 'terminated') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:${ext}@${domain}"><dialog id="b-${ext}" call-id="b-${ext}" local-tag="l${ext}" remote-tag="r${ext}" direction="recipient"><state>${state}</state></dialog></dialog-info>`;

/** Every Kamailio process's user + system CPU time, ms (clock ticks of /proc/<pid>/stat). */
function kamailioCpuMs(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(kamailio)')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    } catch {
      /* gone meanwhile */
    }
  }
  return (ticks * 1000) / 100; // USER_HZ 100 on Linux
}

/** SUBSCRIBE requests in Kamailio's log so far: from watchers, and rls's back-end ones (from itself). */
function subscribeCounts(lab: Lab): { watchers: number; backEnd: number } {
  const log = fs.readFileSync(path.join(lab.runDir, 'kamailio.log'), 'utf8');
  let watchers = 0;
  let backEnd = 0;
  for (const m of log.matchAll(/REQ SUBSCRIBE \S+ from ([\d.]+):(\d+)\/(\w+)/g)) {
    if (m[2] === String(lab.manifest.ports.sipUdp) && m[3] === 'udp') backEnd++;
    else watchers++;
  }
  return { watchers, backEnd };
}

function burst(publisher: LabPhone, exts: string[], domain: string, rate: number, state: 'confirmed' | 'terminated'): Promise<number[]> {
  const list = exts.map((e) => [`sip:${e}@${domain}`, dialogBody(e, domain, state)]);
  return publisher.page.evaluate(`new Promise((resolve) => {
    const list = ${JSON.stringify(list)}; const every = ${1000 / rate}; const statuses = []; let i = 0; const t0 = performance.now();
    const tick = () => {
      const due = Math.min(list.length, Math.floor((performance.now() - t0) / every) + 1);
      for (; i < due; i++) statuses.push(window.labPhone.publish(list[i][1], list[i][0], 'dialog', 'application/dialog-info+xml').catch(() => 0));
      if (i < list.length) setTimeout(tick, every / 2); else Promise.all(statuses).then(resolve);
    };
    tick();
  })`) as Promise<number[]>;
}

interface ModeFigures {
  known: number;
  subscribes: number;
  notifyToPaint: number[];
  publishToPaint: number[];
  longestFrame: number;
  frames: number;
}

async function measureConsole(browser: Browser, lab: Lab, runDir: string, publisher: LabPhone, exts: string[], mode: 'auto' | 'off', list: string, quick: boolean): Promise<ModeFigures> {
  const domain = lab.manifest.sipDomain;
  const cut = await openConsole({ browser, manifest: lab.manifest, runDir, settings: (s) => ({ ...s, favourites: exts, presenceLists: { mode, lists: [list] } }), initScripts: [probe(exts.length)] });
  const page: Page = cut.page;
  try {
    await page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true }).waitFor({ timeout: 60000 });
    let t = { registered: 0, allKnown: 0 };
    for (let i = 0; i < 600 && !t.allKnown; i++) {
      t = await page.evaluate(() => (window as unknown as { __t: typeof t }).__t);
      if (!t.allKnown) await sleep(200);
    }
    const subscribes = await page.evaluate(() => (window as unknown as { __subscribes: number }).__subscribes);
    const out: ModeFigures = { known: t.allKnown ? t.allKnown - t.registered : NaN, subscribes, notifyToPaint: [], publishToPaint: [], longestFrame: NaN, frames: 0 };
    if (quick) return out;
    for (let i = 0; i < SAMPLES; i++) {
      const ext = exts[i]!;
      const sentAt = Date.now();
      if ((await publisher.publish(dialogBody(ext, domain, 'confirmed'), ext, 'dialog', 'application/dialog-info+xml')) !== 200) continue;
      let r: { n: number; p: number } | null = null;
      for (let k = 0; k < 100 && !r; k++) {
        r = await page.evaluate(
          ([x, since]) => {
            const w = window as unknown as { __notify: { t: number; exts: string[] }[]; __painted: { ext: string; lamp: string; t: number }[] };
            // a paint after this PUBLISH (the extension may have been busy before, from an earlier mode)
            const p = w.__painted.find((m) => m.ext === x && m.lamp === 'busy' && m.t >= since);
            if (!p) return null;
            const n = w.__notify.filter((m) => m.t <= p.t && m.exts.includes(x)).pop();
            return n ? { n: p.t - n.t, p: p.t } : null;
          },
          [ext, sentAt] as const,
        );
        if (!r) await sleep(50);
      }
      if (r) {
        out.notifyToPaint.push(r.n);
        out.publishToPaint.push(r.p - sentAt);
      }
    }
    // 500 lamp changes a second: busy, then idle again, for the next extensions
    const burstExts = exts.slice(SAMPLES, SAMPLES + RATE * BURST_S);
    await page.evaluate(() => ((window as unknown as { __frames: number[] | null }).__frames = []));
    await burst(publisher, burstExts, domain, RATE, 'confirmed');
    await sleep(2500);
    const f = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[] | null };
      const fr = w.__frames ?? [];
      w.__frames = null;
      return fr.slice(1).map((x, i) => x - fr[i]!);
    });
    out.longestFrame = f.length ? Math.max(...f) : NaN;
    out.frames = f.length;
    return out;
  } finally {
    await Promise.race([cut.close().catch(() => undefined), sleep(15000)]);
  }
}

/** Three watchers × `exts` lamps in one mode: SUBSCRIBEs Kamailio handled and its CPU time. */
async function threeWatchers(lab: Lab, exts: string[], mode: 'lists' | 'per-extension'): Promise<string> {
  const m = lab.manifest;
  const before = subscribeCounts(lab);
  const cpu0 = kamailioCpuMs();
  let notifies = 0;
  const watchers: ListWatcher[] = [];
  for (let i = 0; i < 3; i++) {
    const op = m.operators[i % m.operators.length]!;
    const w = new ListWatcher({ host: m.sipDomain, port: m.ports.sipUdp, user: op.username, password: op.password, onNotify: () => notifies++ });
    await w.open();
    watchers.push(w);
  }
  const t0 = performance.now();
  await Promise.all(
    watchers.map(async (w) => {
      if (mode === 'lists') {
        for (const ev of ['dialog', 'presence'] as const) await w.subscribe('rl-all', ev, { eventlist: true }).catch(() => undefined);
        return;
      }
      const jobs = exts.flatMap((e) => (['dialog', 'presence'] as const).map((ev) => [e, ev] as const));
      let next = 0;
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          while (next < jobs.length) {
            const [e, ev] = jobs[next++]!;
            await w.subscribe(e, ev, { eventlist: false }).catch(() => undefined);
          }
        }),
      );
    }),
  );
  const setupMs = performance.now() - t0;
  await sleep(5000); // rls's back-end subscriptions and its first rounds of NOTIFYs
  const cpu = kamailioCpuMs() - cpu0;
  const after = subscribeCounts(lab);
  const sent = watchers.reduce((a, w) => a + w.sent, 0);
  for (const w of watchers) w.close();
  return `${mode.padEnd(13)}: watchers sent ${sent} SUBSCRIBEs (challenges included) in ${f1(setupMs)} ms; Kamailio handled ${after.watchers - before.watchers} from watchers + ${after.backEnd - before.backEnd} rls back-end; NOTIFYs to the watchers ${notifies}; Kamailio CPU ${f1(cpu)} ms (setup + 5 s)`;
}

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-lists-bench-'));
let lab: Lab | null = null;
let browser: Browser | null = null;
try {
  console.log(`presence lists bench: ${WATCHED} and ${BIG} lamps, ${SAMPLES} samples, ${RATE} changes/s for ${BURST_S} s; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  const manifest = (await import('../../lab/manifest.js')).loadLabManifest();
  const { generateDemoOrg } = await import('../../lab/demo-org/generate.js');
  const people = [
    ...new Set(
      generateDemoOrg({ manifest })
        .people.map((p) => p.extension)
        .filter(Boolean),
    ),
  ];
  const extsUpTo = (n: number) => {
    const out = [...people];
    for (let x = 6000; out.length < n; x++) if (!out.includes(String(x))) out.push(String(x));
    return out.slice(0, n);
  };
  const exts = extsUpTo(WATCHED);
  const big = extsUpTo(BIG);
  lab = await startLab({ runDir: path.join(runDir, 'lab'), writeDemoDirectory: false, shmMb: 768, lists: { extra: exts.filter((e) => !people.includes(e)), more: { 'rl-bench10k': big } } });
  browser = await launchChromium({ runDir });
  const op2 = lab.manifest.operators[1]!;
  const publisher = await openPhone(browser, { username: op2.username, password: op2.password }, { manifest: lab.manifest, runDir, register: false, name: 'publisher' });

  const row = (label: string, v: string) => console.log(`  ${label.padEnd(58)} ${v}`);
  const print = (title: string, r: ModeFigures, n: number) => {
    console.log(`\n${title}`);
    row(`1. REGISTER 200 -> all ${n} favourite lamps known (<= 2 s at 2,000)`, `${f1(r.known)} ms`);
    row(`2. SUBSCRIBE requests sent (<= 10 at 2,000)`, String(r.subscribes));
    if (!r.frames) return;
    row(`3. NOTIFY frame -> lamp painted p95 (<= 50 ms)`, `${f1(pct(r.notifyToPaint, 95))} ms (n ${r.notifyToPaint.length}, p50 ${f1(pct(r.notifyToPaint, 50))} ms)`);
    row(`   PUBLISH sent -> lamp painted p95`, `${f1(pct(r.publishToPaint, 95))} ms (p50 ${f1(pct(r.publishToPaint, 50))} ms)`);
    row(`4. longest frame while ${RATE} changes/s arrive (<= 16.7 ms)`, `${f1(r.longestFrame)} ms (${r.frames} rAF frames)`);
  };
  if (process.env.PRESENCE_PBX_ONLY !== '1') {
    print(`per-extension subscriptions (presenceLists.mode "off"), ${WATCHED} lamps`, await measureConsole(browser, lab, runDir, publisher, exts, 'off', 'rl-all', false), WATCHED);
    await burst(publisher, exts.slice(SAMPLES, SAMPLES + RATE * BURST_S), lab.manifest.sipDomain, 1000, 'terminated');
    print(`resource lists (rl-all, ${WATCHED} members), ${WATCHED} lamps`, await measureConsole(browser, lab, runDir, publisher, exts, 'auto', 'rl-all', false), WATCHED);
    // settings cap favourites at 5,000: the list has all 10,000 members, 5,000 of them are rows
    const rows = Math.min(BIG, 5000);
    print(
      `resource lists (rl-bench10k, ${BIG} members; ${rows} of them favourites, the settings' cap)`,
      await measureConsole(browser, lab, runDir, publisher, big.slice(0, rows), 'auto', 'rl-bench10k', true),
      rows,
    );
  }
  console.log(`\n5. Three watchers x ${WATCHED} lamps, the PBX's side (plain-SIP watchers standing in for consoles)`);
  console.log(`  ${await threeWatchers(lab, exts, 'lists')}`);
  console.log(`  ${await threeWatchers(lab, exts, 'per-extension')}`);
} finally {
  await Promise.race([browser?.close().catch(() => undefined), sleep(15000)]);
  await lab?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}
