// Issue 12 items 1 and 3 in the built console against the lab: the queue shows each municipality's
// switchboard state with its next change, and on an answered call Shift+F9 shows the external
// directory-enquiries script as a dialog (by role and name), Escape closes it, Shift+F10 shows the
// staff-lookup script. Driven by role and accessible name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-referral-'));
let lab: Lab;
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  consoleUnderTest = await openConsole({ browser, manifest: lab.manifest, runDir });
  await waitRegistered(consoleUnderTest.page);
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

test('the queue shows open/closed per municipality; the referral keys show their scripts on a call', async () => {
  const page = consoleUnderTest.page;
  const hours = page.getByRole('list', { name: 'Växelns öppettider' });
  await hours.waitFor({ timeout: 10000 });
  const lines = await hours.getByRole('listitem').allInnerTexts();
  assert.equal(lines.length, 2, lines.join(' | '));
  for (const line of lines) assert.match(line, /^(Essunga|Grästorp): (Öppet, Stänger \d\d\.\d\d|Stängt enligt schema, Öppnar \d\d\.\d\d( (mån|tis|ons|tor|fre|lör|sön))?|Stängt \(nattkoppling\).*)$/);

  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  try {
    const callId = await caller.call('+4651257000');
    await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: 'Välkommen till Essunga kommun' }).waitFor({ timeout: 10000 });
    await page.keyboard.press('F2');
    await page.getByRole('region', { name: 'Pågående samtal' }).getByText('Samtal pågår').waitFor({ timeout: 10000 });
    await caller.waitState('Established', callId);

    await page.keyboard.press('Shift+F9');
    const ext = page.getByRole('dialog', { name: 'Extern nummerupplysning' });
    await ext.getByText('Extern nummerupplysning: Eniro 118 118 eller eniro.se').waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
    await ext.waitFor({ state: 'detached', timeout: 5000 });

    await page.keyboard.press('Shift+F10');
    const internal = page.getByRole('dialog', { name: 'Nummerupplysning internt' });
    await internal.getByText(/telefonkatalogen/).waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter'); // no transfer here: Enter closes
    await internal.waitFor({ state: 'detached', timeout: 5000 });
    await page.getByRole('region', { name: 'Pågående samtal' }).getByText('Samtal pågår').waitFor({ timeout: 2000 });
    await caller.hangup(callId);

    // The call log in main stored the first referral's reason on the call (through the contract, into SQLite).
    let reasons: (string | null)[] = [];
    for (let i = 0; i < 50 && !reasons.includes('external-info'); i++) {
      reasons = await page.evaluate(async () => (await window.vaxel.listRecentCalls({ limit: 5 })).map((c) => c.referral));
      if (!reasons.includes('external-info')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(reasons.slice(0, 1), ['external-info'], 'the newest call carries the referral reason');
  } finally {
    await caller.close();
  }
});
