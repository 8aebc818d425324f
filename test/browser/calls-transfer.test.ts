// Transfers (issue 3, P-CONNECT): announced transfer completed (REFER with Replaces to the
// employee's AOR) and cancelled, with audio between caller and employee afterwards; safe transfer
// answered, and recall after an unanswered safe transfer with the choices shown and "try again"
// working; blind transfer with the NOTIFY outcome shown, the caller's leg kept until the final
// NOTIFY and a failed one bringing the caller back; a blind transfer of a plain SIP caller (SIPp,
// through rtpengine). Two consoles: the call leaves op2's queue when op1 answers. Real Kamailio,
// lab phones, audio via getStats, keys only.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { callSettings } from '../../common/settings/schema.js';
import type { Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { openPhone, type LabPhone, type PhoneSession } from '../../lab/phone/phone.js';
import { SIPP_CALLER_REFER_SCENARIO, startSippCall } from '../../lab/sipp.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { assertAudioFlows } from '../support/media.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-calls-xfer-'));
let lab: Lab;
let browser: Browser;
let op: ConsoleUnderTest;
const opened: LabPhone[] = [];

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  // a short safe-transfer timeout (the schema's minimum, 5 s) keeps the recall case quick
  op = await openConsole({ browser, manifest: lab.manifest, runDir, settings: (s) => ({ ...s, calls: { ...callSettings(s), safeTransferTimeoutS: 5 } }) });
  await waitRegistered(op.page);
});

// A failed test must not leave its calls in the console for the next one: close its phones (BYE).
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close().catch(() => undefined);
  await op.page
    .getByRole('region', { name: 'Pågående samtal' })
    .getByText('Inget samtal', { exact: true })
    .waitFor({ timeout: 15000 })
    .catch(() => undefined);
});

after(async () => {
  for (const p of opened) await p.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

async function caller(number: string): Promise<LabPhone> {
  const p = await openPhone(browser, { gateway: true, callerNumber: number }, { manifest: lab.manifest, runDir });
  opened.push(p);
  return p;
}

async function employee(index: number): Promise<{ phone: LabPhone; ext: string }> {
  const ext = lab.org.people[index].extension;
  const phone = await openPhone(browser, { username: ext, password: employeePassword(lab.manifest, ext) }, { manifest: lab.manifest, runDir });
  opened.push(phone);
  return { phone, ext };
}

async function answerWithF2(page: Page, c: LabPhone, shown: string): Promise<string> {
  const id = await c.call('+4651257000');
  await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: shown }).waitFor({ timeout: 10000 });
  await page.keyboard.press('F2');
  await c.waitState('Established', id);
  return id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The phone's established call that matches, waiting up to 15 s (the machine is loaded). */
async function established(p: LabPhone, match: (s: PhoneSession) => boolean = () => true): Promise<PhoneSession> {
  for (let i = 0; i < 150; i++) {
    const s = (await p.sessions()).find((x) => x.state === 'Established' && match(x));
    if (s) return s;
    await sleep(100);
  }
  throw new Error(`${p.name}: no matching established call; sessions: ${JSON.stringify(await p.sessions())}`);
}

/** The newest incoming call still ringing at the phone (waits up to 15 s). */
async function ringing(p: LabPhone, except: string[] = []): Promise<PhoneSession> {
  for (let i = 0; i < 150; i++) {
    const s = (await p.sessions()).filter((x) => x.dir === 'in' && x.state === 'Initial' && !except.includes(x.id)).at(-1);
    if (s) return s;
    await sleep(100);
  }
  throw new Error(`${p.name}: nothing rings; sessions: ${JSON.stringify(await p.sessions())}`);
}

const stateOf = async (p: LabPhone, id: string) => (await p.sessions()).find((s) => s.id === id)?.state;

/** The console has nothing left for the operator: no active call, nobody held, no recall. */
async function idle(page: Page) {
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  await panel.getByText('Inget samtal', { exact: true }).waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole('list', { name: 'Väntande i samtal' }).getByRole('listitem').count(), 0, 'nobody left on hold');
  assert.equal(await page.getByRole('group', { name: 'Kopplingen gick inte fram' }).count(), 0, 'no recall left');
}

