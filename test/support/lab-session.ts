// The browser tier's common frame: a real lab (Kamailio + rtpengine) and one Chromium, in a run
// directory of the test's own, and their orderly stop. Tests open consoles and phones on top.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';

export async function startLabSession(runDir: string): Promise<{ lab: Lab; browser: Browser }> {
  const lab = await startLab({ runDir: path.join(runDir, 'lab'), writeDemoDirectory: false });
  const browser = await launchChromium({ runDir });
  return { lab, browser };
}

/** Stops what startLabSession started; safe when before() failed half-way. */
export async function stopLabSession(s: { lab?: Lab; browser?: Browser; runDir: string }): Promise<void> {
  await s.browser?.close().catch(() => undefined);
  await s.lab?.stop();
  if (process.env.VAXEL_KEEP_RUN) console.log(`run directory kept: ${s.runDir}`);
  else fs.rmSync(s.runDir, { recursive: true, force: true });
}

/** The console's status bar says it is registered. */
export async function waitRegistered(page: Page, timeout = 15000): Promise<void> {
  await page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true }).waitFor({ timeout });
}
