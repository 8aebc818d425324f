// Call handling (issue 3): three calls ringing at once, answered in order by the keyboard alone;
// answering while talking holds the current call; held callers hear the console's hold music
// (their inbound audio energy keeps growing); resume, mute and DTMF (INFO and RFC 4733).
// Real Kamailio, lab phones as callers, audio asserted with getStats. No timed assertions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { assertAudioFlows } from '../support/media.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-calls-hold-'));
let lab: Lab;
let browser: Browser;
let op: ConsoleUnderTest;
const phones: LabPhone[] = [];

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  op = await openConsole({ browser, manifest: lab.manifest, runDir });
  await waitRegistered(op.page);
  // DTMF both ways (INFO and RFC 4733) for this run: saved settings restart the console.
  await op.page.evaluate(async () => {
    const v = (window as unknown as { vaxel: { getSettings(): Promise<{ status: string; settings: Record<string, unknown> }>; saveSettings(s: unknown): Promise<unknown> } }).vaxel;
    const state = await v.getSettings();
    await v.saveSettings({ ...state.settings, calls: { dtmfMode: 'both' } });
  });
  await waitRegistered(op.page);
});

after(async () => {
  for (const p of phones) await p.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

async function energyGrows(phone: LabPhone, id: string, label: string): Promise<number> {
  const a = await phone.stats(id);
  await new Promise((r) => setTimeout(r, 1200));
  const b = await phone.stats(id);
  assert.ok(a && b, `${label}: no stats`);
  const delta = b.audioEnergy - a.audioEnergy;
  assert.ok(b.inboundBytes > a.inboundBytes, `${label}: inbound bytes did not grow`);
  assert.ok(delta > 0, `${label}: inbound audio energy did not grow (${a.audioEnergy} -> ${b.audioEnergy})`);
  return delta;
}

test('three calls ringing at once are answered in order by keys; earlier ones are held with music; resume, mute, DTMF', async () => {
  const page = op.page;
  const queue = page.getByRole('list', { name: 'Samtalskö' });
  const callPanel = page.getByRole('region', { name: 'Pågående samtal' });
  const held = page.getByRole('list', { name: 'Väntande i samtal' });
  const callers = [
    { number: '+46701110001', shown: '070-111 00 01', dial: '+4651257000', greeting: 'Välkommen till Essunga kommun' },
    { number: '+46701110002', shown: '070-111 00 02', dial: '+4651458000', greeting: 'Välkommen till Grästorps kommun' },
    { number: '+46701110003', shown: '070-111 00 03', dial: '+4651257000', greeting: 'Välkommen till Essunga kommun' },
  ];
  const ids: string[] = [];
  for (const c of callers) {
    const phone = await openPhone(browser, { gateway: true, callerNumber: c.number }, { manifest: lab.manifest, runDir });
    phones.push(phone);
    ids.push(await phone.call(c.dial));
    await queue.getByRole('listitem').filter({ hasText: c.shown }).waitFor({ timeout: 10000 });
  }
  // all three ring at once, longest waiting first, each with greeting, caller, dialled number, wait time
  const rows = await queue.getByRole('listitem').allInnerTexts();
  assert.equal(rows.length, 3);
  callers.forEach((c, i) => {
    assert.match(rows[i], new RegExp(c.greeting));
    assert.match(rows[i], new RegExp(c.shown));
    assert.match(rows[i], /till 0(512-570 00|514-580 00)/);
    assert.match(rows[i], /väntat \d+ s/);
  });
  assert.equal(await page.locator('audio[data-vaxel="ring"]').evaluate((a: HTMLAudioElement) => !a.paused && !!a.srcObject), true, 'the ring tone plays');

  // F2 three times: each answers the longest waiting call and holds the one before
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('F2');
    await phones[i].waitState('Established', ids[i]);
    await callPanel.getByText(callers[i].shown).waitFor({ timeout: 10000 });
    await held
      .getByRole('listitem')
      .nth(i - 1)
      .waitFor({ timeout: 10000 })
      .catch(() => undefined);
  }
  await callPanel.getByText('Samtal pågår').waitFor({ timeout: 10000 });
  assert.equal(await queue.getByRole('listitem').count(), 0);
  assert.equal(await page.locator('audio[data-vaxel="ring"]').evaluate((a: HTMLAudioElement) => a.paused), true, 'the ring stops when the queue is empty');
  await held.getByRole('listitem').nth(1).waitFor({ timeout: 10000 });
  assert.equal(await held.getByRole('listitem').count(), 2, 'two calls held at once');

  // the held callers hear hold music, not silence
  await energyGrows(phones[0], ids[0], 'held caller 1');
  await energyGrows(phones[1], ids[1], 'held caller 2');
  await assertAudioFlows(() => phones[2].stats(ids[2]), { bothWays: true, label: 'talking caller 3' });

  // mute: the talking caller's received energy stops growing; unmute restores it
  const talkingDelta = await energyGrows(phones[2], ids[2], 'caller 3 before mute');
  await page.keyboard.press('F9');
  await callPanel.getByText('Mikrofonen är avstängd').waitFor({ timeout: 5000 });
  await new Promise((r) => setTimeout(r, 400));
  const m1 = await phones[2].stats(ids[2]);
  await new Promise((r) => setTimeout(r, 1200));
  const m2 = await phones[2].stats(ids[2]);
  assert.ok(m1 && m2 && m2.audioEnergy - m1.audioEnergy < talkingDelta / 10, `muted: energy should stay flat (${m1?.audioEnergy} -> ${m2?.audioEnergy}, talking delta ${talkingDelta})`);
  await page.keyboard.press('F9');
  await callPanel.getByText('Mikrofonen är avstängd').waitFor({ state: 'detached', timeout: 5000 });

  // DTMF: F10 switches the digits to the call; INFO reaches the caller, RFC 4733 leaves the sender
  await page.evaluate(() => {
    const list = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pc = [...list].reverse().find((p) => p.connectionState !== 'closed')!;
    const sender = pc.getSenders().find((s) => s.dtmf)!;
    (window as unknown as { __tones: string[] }).__tones = [];
    sender.dtmf!.addEventListener('tonechange', (e) => (e as RTCDTMFToneChangeEvent).tone && (window as unknown as { __tones: string[] }).__tones.push((e as RTCDTMFToneChangeEvent).tone));
  });
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  await search.focus();
  await page.keyboard.press('F10');
  await page.keyboard.type('12#');
  await page.keyboard.press('Escape');
  assert.equal(await search.inputValue(), '', 'digits went to the call, not into the search field');
  for (let i = 0; i < 50; i++) {
    const infos = await phones[2].infos();
    if (infos.length >= 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const infos = await phones[2].infos();
  assert.deepEqual(
    infos.map((i) => [i.contentType, /Signal=(.)/.exec(i.body)?.[1]]),
    [
      ['application/dtmf-relay', '1'],
      ['application/dtmf-relay', '2'],
      ['application/dtmf-relay', '#'],
    ],
  );
  for (let i = 0; i < 50; i++) {
    if ((await page.evaluate(() => (window as unknown as { __tones: string[] }).__tones.length)) >= 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __tones: string[] }).__tones), ['1', '2', '#'], 'RFC 4733 tones played by the RTCDTMFSender');

  // hang up caller 3 (F4); F3 resumes the most recently held (caller 2), with audio both ways
  await page.keyboard.press('F4');
  await phones[2].waitState('Terminated', ids[2]);
  await callPanel.getByText('Inget samtal').waitFor({ timeout: 10000 });
  await page.keyboard.press('F3');
  await callPanel.getByText('Samtal pågår').waitFor({ timeout: 10000 });
  assert.match(await callPanel.innerText(), /070-111 00 02/);
  assert.equal(await held.getByRole('listitem').count(), 1);
  await assertAudioFlows(() => op.stats(), { bothWays: true, label: 'console after resume' });
  await assertAudioFlows(() => phones[1].stats(ids[1]), { bothWays: true, label: 'resumed caller 2' });
  // caller 1 is still held and still hears music
  await energyGrows(phones[0], ids[0], 'caller 1 still held');

  // park caller 2 (F11), then retrieve it by slot key (Control+1)
  await page.keyboard.press('F11');
  const parked = page.getByRole('list', { name: 'Parkerade samtal' });
  await parked.getByRole('listitem').filter({ hasText: 'Plats 1' }).waitFor({ timeout: 10000 });
  await energyGrows(phones[1], ids[1], 'parked caller 2');
  await page.keyboard.press('Control+1');
  await callPanel.getByText('Samtal pågår').waitFor({ timeout: 10000 });
  assert.equal(await parked.getByRole('listitem').count(), 0);

  await page.keyboard.press('F4');
  await phones[1].waitState('Terminated', ids[1]);
  await page.keyboard.press('F3');
  await callPanel.getByText('Samtal pågår').waitFor({ timeout: 10000 });
  await page.keyboard.press('F4');
  await phones[0].waitState('Terminated', ids[0]);
});
