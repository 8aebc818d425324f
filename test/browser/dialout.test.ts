// Guided dial-out "Koppla ut" (issue 12 item 4, P-DIALOUT) in the built console against the lab: a
// PSTN caller reaches the console; the operator answers (F2), opens Koppla ut (Shift+F5), types a
// +44 number as it is said, sees it normalised with country and line type, calls (Enter) with the
// caller held; the lab's PSTN gateway side sends it to an independent SIPp peer (the external
// subscriber, echoing RTP), audio is asserted with getStats; Escape returns to the caller; again, and F6 connects: the caller's INVITE
// with Replaces reaches SIPp, Kamailio holds a confirmed dialog caller <-> external, audio flows
// between them and the console's line is free. A 0900 number is blocked. Keys, roles and names only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone, type PhoneSession } from '../../lab/phone/phone.js';
import { startSippExternal, type SippExternal } from '../../lab/sipp.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { assertAudioFlows } from '../support/media.js';
import { assertAccessible } from '../support/axe.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dialout-'));
let lab: Lab;
let browser: Browser;
let op: ConsoleUnderTest;
const opened: LabPhone[] = [];
let external: SippExternal | null = null;

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  op = await openConsole({ browser, manifest: lab.manifest, runDir });
  await waitRegistered(op.page);
});

