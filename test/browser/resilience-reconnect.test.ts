// Registration that stays up, end to end: the built console (web host + real services) in
// Chromium, registered to the lab's real Kamailio. Kamailio is stopped and started again, frozen
// with SIGSTOP (a silent drop: the WebSocket stays open) and thawed, and a console whose first
// server is dead fails over to the lab. The operator never touches anything; the status bar says
// what is going on ("Nätverk" is the connection to the SIP server).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { labConsoleSettings } from '../../lab/console-settings.js';
import type { Settings } from '../../common/settings/schema.js';
import { createMemoryLogger } from '../../main/services/log/logger.js';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher.js';
import { createSettingsService } from '../../main/services/settings/settingsService.js';
import { startWebHost } from '../../main/web/host.js';
import { startLabSession, stopLabSession } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-resil-'));
let lab: Lab;
let browser: Browser;
const closers: Array<() => Promise<void>> = [];

/** The console from the web host with these settings (as test/support/console.ts, with a settings override). */
async function openConsoleWith(settings: Settings, name: string): Promise<Page> {
  const dataDir = path.join(runDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const log = createMemoryLogger();
  const service = createSettingsService({ dir: dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  service.save(settings);
  const outDir = path.resolve(import.meta.dirname, '../..', process.env.VAXEL_OUT ?? 'out');
  const host = await startWebHost({ dataDir, port: 0, log, rendererDir: path.join(outDir, 'renderer'), preloadScript: path.join(outDir, 'preload/web.js') });
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${name}] ${e.name}`));
  closers.push(async () => {
    await context.close();
    await host.close();
  });
  await page.goto(host.url);
  return page;
}

const statusText = (page: Page) => page.getByRole('status', { name: 'Status' }).innerText();

/** Polls the status bar until it matches; returns the ms it took. */
async function statusUntil(page: Page, pattern: RegExp, timeoutMs: number): Promise<number> {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    last = await statusText(page);
    if (pattern.test(last)) return Date.now() - start;
    await page.waitForTimeout(100);
  }
  assert.fail(`status ${JSON.stringify(last)} did not match ${pattern} within ${timeoutMs} ms`);
}

const REGISTERED = /^Registrerad[\s\S]*Nätverk: ansluten/;
// A drop being mended says "Återansluter …", given up "Ej ansluten"; never "Registrering misslyckades".
const DOWN = /(Återansluter …|Ej ansluten)[\s\S]*Nätverk: frånkopplad/;

/** Kamailio's main process and every process it forked (its workers), from the PID file in runDir. */
function kamailioPids(): number[] {
  const main = Number(fs.readFileSync(path.join(lab.runDir, 'kamailio.pid'), 'utf8').trim());
  const all = [main];
  for (let i = 0; i < all.length && i < 200; i++) {
    const pid = all[i];
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) all.push(...children.split(/\s+/).map(Number));
    }
  }
  return all;
}

function signalKamailio(signal: 'SIGSTOP' | 'SIGCONT'): number {
  const pids = kamailioPids();
  for (const pid of pids) process.kill(pid, signal);
  return pids.length;
}

let page: Page;

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  page = await openConsoleWith(labConsoleSettings(lab.manifest, 0), 'console-0');
  await statusUntil(page, REGISTERED, 15000);
});

after(async () => {
  for (const close of closers) await close().catch(() => undefined);
  try {
    signalKamailio('SIGCONT'); // never leave a frozen Kamailio behind
  } catch {
    /* not running */
  }
  await stopLabSession({ lab, browser, runDir });
});

test('Kamailio stopped: not registered and "frånkopplad" within 12 s; started again: registered without operator action', async () => {
  await lab.stopKamailio();
  const down = await statusUntil(page, DOWN, 12000);
  await lab.startKamailio();
  const up = await statusUntil(page, REGISTERED, 20000);
  console.log(`# restart: down shown after ${down} ms, registered ${up} ms after Kamailio was ready`);
});

test('Kamailio frozen (SIGSTOP, the WebSocket stays open): the keep-alive finds it within 12 s; thawed: registered again', async () => {
  const frozen = signalKamailio('SIGSTOP');
  let down: number;
  try {
    down = await statusUntil(page, DOWN, 12000);
  } finally {
    signalKamailio('SIGCONT');
  }
  const up = await statusUntil(page, REGISTERED, 20000);
  console.log(`# freeze (${frozen} processes): down shown after ${down} ms, registered ${up} ms after SIGCONT`);
});

test('failover: servers [a dead ws URL, the lab] registers on the second', async () => {
  const settings = labConsoleSettings(lab.manifest, 1);
  // port 9 (discard) has no listener in the namespace: connection refused
  const failover: Settings = { ...settings, accounts: [{ ...settings.accounts[0], servers: ['ws://127.0.0.1:9', lab.manifest.wsUrl] }] };
  const second = await openConsoleWith(failover, 'console-failover');
  const ms = await statusUntil(second, REGISTERED, 15000);
  console.log(`# failover: registered on the second server after ${ms} ms`);
});
