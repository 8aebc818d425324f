// Drives calls through one console the way an operator does, for the call soak and its short
// version: SIPp callers (plain RTP through rtpengine, lab/sipp/caller-refer.xml) ring the
// switchboard, at most `concurrency` at once; the console answers the longest waiting with F2,
// blind-transfers it with the extension typed and F7 to an employee (a lab phone, SIP.js WebRTC,
// auto-answer), and is idle again after the final NOTIFY; the caller talks to the employee for
// `talkMs` and hangs up. Keys and roles only. Bounded: every wait has a timeout, a stuck call is
// hung up (F4) and counted as failed.
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { LabManifest } from '../../../lab/manifest.js';
import { SIPP_CALLER_REFER_SCENARIO, startSippCall, type SippCall } from '../../../lab/sipp.js';
import type { MediaSample } from '../media.js';

export interface DriveOptions {
  page: Page;
  manifest: LabManifest;
  runDir: string;
  /** Calls in this batch; numbered from `first` (caller numbers and SIPp logs). */
  calls: number;
  first: number;
  concurrency: number;
  /** Extensions of auto-answering employees, used in turn. */
  employees: readonly string[];
  talkMs: number;
  /** Every n-th call checks that the caller's audio (RTP via rtpengine) reaches the console. */
  audioEvery: number;
  stats: () => Promise<MediaSample | null>;
}

export interface DriveResult {
  transferred: number;
  failed: string[];
  audioChecked: number;
  noAudio: number;
  sippFailed: number;
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out (${timeoutMs} ms) waiting for ${what}`);
    await sleep(25);
  }
}

/** +46 70 77x xx xx: unique per call, so a stray old caller is never taken for a new one. */
const callerNumber = (i: number) => `+467077${String(i % 100000).padStart(5, '0')}`;

export async function driveCalls(o: DriveOptions): Promise<DriveResult> {
  const started = Date.now();
  const result: DriveResult = { transferred: 0, failed: [], audioChecked: 0, noAudio: 0, sippFailed: 0, ms: 0 };
  const page = o.page;
  const queueRows = page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem');
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const idle = panel.getByText('Inget samtal', { exact: true });
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  const sippLogs: string[] = [];

  // The callers: each slot keeps one SIPp call going (its own SIP and media ports) until all are placed.
  let placed = 0;
  const running = new Set<SippCall>();
  const slot = async (s: number) => {
    while (placed < o.calls) {
      const i = o.first + placed++;
      const call = startSippCall({
        manifest: o.manifest,
        scenario: SIPP_CALLER_REFER_SCENARIO,
        target: '+4651257000',
        callerNumber: callerNumber(i),
        displayName: 'Soak',
        holdMs: o.talkMs,
        waitMs: 60000,
        runDir: path.join(o.runDir, 'sipp', `slot-${s}`),
        sipPort: 5100 + s,
        mediaPort: 7000 + s * 10,
      });
      running.add(call);
      const code = await call.done;
      running.delete(call);
      if (code !== 0) {
        result.sippFailed++;
        sippLogs.push(call.messageLog);
      }
    }
  };
  const callers = Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, (_, s) => slot(s)));

  // The operator: one call at a time, as the console is used.
  try {
    for (let n = 0; n < o.calls; n++) {
      const ext = o.employees[n % o.employees.length]!;
      try {
        await waitFor('a call in the queue', async () => (await queueRows.count()) > 0, 60000);
        await page.keyboard.press('F2');
        await panel.getByText('Samtal pågår').waitFor({ timeout: 15000 });
        if (n % o.audioEvery === 0) {
          result.audioChecked++;
          await waitFor('RTP from the SIPp caller at the console', async () => ((await o.stats())?.inboundBytes ?? 0) > 0, 10000).catch(() => result.noAudio++);
        }
        await search.fill(ext);
        await page.keyboard.press('F7');
        await panel.getByText(`Direktkoppling till ${ext}: klar`).waitFor({ timeout: 20000 });
        await idle.waitFor({ timeout: 15000 });
        result.transferred++;
      } catch (e) {
        result.failed.push(`call ${o.first + n}: ${(e as Error).message.split('\n')[0]}`);
        await page.keyboard.press('F4').catch(() => undefined);
        await idle.waitFor({ timeout: 15000 }).catch(() => undefined);
      }
    }
  } finally {
    // every caller ends by itself (its scenario's bound); kill what is left if the operator stopped early
    if (result.failed.length) for (const c of running) c.kill();
    await callers;
  }
  if (sippLogs.length) result.failed.push(`${sippLogs.length} SIPp caller(s) failed; first log: ${sippLogs[0]}`);
  result.ms = Date.now() - started;
  return result;
}
