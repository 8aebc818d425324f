// The console in the background, against a real Electron binary (issue 15 point 6): tray text,
// the incoming-call notification and its click, global shortcuts, one instance that takes a
// second instance's tel: link, and the dial-out it opens. Where no Electron binary exists every
// test reports itself skipped with the reason, never passed. Pressing a global key from another
// program needs the desktop's input injection, so the shortcut test checks the registration with
// the OS (globalShortcut.isRegistered) and the event path to the renderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import type {} from '../../preload/api-types';
import { sampleSettings } from '../node/settings.fixture';

const SKIP_REASON = 'no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH)';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function electronBinary(): string | undefined {
  try {
    const resolved: unknown = createRequire(import.meta.url)('electron');
    return typeof resolved === 'string' && fs.existsSync(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}

interface Probe {
  tooltip: string;
  shortcutProblems: number;
  notificationsShown: number;
  flashing: boolean;
}

async function launch(executablePath: string, extraArgs: string[] = []) {
  assert.ok(fs.existsSync(path.join(root, 'out/electron/main.js')), 'out/ is built (npm run build)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-electron-desktop-'));
  const adminFile = path.join(dataDir, 'no-admin.json');
  const env = { ...process.env, VAXEL_DATA_DIR: dataDir, VAXEL_E2E_PROBE: '1', VAXEL_ADMIN_FILE: adminFile } as Record<string, string>;
  const app = await _electron.launch({ executablePath, args: [root, ...extraArgs], cwd: root, env });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // A configured console (the lab's SIP server need not exist: registration simply fails).
  await page.evaluate(async (settings) => void (await window.vaxel.saveSettings(settings)), { ...sampleSettings(), directory: { kind: 'none' as const } });
  await page.getByRole('searchbox').first().waitFor();
  return { app, page, env, dataDir };
}

const probe = (app: ElectronApplication) => app.evaluate(() => (globalThis as unknown as { vaxelDesktopProbe: () => Probe }).vaxelDesktopProbe());

async function withApp(t: { skip(reason: string): void }, body: (a: Awaited<ReturnType<typeof launch>>, bin: string) => Promise<void>) {
  const executablePath = electronBinary();
  if (!executablePath) {
    console.log(`skipped: ${SKIP_REASON}`);
    t.skip(SKIP_REASON);
    return;
  }
  const launched = await launch(executablePath);
  try {
    await body(launched, executablePath);
  } finally {
    await launched.app.close();
  }
}

const waitFor = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
};

test('tray: registration and the number of waiting callers in its text', async (t) => {
  await withApp(t, async ({ app, page }) => {
    await page.evaluate(() => window.vaxel.reportDesktopState({ registered: true, waiting: 2 }));
    assert.equal((await probe(app)).tooltip, 'Växel – Registrerad – 2 väntande');
    await page.evaluate(() => window.vaxel.reportDesktopState({ registered: false, waiting: 0 }));
    assert.equal((await probe(app)).tooltip, 'Växel – Inte registrerad');
  });
});

test('notification and taskbar flash for a call while the window is in the background; the click brings it up', async (t) => {
  await withApp(t, async ({ app, page }) => {
    await page.evaluate(() => window.vaxel.reportDesktopState({ registered: true, waiting: 0 }));
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.minimize());
    await page.evaluate(() => window.vaxel.reportDesktopState({ registered: true, waiting: 1 }));
    const p = await probe(app);
    assert.equal(p.notificationsShown, 1);
    assert.equal(p.flashing, true);
    await app.evaluate(() => (globalThis as unknown as { vaxelDesktopProbe: () => { clickLastNotification(): void } }).vaxelDesktopProbe().clickLastNotification());
    await waitFor(() => app.evaluate(({ BrowserWindow }) => !BrowserWindow.getAllWindows()[0]!.isMinimized()), 'the window to come up');
  });
});

test('global shortcuts: the configured keys are registered with the OS and reach the renderer', async (t) => {
  await withApp(t, async ({ app, page }) => {
    const registered = await app.evaluate(({ globalShortcut }) =>
      ['CommandOrControl+Alt+F2', 'CommandOrControl+Alt+F4', 'CommandOrControl+Alt+F3', 'CommandOrControl+Alt+F9'].map((k) => globalShortcut.isRegistered(k)),
    );
    assert.deepEqual(registered, [true, true, true, true]);
    assert.equal((await probe(app)).shortcutProblems, 0);
    const heard = page.evaluate(() => new Promise<string>((resolve) => window.vaxel.on('globalShortcut', ({ action }) => resolve(action))));
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.send('vaxel:globalShortcut', { action: 'mute' }));
    assert.equal(await heard, 'mute');
  });
});

test('single instance: a second start with a tel: link opens a dial-out in the running console', async (t) => {
  await withApp(t, async ({ app, page, env }, bin) => {
    const second = spawn(bin, [root, 'tel:+46 70-123 45 67'], { cwd: root, env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    assert.equal(code, 0, 'the second instance hands over and quits');
    assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), 1, 'still one window');
    await waitFor(async () => (await page.getByRole('searchbox').first().inputValue()) === '+46701234567', 'the number in the dial-out field');
  });
});

test('sip: link on the command line of the first start is dialled once the console is up', async (t) => {
  const executablePath = electronBinary();
  if (!executablePath) {
    console.log(`skipped: ${SKIP_REASON}`);
    t.skip(SKIP_REASON);
    return;
  }
  const first = await launch(executablePath);
  await first.app.close();
  // Same data folder (settings saved), started with a link.
  const app = await _electron.launch({ executablePath, args: [root, 'sip:2001@pbx.example'], cwd: root, env: first.env });
  try {
    const page: Page = await app.firstWindow();
    await waitFor(
      async () =>
        (await page
          .getByRole('searchbox')
          .first()
          .inputValue()
          .catch(() => '')) === 'sip:2001@pbx.example',
      'the SIP URI in the dial-out field',
    );
  } finally {
    await app.close();
  }
});

test("the window's CSP comes from main's builder: a WebSocket to a server not in the settings is refused", async (t) => {
  await withApp(t, async ({ page }) => {
    // .invalid never resolves, so nothing leaves the machine even if the policy failed.
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          try {
            new WebSocket('wss://not-configured.example.invalid/');
          } catch {
            resolve('connect-src (thrown)');
          }
          setTimeout(() => resolve('none'), 3000);
        }),
    );
    // The meta tag alone (connect-src ws: wss:) would allow it: only the header's policy refuses it.
    assert.match(violated, /connect-src/);
  });
});