test('announced transfer: cancel returns to the caller; complete (F6) connects caller and employee with audio', async () => {
  const page = op.page;
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  const c = await caller('+46702220001');
  const { phone: emp, ext } = await employee(0);
  const callId = await answerWithF2(page, c, '070-222 00 01');

  // type the extension, Enter starts the announced transfer: caller held with music, employee called
  await search.fill(ext);
  await page.keyboard.press('Enter');
  const ring1 = await ringing(emp);
  await emp.answer(ring1.id);
  await emp.waitState('Established', ring1.id);
  await panel.getByText(`Samtal med ${ext}`).waitFor({ timeout: 15000 });
  await assertAudioFlows(() => emp.stats(ring1.id), { bothWays: true, label: 'operator <-> employee' });
  // Escape cancels: the employee's leg ends and the operator talks to the caller again
  await page.keyboard.press('Escape');
  await emp.waitState('Terminated', ring1.id, 15000);
  await panel.getByText('Samtal pågår').waitFor({ timeout: 15000 });
  assert.match(await panel.innerText(), /070-222 00 01/);
  await assertAudioFlows(() => c.stats(callId), { bothWays: true, label: 'caller back with operator' });

  // again, and F6 completes: REFER with Replaces to the employee's AOR; the caller's new call
  // replaces the consultation at the employee's phone
  await search.fill(ext);
  await page.keyboard.press('Enter');
  const ring2 = await ringing(emp, [ring1.id]);
  await emp.answer(ring2.id);
  await emp.waitState('Established', ring2.id);
  await panel.getByText(`Samtal med ${ext}`).waitFor({ timeout: 15000 });
  await page.keyboard.press('F6');
  await panel.getByText(`Koppling med presentation till ${ext}: klar`).waitFor({ timeout: 15000 });
  await c.waitState('Terminated', callId, 15000);
  const callerLeg = await established(c, (s) => s.dir === 'out');
  const empLeg = await established(emp, (s) => s.dir === 'in' && !!s.replaces);
  assert.match(empLeg.replaces!, new RegExp(`^${ring2.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};`), 'the new call replaces the consultation');
  await emp.waitState('Terminated', ring2.id, 15000);
  await idle(page);
  await assertAudioFlows(() => c.stats(callerLeg.id), { bothWays: true, label: 'caller <-> employee' });
  await assertAudioFlows(() => emp.stats(empLeg.id), { bothWays: true, label: 'employee <-> caller' });
  await c.hangup(callerLeg.id);
  await emp.waitState('Terminated', empLeg.id, 15000);
});

test('safe transfer: unanswered -> recall with choices, "try again" (F8) -> employee answers and is connected', async () => {
  const page = op.page;
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  const c = await caller('+46702220003');
  const { phone: emp, ext } = await employee(1);
  const callId = await answerWithF2(page, c, '070-222 00 03');
  await search.fill(ext);
  await page.keyboard.press('F8');
  const ring1 = await ringing(emp);
  // nobody answers: after the (5 s) timeout the employee's phone stops ringing and the caller is back
  const recall = page.getByRole('group', { name: 'Kopplingen gick inte fram' });
  await recall.waitFor({ timeout: 20000 });
  await recall.getByText(`${ext} svarade inte`).waitFor({ timeout: 5000 });
  for (const name of [/Försök igen/, /Röstbrevlåda/, /Meddelande/, /Annat nummer/]) {
    assert.equal(await recall.getByRole('button', { name }).count(), 1, `choice ${name}`);
  }
  await emp.waitState('Terminated', ring1.id, 15000);
  assert.equal(await stateOf(c, callId), 'Established', 'the caller kept the leg');
  await panel.getByText('Samtal pågår').waitFor({ timeout: 15000 });
  await assertAudioFlows(() => c.stats(callId), { bothWays: true, label: 'caller back with operator after no answer' });
  // "try again" (F8, the recall's target): this time the employee answers and gets the caller
  await search.fill('');
  await emp.setAutoAnswer(true);
  await page.keyboard.press('F8');
  await panel.getByText(`Säker koppling till ${ext}: klar`).waitFor({ timeout: 20000 });
  await c.waitState('Terminated', callId, 15000);
  const callerLeg = await established(c, (s) => s.dir === 'out');
  const empLeg = await established(emp, (s) => s.dir === 'in' && !!s.replaces);
  await idle(page);
  await assertAudioFlows(() => c.stats(callerLeg.id), { bothWays: true, label: 'caller <-> employee after safe transfer' });
  await assertAudioFlows(() => emp.stats(empLeg.id), { bothWays: true, label: 'employee <-> caller after safe transfer' });
  await emp.setAutoAnswer(false);
  await c.hangup(callerLeg.id);
  await emp.waitState('Terminated', empLeg.id, 15000);
});

