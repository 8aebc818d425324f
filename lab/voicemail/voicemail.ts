// The lab's voicemail endpoint (and a plain SIP inbox): a Chromium page running lab/voicemail/page.ts,
// registered to the lab's Kamailio. openVoicemail() registers it as the voicemail account that
// Kamailio routes sip:vm-<ext>@ to (route[VOICEMAIL]); openInbox() registers it as an employee to
// receive SIP MESSAGEs (msilo delivers the stored ones when it registers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LabManifest } from '../manifest.js';
import type { Deposit, InboxMessage } from './page.js';

export type { Deposit, InboxMessage } from './page.js';

/** The voicemail server's account (a Kamailio subscriber added on first use). */
export const VOICEMAIL_ACCOUNT = { username: 'voicemail', password: 'voicemail-lab-secret' } as const;

const PAGE_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.ts');
let served: Promise<{ url: string; close(): void }> | null = null;

function serve(): Promise<{ url: string; close(): void }> {
  served ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-lab-voicemail-'));
    await build({ entryPoints: [PAGE_SOURCE], bundle: true, format: 'iife', platform: 'browser', target: 'chrome110', outfile: path.join(dir, 'vm.js'), logLevel: 'warning' });
    const html = '<!doctype html><meta charset="utf-8"><title>Växel lab voicemail</title><script src="vm.js"></script>\n';
    const server = http.createServer((req, res) => {
      if (req.url === '/vm.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        fs.createReadStream(path.join(dir, 'vm.js')).pipe(res);
      } else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
  })();
  return served;
}

/** Adds the voicemail account to the lab's Kamailio database (auth_db reads it per request). */
export function addVoicemailSubscriber(runDir: string, m: LabManifest): void {
  const db = path.join(runDir, 'kamailio.sqlite');
  const sql = `INSERT INTO subscriber(username,domain,password) SELECT '${VOICEMAIL_ACCOUNT.username}','${m.sipDomain}','${VOICEMAIL_ACCOUNT.password}'
    WHERE NOT EXISTS (SELECT 1 FROM subscriber WHERE username='${VOICEMAIL_ACCOUNT.username}' AND domain='${m.sipDomain}');`;
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db], { input: sql, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 failed adding the voicemail account: ${r.stderr}`);
}

export class LabMailbox {
  constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {}
  deposits(): Promise<Deposit[]> {
    return this.page.evaluate(() => window.labVoicemail.deposits());
  }
  messages(): Promise<InboxMessage[]> {
    return this.page.evaluate(() => window.labVoicemail.messages());
  }
  async close(): Promise<void> {
    await this.page.evaluate(() => window.labVoicemail.stop()).catch(() => undefined);
    await this.context.close();
  }
}

async function open(browser: Browser, m: LabManifest, user: string, password: string): Promise<LabMailbox> {
  const { url } = await serve();
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[voicemail ${user}] ${e.message}`));
  await page.goto(url);
  const r = await page.evaluate((o) => window.labVoicemail.start(o), { wsUrl: m.wsUrl, domain: m.sipDomain, user, password });
  if (!r.registered) {
    await context.close();
    throw new Error(`voicemail page: REGISTER as ${user} failed`);
  }
  return new LabMailbox(page, context);
}

/** The voicemail server: answers sip:vm-<ext>@ calls and records them. */
export function openVoicemail(browser: Browser, lab: { runDir: string; manifest: LabManifest }): Promise<LabMailbox> {
  addVoicemailSubscriber(lab.runDir, lab.manifest);
  return open(browser, lab.manifest, VOICEMAIL_ACCOUNT.username, VOICEMAIL_ACCOUNT.password);
}

/** An employee's SIP inbox (receives MESSAGEs; answers calls too). */
export function openInbox(browser: Browser, m: LabManifest, ext: string, password: string): Promise<LabMailbox> {
  return open(browser, m, ext, password);
}
