// The built console on the web host (real main services, real renderer in Chromium), its account
// pointed at a stand-in WebSocket SIP server (stand-in-registrar.ts), with what the fault suite
// checks after every case: it still answers (an OPTIONS probe gets 200), it is registered (status
// bar), no call is left in the queue (no leaked dialog), and the page threw nothing (pageerror and
// console errors collected).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../lab/chromium.js';
import { Settings } from '../../../common/settings/schema.js';
import { DEFAULT_SWITCHBOARDS } from '../../../common/policy/index.js';
import { createMemoryLogger } from '../../../main/services/log/logger.js';
import { createKeyFileCipher } from '../../../main/services/settings/keyFileCipher.js';
import { createSettingsService } from '../../../main/services/settings/settingsService.js';
import { startWebHost } from '../../../main/web/host.js';
import { header } from '../sip-text.js';
import { StandInRegistrar } from './stand-in-registrar.js';

export interface ConsoleUnderFaults {
  readonly page: Page;
  /** The stand-in in use; a test may put a new one here (a server back on the same port). */
  server: StandInRegistrar;
  /** Page errors and console errors since the start. */
  readonly errors: string[];
  /** The newest REGISTER / SUBSCRIBE the console sent. */
  lastRegister(): string;
  lastSubscribe(): string | null;
  /** Sends an OPTIONS to the console's Contact; resolves with its status, or fails after `timeoutMs`. */
  probe(timeoutMs?: number): Promise<number>;
  /** Status bar text. */
  status(): Promise<string>;
  /** Calls waiting in the queue. */
  queued(): Promise<number>;
  /** SIP.js sessions held by every UserAgent plus the softphone's own (the dev build's debug probe); throws without the probe. */
  sessions(): Promise<number>;
  close(): Promise<void>;
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

function consoleSettings(urls: string[]): Settings {
  return Settings.parse({
    version: 1,
    locale: 'sv',
    displayName: 'Operatör 1',
    accounts: [{ id: 'op1', label: 'Stand-in', username: 'op1', password: 'pw', domain: '127.0.0.1', servers: urls }],
    switchboards: DEFAULT_SWITCHBOARDS,
    directory: { kind: 'none' },
  });
}

let probes = 0;

export async function openConsoleUnderFaults(o: { name: string; registerExpires?: number; servers?: (standIn: string) => string[]; browser?: Browser }): Promise<ConsoleUnderFaults> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `vaxel-${o.name}-`));
  const server = await StandInRegistrar.start({ registerExpires: o.registerExpires ?? 600 });
  const log = createMemoryLogger();
  const settings = createSettingsService({ dir: runDir, cipher: createKeyFileCipher(path.join(runDir, 'secret.key'), log), log });
  settings.save(consoleSettings(o.servers ? o.servers(server.url) : [server.url]));
  const outDir = path.resolve(import.meta.dirname, '../../..', process.env.VAXEL_OUT ?? 'out');
  const host = await startWebHost({ dataDir: runDir, port: 0, log, rendererDir: path.join(outDir, 'renderer'), preloadScript: path.join(outDir, 'preload/web.js') });
  const browser = o.browser ?? (await launchChromium({ runDir }));
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.name}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text().slice(0, 300)}`);
  });
  await page.goto(host.url);
  const lastOf = (method: string) => [...c.server.received].reverse().find((m) => m.text.startsWith(`${method} `))?.text ?? null;
  const c: ConsoleUnderFaults = {
    page,
    server,
    errors,
    lastRegister: () => lastOf('REGISTER') ?? '',
    lastSubscribe: () => lastOf('SUBSCRIBE'),
    async probe(timeoutMs = 3000) {
      const reg = c.lastRegister();
      const contact = /<(sip:[^>]+)>/.exec(header(reg, 'Contact'))?.[1] ?? '';
      const i = ++probes;
      const callId = `probe-${i}@standin`;
      const from = c.server.answers.length;
      c.server.send(
        [
          `OPTIONS ${contact} SIP/2.0`,
          `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-probe${i}`,
          'Max-Forwards: 70',
          `From: <sip:probe@127.0.0.1>;tag=p${i}`,
          `To: ${header(reg, 'To').replace(/;tag=[^;]*/, '')}`,
          `Call-ID: ${callId}`,
          'CSeq: 1 OPTIONS',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      await until('the OPTIONS probe answered', () => c.server.answers.slice(from).some((a) => a.id === callId), timeoutMs);
      return c.server.answers.slice(from).find((a) => a.id === callId)!.status;
    },
    status: () => page.getByRole('status', { name: 'Status' }).innerText(),
    queued: () => page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').count(),
    sessions: () =>
      page.evaluate(() => {
        const probe = (window as unknown as { __vaxelDebugProbe?: { counts(): { userAgents: { sessions: number }; engine: { sessions: number } } } }).__vaxelDebugProbe;
        if (!probe) throw new Error('no debug probe: the fault suite needs a development build (scripts/build.mjs without NODE_ENV=production)');
        const n = probe.counts();
        return n.userAgents.sessions + n.engine.sessions;
      }),
    async close() {
      await context.close().catch(() => undefined);
      if (!o.browser) await browser.close().catch(() => undefined);
      await host.close();
      await c.server.close();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
  return c;
}
