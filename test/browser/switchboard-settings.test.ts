// Issue 12 points 1–5 in the built console against the lab's real Kamailio, by role and name:
//  - "Växelns öppettider" (Control+F11) edited by keyboard: a wrong time is refused in Swedish
//    with the field marked; a shorter Wednesday saves and the queue's next change moves to 15.00;
//  - with main's clock (injected) at 14.56 and an Essunga caller waiting: the closing warning;
//  - "Stäng växeln" by key (Shift+F11, Enter): the queue says "Stängt (nattkoppling)", the next
//    caller hears the closed message from the lab's announcer and the console does not ring;
//    "Öppna växeln" (Shift+F11, Enter): the console rings again;
//  - "Stängningsmeddelande": the PBX plays it, an own text makes the audio anew, "Återställ
//    standardtext" goes back;
//  - "Hänvisningstexter": an edited script is what Shift+F9 shows on the next call.
// main's clock is a Wednesday in June 2026 (running at real speed from when a scene is set); the
// lab's Kamailio keeps the real clock, so the schedule pushed for June is past its validity there
// and only the night-service switch decides what the PBX does, as in switchboard-closed-message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { labPbxControl } from '../../lab/console-settings.js';
import { switchboardHours } from '../../common/switchboard/schema.js';
import { openPhone } from '../../lab/phone/phone.js';
import { openAnnouncer, type LabAnnouncer } from '../../lab/announcer/announcer.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-sb-settings-'));
let lab: Lab;
let browser: Browser;
let announcer: LabAnnouncer;
let consoleUnderTest: ConsoleUnderTest;
let page: Page;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// main's switchboard clock: `fake` at the moment the scene was set, at real speed from there
let scene = { fake: Date.parse('2026-06-10T08:00:00Z'), real: Date.now() }; // Wednesday 10:00 CEST
const setClock = (iso: string) => void (scene = { fake: Date.parse(iso), real: Date.now() });
const now = () => scene.fake + (Date.now() - scene.real);

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const hoursLines = () => page.getByRole('list', { name: 'Växelns öppettider' }).getByRole('listitem').allInnerTexts();
const queueRows = () => page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem');
const essungaLine = async () => (await hoursLines()).find((l) => l.startsWith('Essunga')) ?? '';

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  announcer = await openAnnouncer(browser, lab);
  consoleUnderTest = await openConsole({
    browser,
    manifest: lab.manifest,
    runDir,
    switchboardNow: now,
    settings: (s) => ({ ...s, switchboardHours: switchboardHours({ switchboardHours: { pbx: labPbxControl(lab.manifest, lab) } }) }),
  });
  page = consoleUnderTest.page;
  await waitRegistered(page);
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await announcer?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

test("Växelns öppettider by keyboard: a wrong time is refused in Swedish, a shorter Wednesday moves the queue's next change", async () => {
  await until('the queue shows Essunga open until 16.30', async () => (await essungaLine()) === 'Essunga: Öppet, Stänger 16.30');
  await page.keyboard.press('Control+F11');
  const dialog = page.getByRole('dialog', { name: 'Växelns öppettider' });
  const wednesday = dialog.getByRole('textbox', { name: 'Onsdag' });
  await wednesday.waitFor({ timeout: 5000 });
  assert.equal(await wednesday.inputValue(), '08:00–16:30');
  assert.equal(await dialog.getByRole('combobox', { name: 'Kommun' }).inputValue(), 'essunga');
  // from the municipality list: Tab to Måndag, Tisdag, Onsdag
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.equal(await wednesday.evaluate((el) => el === document.activeElement), true, 'Tab reaches Onsdag');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('25:00–26:00');
  await page.keyboard.press('Control+Enter');
  await dialog.getByRole('alert').filter({ hasText: 'Skriv tiden som TT:MM' }).waitFor({ timeout: 5000 });
  assert.equal(await wednesday.getAttribute('aria-invalid'), 'true');
  assert.match((await wednesday.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)) ?? '', /TT:MM/);

  await page.keyboard.press('Control+a');
  await page.keyboard.type('8.00-15.00');
  await page.keyboard.press('Control+Enter');
  await dialog.waitFor({ state: 'detached', timeout: 30_000 }); // main speaks the new hours into the closed message first
  await until('the queue shows Essunga closing at 15.00', async () => (await essungaLine()) === 'Essunga: Öppet, Stänger 15.00');
  assert.ok((await hoursLines()).includes('Grästorp: Öppet, Stänger 16.30'), 'Grästorp keeps its hours');
  const saved = await page.evaluate(() => window.vaxel.switchboardGetHours());
  assert.deepEqual(saved.essunga.weekly.wed, [{ open: '08:00', close: '15:00' }]);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'search', 'focus is back in the search field');
});

