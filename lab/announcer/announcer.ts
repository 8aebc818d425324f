// The lab's closed-message player (P-AFTERHOURS): a Chromium page running lab/announcer/page.ts,
// registered as the "announcer" account that Kamailio's route[AFTERHOURS] sends calls to while a
// switchboard is closed. It serves the prompt directory (lab.promptDir, written by the console's
// Kamailio control) to the page, so a new closed message is heard from the next call on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LabManifest } from '../manifest.js';
import type { Announcement } from './page.js';

export type { Announcement } from './page.js';

export const ANNOUNCER_ACCOUNT = { username: 'announcer', password: 'announcer-lab-secret' } as const;

const PAGE_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.ts');

async function serve(promptDir: string): Promise<{ url: string; close(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-lab-announcer-'));
  await build({ entryPoints: [PAGE_SOURCE], bundle: true, format: 'iife', platform: 'browser', target: 'chrome110', outfile: path.join(dir, 'an.js'), logLevel: 'warning' });
  const html = '<!doctype html><meta charset="utf-8"><title>Växel lab announcer</title><script src="an.js"></script>\n';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const prompt = /^\/prompts\/(closed-[a-z]+\.wav)$/.exec(url.pathname)?.[1];
    if (url.pathname === '/an.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      fs.createReadStream(path.join(dir, 'an.js')).pipe(res);
    } else if (prompt) {
      const file = path.join(promptDir, prompt);
      if (!fs.existsSync(file)) res.writeHead(404).end();
      else {
        res.writeHead(200, { 'content-type': 'audio/wav', 'cache-control': 'no-store' });
        fs.createReadStream(file).pipe(res);
      }
    } else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}

/** Adds the announcer account to the lab's Kamailio database (auth_db reads it per request). */
export function addAnnouncerSubscriber(runDir: string, m: LabManifest): void {
  const db = path.join(runDir, 'kamailio.sqlite');
  const sql = `INSERT INTO subscriber(username,domain,password) SELECT '${ANNOUNCER_ACCOUNT.username}','${m.sipDomain}','${ANNOUNCER_ACCOUNT.password}'
    WHERE NOT EXISTS (SELECT 1 FROM subscriber WHERE username='${ANNOUNCER_ACCOUNT.username}' AND domain='${m.sipDomain}');`;
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db], { input: sql, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 failed adding the announcer account: ${r.stderr}`);
}

export class LabAnnouncer {
  constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly server: { close(): void },
  ) {}
  announcements(): Promise<Announcement[]> {
    return this.page.evaluate(() => window.labAnnouncer.announcements());
  }
  async close(): Promise<void> {
    await this.page.evaluate(() => window.labAnnouncer.stop()).catch(() => undefined);
    await this.context.close();
    this.server.close();
  }
}

export async function openAnnouncer(browser: Browser, lab: { runDir: string; manifest: LabManifest; promptDir: string }, opts: { plays?: number } = {}): Promise<LabAnnouncer> {
  addAnnouncerSubscriber(lab.runDir, lab.manifest);
  const server = await serve(lab.promptDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[announcer] ${e.message}`));
  await page.goto(server.url);
  const m = lab.manifest;
  const r = await page.evaluate((o) => window.labAnnouncer.start(o), {
    wsUrl: m.wsUrl,
    domain: m.sipDomain,
    user: ANNOUNCER_ACCOUNT.username,
    password: ANNOUNCER_ACCOUNT.password,
    plays: opts.plays ?? 2,
  });
  if (!r.registered) {
    await context.close();
    server.close();
    throw new Error('announcer page: REGISTER failed');
  }
  return new LabAnnouncer(page, context, server);
}
