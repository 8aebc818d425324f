// `npm start` (scripts/console.sh): the lab plus the console logged in as operator op1.
// Electron where a binary exists; otherwise the web host in Chromium, saying why. Everything runs
// in the lab's loopback-only namespace, so calls placed with `npm run lab -- call` reach it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { openAnnouncer } from './announcer/announcer.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { labConsoleSettings, labPbxControl } from './console-settings.js';
import { startLab, type Lab } from './lab.js';
import { switchboardHours } from '../common/switchboard/schema.js';
import { demoOrgDir, loadLabManifest, REPO_ROOT } from './manifest.js';
import { ensureNetns, execInNetns, isLoopbackOnlyNamespace, isRoot } from './netns.js';
import { createLogger } from '../main/services/log/logger.js';
import { createKeyFileCipher } from '../main/services/settings/keyFileCipher.js';
import { createSettingsService } from '../main/services/settings/settingsService.js';
import { startWebHost } from '../main/web/host.js';

const manifest = loadLabManifest();
const runRoot = path.join(REPO_ROOT, 'lab/.run');
const say = (line: string) => console.log(`[console] ${line}`);

/** The Electron executable, or the reason there is none. */
function electronBinary(): { path: string } | { why: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = path.join(override, 'electron');
    return fs.existsSync(exe) ? { path: exe } : { why: `ELECTRON_OVERRIDE_DIST_PATH=${override} has no electron executable` };
  }
  const bundled = path.join(REPO_ROOT, 'node_modules/electron/dist/electron');
  if (fs.existsSync(bundled)) return { path: bundled };
  return { why: 'no Electron binary: it is downloaded from outside the npm registry, which this machine cannot reach (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron)' };
}

/** Seeds the lab operator's settings in a data dir, once; points switchboard hours at this lab run's PBX. */
function seedSettings(dataDir: string, log: ReturnType<typeof createLogger>, lab: Lab) {
  fs.mkdirSync(dataDir, { recursive: true });
  const service = createSettingsService({ dir: dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  // the lab's demo organisation as the directory, as an HR system's CSV export would come
  const directory = { kind: 'csv' as const, path: path.join(demoOrgDir(manifest), 'demo-org.csv') };
  if (service.get().status !== 'ok') service.save({ ...labConsoleSettings(manifest, 0), directory });
  const state = service.get();
  if (state.status === 'ok') {
    const hours = switchboardHours(state.settings);
    // Both lab operators share the lab's team store; each run's server is new, so this is set every time.
    service.save({ ...state.settings, switchboardHours: { ...hours, pbx: labPbxControl(manifest, lab) }, ...(lab.team ? { team: lab.team.settingsFor(0) } : {}) });
  }
}

async function startXvfbIfNeeded(): Promise<ChildProcess | null> {
  if (process.env.DISPLAY) return null;
  const display = ':87';
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  process.env.DISPLAY = display;
  await new Promise((r) => setTimeout(r, 800));
  say(`no DISPLAY: running the window on a virtual display (Xvfb ${display}); screenshots go to lab/.run/`);
  return xvfb;
}

async function main(): Promise<number> {
  if (!isLoopbackOnlyNamespace()) {
    if (!isRoot()) {
      console.error(`npm start needs root to create the loopback-only network namespace "${manifest.netns}".`);
      return 1;
    }
    ensureNetns(manifest.netns);
    return execInNetns(manifest.netns, [process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      ...process.env,
      VAXEL_LAB_NETNS: manifest.netns,
    });
  }
  const log = createLogger({ file: path.join(runRoot, 'console.log') });
  const lab = await startLab({ runDir: path.join(runRoot, `lab-${Date.now()}`), withTeamStore: true });
  say(`lab up: Kamailio ${manifest.wsUrl}; operator ${manifest.operators[0]!.username}`);
  const stops: Array<() => Promise<void> | void> = [() => lab.stop()];
  // the PBX's closed-message player, so calls after hours get the message (P-AFTERHOURS)
  const announcerBrowser = await launchChromium({ runDir: lab.runDir });
  const announcer = await openAnnouncer(announcerBrowser, lab);
  stops.unshift(
    () => announcerBrowser.close(),
    () => announcer.close(),
  );

  const electron = electronBinary();
  const xvfb = await startXvfbIfNeeded();
  if (xvfb) stops.unshift(() => void xvfb.kill());
  if ('path' in electron) {
    const dataDir = path.join(runRoot, 'console-electron');
    say(`opening the Electron app (${electron.path})`);
    // Electron's own settings use safeStorage; it gets its own data dir and the setup screen
    const app = spawn(electron.path, [REPO_ROOT, ...(isRoot() ? ['--no-sandbox'] : [])], {
      stdio: 'inherit',
      env: { ...process.env, VAXEL_DATA_DIR: dataDir },
    });
    stops.unshift(() => void app.kill());
  } else {
    say(`Electron: ${electron.why}.`);
    say('opening the same console from the web host in Chromium instead');
    const dataDir = path.join(runRoot, 'console-web');
    seedSettings(dataDir, log, lab);
    const host = await startWebHost({ dataDir, port: 0, log });
    stops.unshift(() => host.close());
    const browser: Browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: false,
      args: [...CHROMIUM_ARGS.filter((a) => a !== '--headless'), `--app=${host.url}`],
    });
    stops.unshift(() => browser.close());
    const page = browser.contexts()[0]?.pages()[0] ?? (await (await browser.newContext()).newPage());
    if (page.url() === 'about:blank') await page.goto(host.url);
    await page.getByText('Registrerad', { exact: true }).waitFor({ timeout: 20000 });
    const shot = path.join(runRoot, 'console.png');
    await page.screenshot({ path: shot });
    say(`console registered as ${manifest.operators[0]!.username}; screenshot ${path.relative(REPO_ROOT, shot)}`);
  }
  say('ring it from another terminal: npm run lab -- call essunga --from 0701234567   (F2 answers, F4 hangs up)');
  say('stop: Ctrl-C');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    const parent = process.ppid;
    if (process.env.VAXEL_LAB_NETNS) setInterval(() => process.ppid !== parent && resolve(), 1000).unref();
  });
  for (const stop of stops) await stop();
  say('stopped');
  return 0;
}

process.exit(await main());