test('five minutes before closing with an Essunga caller waiting, the operator is warned', async () => {
  setClock('2026-06-10T12:56:00Z'); // Wednesday 14:56 CEST; Essunga closes 15:00 since the last test
  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  try {
    const id = await caller.call('+4651257000');
    await queueRows().filter({ hasText: 'Välkommen till Essunga kommun' }).waitFor({ timeout: 10_000 });
    const warning = page.getByRole('alert').filter({ hasText: 'Växeln för Essunga stänger 15.00: 1 samtal väntar.' });
    await warning.waitFor({ timeout: 10_000 });
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Grästorp stänger' }).count(), 0, 'no warning for Grästorp, nobody waits there');
    await caller.hangup(id).catch(() => undefined);
    await queueRows().first().waitFor({ state: 'detached', timeout: 10_000 });
  } finally {
    await caller.close();
  }
  setClock('2026-06-10T08:00:00Z');
  await page.evaluate(() => window.vaxel.switchboardStatus()); // main at 10:00 again
});

test('Stäng växeln by key: the next caller hears the closed message and the console does not ring; Öppna växeln rings it again', async () => {
  await until(
    'the closed messages are made and installed',
    async () => fs.existsSync(path.join(lab.promptDir, 'closed-essunga.wav')) && (await page.evaluate(() => window.vaxel.switchboardStatus())).pbx.lastPrompts?.ok,
  );
  await page.keyboard.press('Shift+F11');
  const close = page.getByRole('dialog', { name: 'Stäng växeln' });
  await close.getByRole('button', { name: 'Stäng växeln för Essunga (Enter)' }).waitFor({ timeout: 5000 });
  assert.equal(await close.getByRole('combobox', { name: 'Kommun' }).inputValue(), 'essunga');
  await page.keyboard.press('Enter');
  await close.waitFor({ state: 'detached', timeout: 10_000 });
  await until('the queue says night service', async () => (await essungaLine()) === 'Essunga: Stängt (nattkoppling)');

  const before = (await announcer.announcements()).length;
  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  try {
    const id = await caller.call('+4651257000');
    await caller.waitState('Established', id, 15_000);
    const a = await until('the announcer answered', async () => (await announcer.announcements())[before]);
    assert.equal(a.municipality, 'essunga');
    assert.equal(a.error, null);
    const first = await until('media', () => caller.stats(id));
    await sleep(3000);
    const second = (await caller.stats(id))!;
    const energy = second.audioEnergy - first.audioEnergy;
    console.log(`closed by key: received audio energy over 3 s ${energy.toFixed(4)}`);
    assert.ok(energy > 0.005, `speech at the caller (${energy.toFixed(4)})`);
    assert.equal(await queueRows().count(), 0, 'the console did not ring');
    await caller.hangup(id).catch(() => undefined);
  } finally {
    await caller.close();
  }

  await page.keyboard.press('Shift+F11'); // last used: Essunga, now held closed: the confirm opens it
  const open = page.getByRole('dialog', { name: 'Öppna växeln' });
  await open.getByRole('button', { name: 'Öppna växeln för Essunga (Enter)' }).waitFor({ timeout: 5000 });
  await page.keyboard.press('Enter');
  await open.waitFor({ state: 'detached', timeout: 10_000 });
  await until('the queue says open again', async () => (await essungaLine()) === 'Essunga: Öppet, Stänger 15.00');
  const status = await page.evaluate(() => window.vaxel.switchboardStatus());
  assert.deepEqual({ ...status.municipalities[0]!.nightService, at: 0 }, { closed: false, by: lab.manifest.operators[0]!.username, at: 0 }, 'who switched it, kept by main');

  const again = await openPhone(browser, { gateway: true, callerNumber: '+46709876543' }, { manifest: lab.manifest, runDir });
  try {
    const id = await again.call('+4651257000');
    await queueRows().filter({ hasText: 'Välkommen till Essunga kommun' }).waitFor({ timeout: 10_000 });
    await again.hangup(id).catch(() => undefined);
    await queueRows().first().waitFor({ state: 'detached', timeout: 10_000 });
  } finally {
    await again.close();
  }
});

