// The web bridge (preload/web.ts) in a real Chromium against the real web host: the token flows
// from the URL fragment to the WebSocket and out of the address bar, and window.vaxel works.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createMemoryLogger } from '../../main/services/log/logger';
import { startWebHost, type WebHost } from '../../main/web/host';
import { sampleSettings } from './settings.fixture';
import type {} from '../../preload/api-types'; // window.vaxel's type

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH].find((p) => p && fs.existsSync(p));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-bridge-'));
let host: WebHost;
let browser: Browser;

before(async () => {
  if (!chromiumPath) return;
  fs.mkdirSync(path.join(root, 'renderer'));
  // A stand-in renderer: records whether window.vaxel existed when its module ran.
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><html><head><title>t</title><script type="module" src="./app.js"></script></head><body></body></html>');
  fs.writeFileSync(path.join(root, 'renderer', 'app.js'), 'window.sawVaxelAtStart = typeof window.vaxel === "object";');
  await build({ entryPoints: ['preload/web.ts'], outfile: path.join(root, 'web.js'), bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'warning' });
  host = await startWebHost({ dataDir: path.join(root, 'data'), rendererDir: path.join(root, 'renderer'), preloadScript: path.join(root, 'web.js'), log: createMemoryLogger() });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});
after(async () => {
  await browser?.close();
  await host?.close();
});

test('window.vaxel works with the token from the fragment, which then leaves the URL', async (t) => {
  if (!chromiumPath) return t.skip('no Chromium found (set CHROMIUM_PATH)');
  const page = await browser.newPage();
  await page.goto(`${host.url}&route=queue`);
  assert.equal(await page.evaluate(() => (window as unknown as { sawVaxelAtStart: boolean }).sawVaxelAtStart), true, 'bridge ran before the renderer');
  const info = await page.evaluate(() => window.vaxel.getAppInfo());
  assert.equal(info.host, 'web');
  assert.equal(await page.evaluate(() => location.hash), '#route=queue', 'token gone, other fragment kept');
  assert.doesNotMatch(await page.evaluate(() => location.href), new RegExp(host.token));

  const changed = page.evaluate(() => new Promise<string>((resolve) => window.vaxel.on('settingsChanged', (s) => resolve(s.status))));
  const saved = await page.evaluate((s) => window.vaxel.saveSettings(s), sampleSettings());
  assert.equal(saved.status, 'ok');
  assert.equal(await changed, 'ok');

  const error = await page.evaluate(() =>
    window.vaxel.saveSettings({} as never).then(
      () => 'resolved',
      (e: { code: string }) => e.code,
    ),
  );
  assert.equal(error, 'invalid-payload');

  await page.reload();
  assert.equal((await page.evaluate(() => window.vaxel.getSettings())).status, 'ok', 'a reload reconnects from sessionStorage');
  await page.close();
});

test('without a token, calls fail with a clear error instead of hanging', async (t) => {
  if (!chromiumPath) return t.skip('no Chromium found (set CHROMIUM_PATH)');
  const page = await browser.newPage();
  await page.goto(host.origin + '/');
  const message = await page.evaluate(() =>
    window.vaxel.getAppInfo().then(
      () => 'resolved',
      (e: Error & { code: string }) => `${e.code}: ${e.message}`,
    ),
  );
  assert.match(message, /^disconnected: No access token/);
  await page.close();
});
