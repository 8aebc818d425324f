// The packaged-app tier: Playwright's _electron against the built app (out/). Where no Electron
// binary exists this reports itself skipped with the reason, never passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { methodNames } from '../../common/ipc/contract';
import type {} from '../../preload/api-types'; // window.vaxel's type

const SKIP_REASON = 'no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH)';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The electron package resolves ELECTRON_OVERRIDE_DIST_PATH itself; it throws when nothing was installed. */
function electronBinary(): string | undefined {
  try {
    const resolved: unknown = createRequire(import.meta.url)('electron');
    return typeof resolved === 'string' && fs.existsSync(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}

test('the app opens its window, titled Växel, with window.vaxel on the Electron host', async (t) => {
  const executablePath = electronBinary();
  if (!executablePath) {
    console.log(`skipped: ${SKIP_REASON}`);
    t.skip(SKIP_REASON);
    return;
  }
  assert.ok(fs.existsSync(path.join(root, 'out/electron/main.js')), 'out/ is built (npm run build)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-electron-'));
  const app = await _electron.launch({
    executablePath,
    args: [root],
    cwd: root,
    env: { ...process.env, VAXEL_DATA_DIR: dataDir } as Record<string, string>,
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
    assert.equal(title, 'Växel');

    const info = await page.evaluate(() => window.vaxel.getAppInfo());
    assert.equal(info.host, 'electron');
    assert.equal(info.dataDir, dataDir);

    // Exactly the contract, and no Node in the page.
    const keys = await page.evaluate(() => Object.keys(window.vaxel).sort());
    assert.deepEqual(keys, [...methodNames, 'on'].sort());
    assert.equal(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
    assert.equal((await page.evaluate(() => window.vaxel.getSettings())).status, 'first-run');
  } finally {
    await app.close();
  }
});
