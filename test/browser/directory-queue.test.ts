// Who is calling (D-DIRECTORY in the queue): an incoming caller's number is looked up in the
// directory and the employee's name is shown in the queue row, both for an internal call from an
// employee's extension and for an external call from an employee's mobile through the gateway.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture } from '../support/directory.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-queue-'));
let lab: Lab;
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;
let fx: DirectoryFixture;

before(async () => {
  lab = await startLab({ runDir: path.join(runDir, 'lab'), writeDemoDirectory: false, withRtpengine: false });
  fx = writeDirectoryCsv(lab.manifest, path.join(runDir, 'hr'));
  browser = await launchChromium({ runDir });
  consoleUnderTest = await openConsole({ browser, manifest: lab.manifest, runDir, settings: withCsvDirectory(fx.csvPath) });
  const page = consoleUnderTest.page;
  await page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true }).waitFor({ timeout: 15000 });
  await page.getByText(/Katalogen uppdaterad nyss/).waitFor({ timeout: 15000 });
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await lab?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

describe('the caller is named from the directory in the queue', () => {
  const cases = [
    {
      name: 'an internal call from an employee extension',
      dial: '9',
      caller: () => openPhone(browser, { username: fx.plain.extension, password: employeePassword(lab.manifest, fx.plain.extension) }, { manifest: lab.manifest, runDir }),
      person: () => fx.plain,
    },
    {
      name: "an external call from an employee's mobile",
      dial: '+4651257000',
      caller: () => openPhone(browser, { gateway: true, callerNumber: other().mobile }, { manifest: lab.manifest, runDir }),
      person: () => other(),
    },
  ];
  const other = () => fx.people.find((p) => !p.protectedIdentity && p !== fx.plain && p.municipality === 'grastorp')!;

  for (const c of cases) {
    test(c.name, async () => {
      const page = consoleUnderTest.page;
      const phone: LabPhone = await c.caller();
      try {
        const callId = await phone.call(c.dial);
        const p = c.person();
        const row = page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem');
        await row.filter({ hasText: `${p.givenName} ${p.surname}` }).waitFor({ timeout: 10000 });
        assert.equal(await row.count(), 1);
        await phone.hangup(callId);
        await page.getByText('Inga väntande samtal').waitFor({ timeout: 10000 });
      } finally {
        await phone.close();
      }
    });
  }
});