after(async () => {
  for (const p of opened) await p.close().catch(() => undefined);
  external?.kill();
  await op?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function established(p: LabPhone, match: (s: PhoneSession) => boolean): Promise<PhoneSession> {
  for (let i = 0; i < 150; i++) {
    const s = (await p.sessions()).find((x) => x.state === 'Established' && match(x));
    if (s) return s;
    await sleep(100);
  }
  throw new Error(`${p.name}: no matching established call; sessions: ${JSON.stringify(await p.sessions())}`);
}

/** Kamailio's dialogs (JSON-RPC dlg.list, the lab's token): who talks to whom, and in which state. */
async function dialogs(): Promise<{ state: number; from: string; to: string }[]> {
  const m = lab.manifest;
  const res = await fetch(`http://${m.sipDomain}:${m.ports.sipWs}/RPC`, {
    method: 'POST',
    headers: { 'X-Vaxel-Rpc-Token': lab.rpcToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'dlg.list', id: 1 }),
  });
  const body = (await res.json()) as { result?: Record<string, unknown>[] };
  return (body.result ?? []).map((d) => ({ state: Number(d.state), from: String(d.from_uri ?? ''), to: String(d.to_uri ?? '') }));
}

test('Koppla ut: a +44 number typed as spoken is called through the trunk with the caller held and answered by SIPp; Escape returns to the caller, F6 connects them with audio', async () => {
  const page = op.page;
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  external = startSippExternal({ manifest: lab.manifest, runDir, calls: 3, boundMs: 150000 });
  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  opened.push(caller);
  const callId = await caller.call('+4651257000');
  await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: '070-123 45 67' }).waitFor({ timeout: 10000 });
  await page.keyboard.press('F2');
  await caller.waitState('Established', callId);
  await panel.getByText('Samtal pågår').waitFor({ timeout: 10000 });

  // Shift+F5 opens the dialog with the cursor in the number field; type as the caller says it
  const dialog = page.getByRole('dialog', { name: 'Koppla ut' });
  const openAndCall = async (spoken: string, check: boolean) => {
    await page.keyboard.press('Shift+F5');
    await dialog.waitFor({ timeout: 5000 });
    const field = dialog.getByRole('textbox', { name: 'Nummer att ringa ut till' });
    assert.ok(await field.evaluate((el) => el === document.activeElement), 'the number field has focus');
    await page.keyboard.type(spoken);
    await dialog.getByText('Nummer: +44 20 7946 0958').waitFor({ timeout: 5000 });
    await dialog.getByText('Land: Storbritannien').waitFor({ timeout: 2000 });
    await dialog.getByText('Typ: fast telefon').waitFor({ timeout: 2000 });
    assert.equal(await dialog.getByRole('alert').count(), 0, 'no warning for a London number');
    if (check) await assertAccessible(page, 'Koppla ut with a number typed');
    // Enter calls out: the caller is held, the PSTN side rings and SIPp answers
    await page.keyboard.press('Enter');
    await dialog.getByRole('status').filter({ hasText: '+44 20 7946 0958 har svarat: presentera samtalet.' }).waitFor({ timeout: 15000 });
    await page.getByRole('list', { name: 'Väntande i samtal' }).getByRole('listitem').filter({ hasText: '070-123 45 67' }).waitFor({ timeout: 5000 });
    await assertAudioFlows(() => op.stats(), { bothWays: true, label: 'operator <-> external subscriber (SIPp echo)' });
    if (check) await assertAccessible(page, 'Koppla ut, the outside party answered');
    assert.ok(await dialog.getByRole('button', { name: /^Koppla/ }).evaluate((el) => el === document.activeElement), '"Koppla" has focus once answered');
  };
  await openAndCall('00 44 20-7946 0958', true);
  assert.match(external.messages(), /INVITE sip:00442079460958@/, 'the trunk got the number as dialled from Sweden, prefix stripped');

  // Escape ("Tillbaka"): the outside leg ends, the operator talks to the caller again
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 15000 });
  await panel.getByText('Samtal pågår').waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole('list', { name: 'Väntande i samtal' }).getByRole('listitem').count(), 0, 'the caller is no longer held');
  await assertAudioFlows(() => caller.stats(callId), { bothWays: true, label: 'caller back with the operator' });

  // again, as "+44 …", and this time connect
  await openAndCall('+44 20 7946 0958', false);

  // F6 ("Koppla"): REFER with Replaces; the caller's new call goes to the external subscriber
  await page.keyboard.press('F6');
  await dialog.waitFor({ state: 'detached', timeout: 15000 });
  await panel.getByText('Koppling med presentation till +44 20 7946 0958: klar').waitFor({ timeout: 15000 });
  await caller.waitState('Terminated', callId, 15000);
  const connected = await established(caller, (s) => s.dir === 'out');
  await panel.getByText('Inget samtal', { exact: true }).waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole('list', { name: 'Väntande i samtal' }).getByRole('listitem').count(), 0, "the console's line is free");
  await assertAudioFlows(() => caller.stats(connected.id), { bothWays: true, label: 'caller <-> external subscriber' });
  assert.match(external.messages(), /^Replaces:/im, 'SIPp got the INVITE with Replaces');
  let confirmed: { state: number; from: string; to: string }[] = [];
  for (let i = 0; i < 50; i++) {
    confirmed = (await dialogs()).filter((d) => d.state === 4);
    if (confirmed.length === 1) break;
    await sleep(200);
  }
  assert.equal(confirmed.length, 1, `one confirmed dialog left: ${JSON.stringify(confirmed)}`);
  assert.match(confirmed[0]!.from, /\+46701234567@/, 'the caller ...');
  assert.match(confirmed[0]!.to, /000442079460958@/, '... talks to the external number');

  // the call log in main: a dial-out to GB (+44) on the caller's call, never the number
  let entry: { dialOut: { country: string | null; callingCode: string } | null; outcome: string | null } | undefined;
  for (let i = 0; i < 50 && !entry?.dialOut; i++) {
    entry = await page.evaluate(async () => (await window.vaxel.listRecentCalls({ limit: 1 }))[0]);
    if (!entry?.dialOut) await sleep(100);
  }
  assert.deepEqual(entry?.dialOut, { country: 'GB', callingCode: '44' });

  await caller.hangup(connected.id);
  assert.equal(await external.done, 0, 'SIPp saw all three calls (two announcements, the connected caller) through to their BYE');
  external = null;
});

test('Koppla ut: a 0900 premium-rate number is blocked, said as an alert, and Enter calls nothing', async () => {
  const page = op.page;
  await page.keyboard.press('Shift+F5');
  const dialog = page.getByRole('dialog', { name: 'Koppla ut' });
  await dialog.waitFor({ timeout: 5000 });
  await page.keyboard.type('0900-123 45 67');
  await dialog.getByRole('alert').filter({ hasText: 'Spärrat: betalnummer (0900) kan inte ringas från växeln.' }).waitFor({ timeout: 5000 });
  assert.equal(await dialog.getByRole('button', { name: 'Ring (Enter)' }).isDisabled(), true);
  await assertAccessible(page, 'Koppla ut with a blocked number');
  await page.keyboard.press('Enter');
  await sleep(1000);
  await page.getByRole('region', { name: 'Pågående samtal' }).getByText('Inget samtal', { exact: true }).waitFor({ timeout: 2000 });
  assert.equal(await dialog.isVisible(), true, 'the dialog stays, nothing was called');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
});
