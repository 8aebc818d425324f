// The foundation's end-to-end path (P-GREET, P-FAST): a real caller rings a switchboard number
// through the lab's Kamailio, the console shows the policy greeting, the operator answers with the
// keyboard, audio flows both ways (getStats), the caller hangs up and the console is idle again.
// Driven by role and accessible name, as a screen reader user would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { employeePassword } from '../../lab/manifest.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { assertAudioFlows } from '../support/media.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-e2e-'));
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

interface Case {
  name: string;
  dial: string;
  greeting: string;
  caller: () => Promise<LabPhone>;
  callerShown: RegExp;
}

const internalExtension = () => lab.org.people.find((p) => p.municipality === 'grastorp')!.extension;

const cases: Case[] = [
  {
    name: "Essunga's switchboard number",
    dial: '+4651257000',
    greeting: 'Välkommen till Essunga kommun',
    caller: () => openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir }),
    callerShown: /070-123 45 67/,
  },
  {
    name: "Grästorp's switchboard number",
    dial: '+4651458000',
    greeting: 'Välkommen till Grästorps kommun',
    caller: () => openPhone(browser, { gateway: true, callerNumber: '+46317654321' }, { manifest: lab.manifest, runDir }),
    callerShown: /031-765 43 21/,
  },
  {
    name: 'an internal caller dialling the switchboard',
    dial: '9',
    greeting: 'Växeln',
    caller: () => {
      const ext = internalExtension();
      return openPhone(browser, { username: ext, password: employeePassword(lab.manifest, ext) }, { manifest: lab.manifest, runDir });
    },
    callerShown: /\b3\d{3}\b/,
  },
];

describe('a call to the switchboard, answered from the keyboard', () => {
  for (const c of cases) {
    test(`${c.name}: "${c.greeting}", audio both ways, idle after the caller hangs up`, async () => {
      const page = consoleUnderTest.page;
      const caller = await c.caller();
      try {
        const callId = await caller.call(c.dial);

        const queue = page.getByRole('list', { name: 'Samtalskö' });
        const row = queue.getByRole('listitem').filter({ hasText: c.greeting });
        await row.waitFor({ timeout: 10000 });
        assert.match(await row.innerText(), c.callerShown);
        // the greeting is exact: Essunga's row must not say Grästorp's phrase, and vice versa
        assert.equal(await queue.getByRole('listitem').count(), 1);

        // the operator's hands stay in the search field: F2 answers from there
        const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
        assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'search field has focus');
        await page.keyboard.press('F2');

        const callPanel = page.getByRole('region', { name: 'Pågående samtal' });
        await callPanel.getByText('Samtal pågår').waitFor({ timeout: 10000 });
        assert.match(await callPanel.innerText(), new RegExp(c.greeting));
        await caller.waitState('Established', callId);

        await assertAudioFlows(() => consoleUnderTest.stats(), { bothWays: true, label: 'console' });
        await assertAudioFlows(() => caller.stats(callId), { bothWays: true, label: 'caller' });

        await caller.hangup(callId);
        await callPanel.getByText('Inget samtal').waitFor({ timeout: 10000 });
        assert.equal(await queue.getByRole('listitem').count(), 0, 'the queue is empty');
      } finally {
        await caller.close();
      }
    });
  }
});
