// The call soak's short version in the browser tier (issue 17 point 8): 20 calls through one
// console, each a SIPp caller through rtpengine answered and transferred to an auto-answering lab
// phone, on the same code path as `npm run soak -- calls`. Asserts that every call was transferred
// and that no SIP.js session, dialog, transaction, peer connection, call entry or socket listener
// is left over afterwards. Memory growth and time are figures for the soak, never asserted here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { driveCalls } from '../support/soak/drive-calls.js';
import { leftovers, settleTo, SOCKET_REGISTRY } from '../support/soak/probes.js';

const CALLS = 20;
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-soak-short-'));
let lab: Lab;
let browser: Browser;
let op: ConsoleUnderTest;
const phones: LabPhone[] = [];
const pageErrors: string[] = [];

before(async () => {
  assertLoopbackOnly('The short call soak');
  lab = await startLab({ runDir: path.join(runDir, 'lab'), writeDemoDirectory: false });
  browser = await launchChromium({ runDir });
  op = await openConsole({ browser, manifest: lab.manifest, runDir, initScripts: [SOCKET_REGISTRY] });
  op.page.on('pageerror', (e) => pageErrors.push(e.name));
  await op.page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true }).waitFor({ timeout: 30000 });
  for (const p of lab.org.people.slice(0, 2)) {
    const phone = await openPhone(browser, { username: p.extension, password: employeePassword(lab.manifest, p.extension) }, { manifest: lab.manifest, runDir });
    await phone.setAutoAnswer(true);
    phones.push(phone);
  }
});

after(async () => {
  for (const p of phones) await p.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await lab?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

test(`${CALLS} calls answered and transferred leave no session, dialog, peer connection or listener behind`, async () => {
  const page = op.page;
  const cdp = await page.context().newCDPSession(page);
  await page.waitForTimeout(3000); // presence subscriptions settle before the baseline is taken
  const baseline = await leftovers(page, cdp);
  assert.equal(baseline.sessions, 0);
  const r = await driveCalls({
    page,
    manifest: lab.manifest,
    runDir,
    calls: CALLS,
    first: 0,
    concurrency: 2,
    employees: lab.org.people.slice(0, 2).map((p) => p.extension),
    talkMs: 300,
    audioEvery: 5,
    stats: op.stats,
  });
  assert.deepEqual(r.failed, []);
  assert.equal(r.transferred, CALLS);
  assert.equal(r.noAudio, 0, 'RTP from the caller reached the console on every checked call');
  const { now, diff } = await settleTo(page, cdp, baseline, 70000);
  assert.deepEqual(diff, [], `left over after ${CALLS} calls: ${JSON.stringify(now)}`);
  assert.deepEqual(pageErrors, []);
});