test('blind transfer (F7): NOTIFY outcome shown, caller kept until the final NOTIFY; failures (voicemail 480, employee rejects) bring the caller back', async () => {
  const page = op.page;
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  const recall = page.getByRole('group', { name: 'Kopplingen gick inte fram' });
  const c = await caller('+46702220004');
  const { phone: emp, ext } = await employee(2);
  const callId = await answerWithF2(page, c, '070-222 00 04');

  // to voicemail: the lab has no voicemail server (480), so the caller comes back
  await search.fill(ext);
  await page.keyboard.press('Shift+F7');
  await panel.getByText(`Röstbrevlåda till ${ext}: misslyckades (480)`).waitFor({ timeout: 15000 });
  await recall.waitFor({ timeout: 15000 });
  const vm = (await c.sessions()).find((s) => s.dir === 'out' && s.id !== callId);
  assert.equal(vm?.requestUri, `sip:vm-${ext}@${lab.manifest.sipDomain}`, 'the caller followed the REFER to the voicemail URI');
  assert.equal(await stateOf(c, callId), 'Established', 'the caller kept the leg');
  await assertAudioFlows(() => c.stats(callId), { bothWays: true, label: 'caller back after voicemail failed' });

  // blind to the employee, who rejects: NOTIFY with 480 shown, the caller is back again
  await search.fill(ext);
  await page.keyboard.press('F7');
  const ring1 = await ringing(emp);
  await panel.getByText(`Direktkoppling till ${ext}: det ringer`).waitFor({ timeout: 15000 });
  await emp.hangup(ring1.id); // SIP.js rejects with 480
  await panel.getByText(new RegExp(`Direktkoppling till ${ext}: misslyckades \\(4\\d\\d\\)`)).waitFor({ timeout: 15000 });
  await recall.waitFor({ timeout: 15000 });
  assert.equal(await stateOf(c, callId), 'Established', 'the caller kept the leg after the rejection');
  await assertAudioFlows(() => c.stats(callId), { bothWays: true, label: 'caller back after the employee rejected' });

  // blind again: while the employee's phone rings (NOTIFY 180) the caller's leg with the console
  // stays up; the answer (final NOTIFY 200) ends it
  await search.fill(ext);
  await page.keyboard.press('F7');
  const ring2 = await ringing(emp, [ring1.id]);
  await panel.getByText(`Direktkoppling till ${ext}: det ringer`).waitFor({ timeout: 15000 });
  await sleep(1500);
  assert.equal(await stateOf(c, callId), 'Established', 'the caller leg is kept until the final NOTIFY');
  await emp.answer(ring2.id);
  await panel.getByText(`Direktkoppling till ${ext}: klar`).waitFor({ timeout: 15000 });
  await c.waitState('Terminated', callId, 15000);
  const callerLeg = await established(c, (s) => s.dir === 'out' && s.requestUri.startsWith(`sip:${ext}@`));
  await idle(page);
  await assertAudioFlows(() => c.stats(callerLeg.id), { bothWays: true, label: 'caller <-> employee after blind' });
  await assertAudioFlows(() => emp.stats(ring2.id), { bothWays: true, label: 'employee <-> caller after blind' });
  await c.hangup(callerLeg.id);
  await emp.waitState('Terminated', ring2.id, 15000);
});

test('blind transfer of a plain SIP caller (SIPp through rtpengine) to a lab phone: the employee hears the caller', async () => {
  const page = op.page;
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  const { phone: emp, ext } = await employee(3);
  await emp.setAutoAnswer(true);
  const sipp = startSippCall({
    manifest: lab.manifest,
    scenario: SIPP_CALLER_REFER_SCENARIO,
    target: '+4651257000',
    callerNumber: '+46702220006',
    displayName: 'SIPp',
    holdMs: 6000,
    waitMs: 30000,
    runDir: path.join(runDir, 'sipp'),
    sipPort: 5074,
    mediaPort: 6400,
  });
  try {
    await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: '070-222 00 06' }).waitFor({ timeout: 15000 });
    await page.keyboard.press('F2');
    await panel.getByText('Samtal pågår').waitFor({ timeout: 15000 });
    // audio from SIPp (PCMA pcap) reaches the console through rtpengine
    await assertAudioFlows(() => op.stats(), { label: 'operator from SIPp' });
    await search.fill(ext);
    await page.keyboard.press('F7');
    await panel.getByText(`Direktkoppling till ${ext}: klar`).waitFor({ timeout: 20000 });
    const empLeg = await established(emp, (s) => s.from.startsWith('sip:+46702220006@'));
    await idle(page);
    const flow = await assertAudioFlows(() => emp.stats(empLeg.id), { label: 'employee from the transferred SIPp caller' });
    assert.ok(flow.inboundDelta > 8000, `only ${flow.inboundDelta} bytes in 1.5 s`);
    assert.equal((await emp.stats(empLeg.id))?.codec, 'audio/PCMA', 'bridged by rtpengine from the plain RTP caller');
    assert.equal(await sipp.done, 0, `SIPp failed; see ${sipp.messageLog}`);
    await emp.waitState('Terminated', empLeg.id, 15000);
  } finally {
    sipp.kill();
    await emp.setAutoAnswer(false);
  }
});

test("two consoles: the call leaves op2's queue when op1 answers", async () => {
  const op2 = await openConsole({ browser, manifest: lab.manifest, runDir, operatorIndex: 1 });
  try {
    await waitRegistered(op2.page);
    const c = await caller('+46702220005');
    const id = await c.call('+4651458000');
    const row = (p: Page) => p.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: '070-222 00 05' });
    await row(op.page).waitFor({ timeout: 10000 });
    await row(op2.page).waitFor({ timeout: 10000 });
    await op.page.keyboard.press('F2');
    await c.waitState('Established', id);
    await row(op2.page).waitFor({ state: 'detached', timeout: 10000 });
    assert.equal(await op2.page.getByRole('region', { name: 'Pågående samtal' }).getByText('Inget samtal').count(), 1);
    await c.hangup(id);
  } finally {
    await op2.close();
  }
});
