// Opens the real console (built renderer + web host + real services) in Chromium, logged into
// the lab as an operator. Media is observed from outside the product: an init script records
// every RTCPeerConnection the page creates (until it is closed), so tests read getStats without a
// test hook in the app.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { Settings } from '../../common/settings/schema.js';
import { labConsoleSettings } from '../../lab/console-settings.js';
import type { LabManifest } from '../../lab/manifest.js';
import { createMemoryLogger } from '../../main/services/log/logger.js';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher.js';
import { createSettingsService } from '../../main/services/settings/settingsService.js';
import { startWebHost } from '../../main/web/host.js';
import type { MediaSample } from './media.js';

export interface OpenConsoleOptions {
  browser: Browser;
  manifest: LabManifest;
  runDir: string;
  operatorIndex?: number;
  /** Changes to the lab settings before they are saved (e.g. a directory source); default none. */
  settings?: (settings: Settings) => Settings;
  /** Extra browser-context options (e.g. clipboard permissions). */
  context?: BrowserContextOptions;
  /** Test-side instrumentation run in the page before the console's own scripts (benchmarks): a
   *  function, or JavaScript source (tsx's __name helper is not defined in the page, so functions
   *  with named inner closures are better passed as source). */
  initScripts?: (string | (() => void))[];
  /** Runs on the new page before it loads the console (e.g. page.clock.install for an injected clock). */
  beforeLoad?: (page: Page) => Promise<void>;
  /** main's switchboard-hours clock (P-AFTERHOURS tests); default the real one. */
  switchboardNow?: () => number;
}

export interface ConsoleUnderTest {
  page: Page;
  /** Stats of the newest peer connection (the current call), or null when there is none. */
  stats(): Promise<MediaSample | null>;
  close(): Promise<void>;
}

function recordPeerConnections() {
  const Native = window.RTCPeerConnection;
  const seen: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = seen;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      // closed ones are dropped, so a long run (the call soak) does not keep every call's connection alive
      for (let i = seen.length - 1; i >= 0; i--) if (seen[i]!.connectionState === 'closed') seen.splice(i, 1);
      seen.push(this);
    }
  } as typeof RTCPeerConnection;
}

async function newestPeerConnectionStats(): Promise<MediaSample | null> {
  const list = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
  const pc = [...list].reverse().find((p) => p.connectionState !== 'closed');
  if (!pc) return null;
  const sample = { ice: pc.iceConnectionState as string, inboundBytes: 0, outboundBytes: 0 };
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') sample.inboundBytes += s.bytesReceived ?? 0;
    if (s.type === 'outbound-rtp' && s.kind === 'audio') sample.outboundBytes += s.bytesSent ?? 0;
  });
  return sample;
}

export async function openConsole(o: OpenConsoleOptions): Promise<ConsoleUnderTest> {
  const dataDir = path.join(o.runDir, `console-${o.operatorIndex ?? 0}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const log = createMemoryLogger();
  const settings = createSettingsService({ dir: dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  const base = labConsoleSettings(o.manifest, o.operatorIndex ?? 0);
  settings.save(o.settings ? o.settings(base) : base);
  // VAXEL_OUT: the build folder under test (scripts/build.mjs writes there); default out/
  const outDir = path.resolve(import.meta.dirname, '../..', process.env.VAXEL_OUT ?? 'out');
  const host = await startWebHost({ dataDir, port: 0, log, rendererDir: path.join(outDir, 'renderer'), preloadScript: path.join(outDir, 'preload/web.js'), switchboardNow: o.switchboardNow });
  const context = await o.browser.newContext(o.context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[console] ${e.message}`));
  await page.addInitScript(recordPeerConnections);
  for (const script of o.initScripts ?? []) await page.addInitScript(typeof script === 'string' ? { content: script } : script);
  await o.beforeLoad?.(page);
  await page.goto(host.url);
  return {
    page,
    stats: () => page.evaluate(newestPeerConnectionStats),
    async close() {
      await context.close();
      await host.close();
    },
  };
}
