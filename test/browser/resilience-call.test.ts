// A call in progress when the switchboard server stops for longer than the console keeps calls
// through a drop (15 s, calls-through-drop.ts; shorter drops are calls-survive-blip.test.ts): the
// console ends the call and tells the operator in Swedish, in an alert, instead of showing a
// call that no longer exists; it re-registers by itself, and the next call is answered normally
// (which also clears the alert). Driven by role and accessible name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { assertAudioFlows } from '../support/media.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-resil-call-'));
let lab: Lab;
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;
const CALL_LOST = 'Anslutningen till växelservern bröts – samtalet avslutades';

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  consoleUnderTest = await openConsole({ browser, manifest: lab.manifest, runDir });
  await waitRegistered(consoleUnderTest.page);
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

async function answerCall(page: Page, caller: LabPhone): Promise<string> {
  const callId = await caller.call('+4651257000');
  const row = page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: 'Välkommen till Essunga kommun' });
  await row.waitFor({ timeout: 10000 });
  await page.keyboard.press('F2');
  await page.getByRole('region', { name: 'Pågående samtal' }).getByText('Samtal pågår').waitFor({ timeout: 10000 });
  await caller.waitState('Established', callId);
  return callId;
}

test('a call in progress when Kamailio stays down past the keep window ends with a clear message; the console re-registers and takes the next call', async () => {
  const page = consoleUnderTest.page;
  const status = page.getByRole('status', { name: 'Status' });
  const callPanel = page.getByRole('region', { name: 'Pågående samtal' });

  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  try {
    await answerCall(page, caller);
    await assertAudioFlows(() => consoleUnderTest.stats(), { bothWays: true, label: 'console before the restart' });

    const stoppedAt = Date.now();
    await lab.stopKamailio();
    const alert = page.getByRole('alert').filter({ hasText: CALL_LOST });
    await alert.waitFor({ timeout: 25000 }); // the 15 s keep window, then the calls end
    await callPanel.getByText('Inget samtal').waitFor({ timeout: 2000 });
    assert.match(await status.innerText(), /Nätverk: frånkopplad/);
    console.log(`# call ended with the message ${Date.now() - stoppedAt} ms after Kamailio stopped`);

    await lab.startKamailio();
    await status.getByText('Registrerad', { exact: true }).waitFor({ timeout: 20000 });
    assert.match(await status.innerText(), /Nätverk: ansluten/);
    assert.equal(await alert.count(), 1, 'the message stays until the next call is answered');
  } finally {
    await caller.close();
  }

  // The lab's caller pages do not reconnect (plain SIP.js): a fresh one for the next call.
  const next = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  try {
    const callId = await answerCall(page, next);
    await assertAudioFlows(() => consoleUnderTest.stats(), { bothWays: true, label: 'console after the restart' });
    assert.equal(await page.getByRole('alert').filter({ hasText: CALL_LOST }).count(), 0, 'answering the next call clears the message');
    await next.hangup(callId);
    await callPanel.getByText('Inget samtal').waitFor({ timeout: 10000 });
  } finally {
    await next.close();
  }
});
