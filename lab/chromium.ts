// Debian Chromium driven by playwright-core, set up for WebRTC in a loopback-only namespace.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // a fake microphone (a beep) and no permission prompt: calls get real audio without hardware
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // lo is the only interface in the namespace; without this WebRTC gathers no candidate at all,
  // SIP.js still says Established and no audio flows (a silent failure)
  '--allow-loopback-in-peer-connection',
  // real 127.0.0.1 candidates, not mDNS names nobody can resolve here
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export interface LaunchOptions {
  /** Playwright's throw-away profile goes here (TMPDIR); default os.tmpdir(). */
  runDir?: string;
  extraArgs?: string[];
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install chromium`);
  // Playwright refuses --user-data-dir and puts its profile under os.tmpdir(), i.e. $TMPDIR
  const saved = process.env.TMPDIR;
  if (opts.runDir) {
    const tmp = path.join(opts.runDir, 'chromium-tmp');
    fs.mkdirSync(tmp, { recursive: true });
    process.env.TMPDIR = tmp;
  }
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])],
    });
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