test('Stängningsmeddelande: the PBX plays it; an own text makes the audio anew; Återställ standardtext goes back', async () => {
  const wav = path.join(lab.promptDir, 'closed-grastorp.wav');
  const sizeBefore = fs.statSync(wav).size;
  await page.getByRole('button', { name: 'Stängningsmeddelande …' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Stängningsmeddelande' });
  await dialog.getByText('Växelns telefonisystem spelar meddelandet när växeln är stängd.').waitFor({ timeout: 5000 });
  await dialog.getByRole('combobox', { name: 'Kommun' }).selectOption('grastorp');
  const text = dialog.getByRole('textbox', { name: 'Meddelandet som läses upp för Grästorp' });
  await until('the default text', async () => /www\.grastorp\.se/.test(await text.inputValue()));
  await text.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Växeln är stängd. Ring igen i morgon.');
  await page.keyboard.press('Control+Enter');
  await dialog.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor({ timeout: 30_000 });
  const customSize = fs.statSync(wav).size;
  assert.ok(customSize < sizeBefore / 2, `the audio was made anew from the shorter text (${customSize} < ${sizeBefore} bytes)`);
  await dialog.getByText(/Ljudet gjordes och installerades/).waitFor({ timeout: 5000 });
  const view = await page.evaluate(() => window.vaxel.switchboardGetClosedMessage({ municipality: 'grastorp' }));
  assert.equal(view.custom, true);

  // a recording that is not there: refused in Swedish, the saved text is kept
  const recording = dialog.getByRole('textbox', { name: /Inspelad ljudfil/ });
  await recording.fill(path.join(runDir, 'finns-inte.wav'));
  await page.keyboard.press('Control+Enter');
  await dialog.getByRole('alert').filter({ hasText: 'Kontrollera att ljudfilen finns' }).waitFor({ timeout: 10_000 });
  assert.match(await dialog.getByRole('alert').first().innerText(), /^Kunde inte sparas:/);
  const kept = await page.evaluate(() => window.vaxel.switchboardGetClosedMessage({ municipality: 'grastorp' }));
  assert.deepEqual([kept.text, kept.recordingFile], ['Växeln är stängd. Ring igen i morgon.', null]);
  await recording.fill('');

  await dialog.getByRole('button', { name: 'Återställ standardtext' }).focus();
  await page.keyboard.press('Enter');
  assert.match(await text.inputValue(), /www\.grastorp\.se/);
  await page.keyboard.press('Control+Enter');
  // the text is saved first, then the audio made: wait for the audio
  await until('the default audio again', async () => fs.statSync(wav).size > customSize * 2, 30_000);
  assert.equal((await page.evaluate(() => window.vaxel.switchboardGetClosedMessage({ municipality: 'grastorp' }))).custom, false, 'saved as the default again');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
});

test('Hänvisningstexter: an edited external script is what Shift+F9 shows on the next call', async () => {
  await page.getByRole('button', { name: 'Hänvisningstexter …' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Hänvisningstexter' });
  const script = dialog.getByRole('textbox', { name: 'Manus för extern nummerupplysning (Shift+F9)' });
  await script.waitFor({ timeout: 5000 });
  assert.equal(await script.inputValue(), 'Extern nummerupplysning: Eniro 118 118 eller eniro.se');
  await script.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Ring Eniro på 118 118, eller sök på eniro.se.');
  await page.keyboard.press('Control+Enter');
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });

  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  try {
    const id = await caller.call('+4651458000');
    await queueRows().filter({ hasText: 'Välkommen till Grästorps kommun' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('F2');
    await page.getByRole('region', { name: 'Pågående samtal' }).getByText('Samtal pågår').waitFor({ timeout: 10_000 });
    await caller.waitState('Established', id);
    // on a Grästorp call, "Stäng växeln" starts with Grästorp
    await page.keyboard.press('Shift+F11');
    const night = page.getByRole('dialog', { name: 'Stäng växeln' });
    await night.getByRole('button', { name: 'Stäng växeln för Grästorp (Enter)' }).waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
    await night.waitFor({ state: 'detached', timeout: 5000 });
    await page.keyboard.press('Shift+F9');
    const ext = page.getByRole('dialog', { name: 'Extern nummerupplysning' });
    await ext.getByText('Ring Eniro på 118 118, eller sök på eniro.se.').waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
    await ext.waitFor({ state: 'detached', timeout: 5000 });
    // the save did not restart the softphone: the call is still up
    await page.getByRole('region', { name: 'Pågående samtal' }).getByText('Samtal pågår').waitFor({ timeout: 2000 });
    await caller.hangup(id);
  } finally {
    await caller.close();
  }
});
