// D-HEADSET with the console in the background: a lab caller rings while the operator works in
// another program; the headset's Ring lamp lights, the ring tone plays, and the hook switch answers.
// Unplugging the headset mid-call keeps the call; plugging it back re-syncs the lamps before the
// hook hangs up. Real Kamailio, a lab caller, the real console; navigator.hid is a STAND-IN page
// script carrying the Plantronics Blackwire 3220's collections parsed from its real descriptor
// (headset-fixtures.ts [P]), fed on the same code path as Chromium's WebHID.
//
// "Background" here: CDP Emulation.setFocusEmulationEnabled(false) (the page loses focus:
// document.hasFocus() is false, keys go elsewhere) and a second page brought to front. Headless
// Chromium keeps document.visibilityState 'visible' for every page whatever is in front (tried:
// a second tab, Target.activateTarget, a minimised window, also headful under Xvfb), and CDP has no
// visibility override; so the page's own view is also switched to hidden (visibilityState 'hidden',
// a visibilitychange event), so any code of ours that waited for a visible page would stall here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';
import { POLY_BLACKWIRE_3220 } from '../node/headset-fixtures.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-headset-bg-'));
let lab: Lab;
let browser: Browser;
let op: ConsoleUnderTest;
const phones: LabPhone[] = [];

/** STAND-IN navigator.hid with one granted, plugged-in Blackwire 3220; reports it is sent are recorded. */
const STAND_IN_HID = `(() => {
  const model = ${JSON.stringify(POLY_BLACKWIRE_3220)};
  class StandInHidDevice extends EventTarget {
    constructor() { super(); Object.assign(this, { vendorId: model.vendorId, productId: model.productId, productName: model.productName, collections: model.collections }); this.opened = false; this.sent = []; this.oninputreport = null; }
    async open() { this.opened = true; }
    async close() { this.opened = false; }
    async sendReport(reportId, data) { if (!this.opened) throw new DOMException('closed', 'InvalidStateError'); this.sent.push([reportId, ...new Uint8Array(data.buffer ?? data)]); }
    input(reportId, bytes) {
      if (!this.opened) return;
      const e = new Event('inputreport');
      Object.defineProperties(e, { device: { value: this }, reportId: { value: reportId }, data: { value: new DataView(new Uint8Array(bytes).buffer) } });
      this.dispatchEvent(e);
    }
    last(reportId) { for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i][0] === reportId) return this.sent[i].slice(1); return null; }
  }
  const device = new StandInHidDevice();
  const hid = new EventTarget();
  let granted = [device];
  Object.assign(hid, { getDevices: async () => granted, requestDevice: async () => granted });
  const fire = (type) => { const e = new Event(type); Object.defineProperty(e, 'device', { value: device }); hid.dispatchEvent(e); };
  window.__hid = { device, unplug: () => { device.opened = false; granted = []; fire('disconnect'); }, plug: () => { granted = [device]; fire('connect'); } };
  Object.defineProperty(Navigator.prototype, 'hid', { get: () => hid, configurable: true });
  window.__toBackground = () => {
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => 'hidden', configurable: true });
    Object.defineProperty(Document.prototype, 'hidden', { get: () => true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  };
})();`;

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.0–2.2 A/AA violations (rule and elements), injected over CDP so the CSP stays on. */
async function wcagViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

const HEADSET = { vendorId: 0x047f, productId: 0xc056, name: 'Plantronics Blackwire 3220 Series', flash: 'hold', redial: 'none' } as const;

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  op = await openConsole({ browser, manifest: lab.manifest, runDir, settings: (s) => ({ ...s, headset: HEADSET }), initScripts: [STAND_IN_HID] });
  await waitRegistered(op.page);
});

after(async () => {
  for (const p of phones) await p.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

/** Polls a page expression from here (the console's CSP forbids waitForFunction's string eval; no animation frames needed). */
async function until(page: Page, expression: string, timeout = 15000): Promise<void> {
  const t0 = Date.now();
  while (!(await page.evaluate(expression))) {
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const lamp = (page: Page, reportId: number) => page.evaluate(`window.__hid.device.last(${reportId})`) as Promise<number[] | null>;
const sessionState = async (phone: LabPhone, id: string) => (await phone.sessions()).find((s) => s.id === id)?.state;

test('in the background: the Ring lamp lights and the ring tone plays for a caller, the hook switch answers; unplug and replug mid-call keep the call and re-sync the lamps', async () => {
  const page = op.page;
  await page.getByText(`Headset: ${HEADSET.name}`, { exact: true }).waitFor();
  assert.deepEqual(await lamp(page, 0x18), [0x00], 'lamps written for an idle console');
  // The headset's controls in the console: the choice and the two button list boxes, by role and name.
  await page.getByRole('button', { name: 'Välj headset' }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Headsetets Flash-knapp' }).inputValue(), 'hold');
  assert.equal(await page.getByRole('combobox', { name: 'Headsetets Redial-knapp' }).inputValue(), 'none');
  assert.deepEqual(await wcagViolations(page), [], 'the console with a headset chosen meets WCAG A/AA');

  // The operator goes to another program: focus leaves the page, another page is in front.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const other = await page.context().newPage();
  await other.setContent('<title>Ärendesystem</title><textarea aria-label="Ärende"></textarea>');
  await other.bringToFront();
  await other.getByRole('textbox', { name: 'Ärende' }).focus();
  await page.evaluate('window.__toBackground()');
  assert.deepEqual(await page.evaluate('[document.hasFocus(), document.visibilityState]'), [false, 'hidden']);

  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701110009' }, { manifest: lab.manifest, runDir });
  phones.push(caller);
  const callId = await caller.call('+4651257000');
  await until(page, 'JSON.stringify(window.__hid.device.last(0x18)) === "[1]"');
  assert.equal(await page.locator('audio[data-vaxel="ring"]').evaluate((a: HTMLAudioElement) => !a.paused && !!a.srcObject), true, 'the ring tone plays in the background');
  assert.equal(await page.evaluate('document.hasFocus()'), false, 'the console did not take the focus');

  // The hook switch goes off-hook (report 8, bit 1): the console answers without the window.
  await page.evaluate('window.__hid.device.input(8, [0x02])');
  await caller.waitState('Established', callId, 15000);
  await until(page, 'JSON.stringify(window.__hid.device.last(0x17)) === "[1]" && JSON.stringify(window.__hid.device.last(0x18)) === "[0]"');

  // Unplugged mid-call: the call goes on.
  await page.evaluate('window.__hid.unplug()');
  await page.getByText(`Headset: ${HEADSET.name} (inte anslutet)`).waitFor();
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await sessionState(caller, callId), 'Established', 'unplugging the headset does not end the call');

  // Plugged back: the lamps are written again (off-hook, nothing ringing) before the hook counts.
  const sentBefore = (await page.evaluate('window.__hid.device.sent.length')) as number;
  await page.evaluate('window.__hid.plug()');
  await until(page, `window.__hid.device.sent.length > ${sentBefore} && window.__hid.device.opened`);
  const resent = ((await page.evaluate('window.__hid.device.sent')) as number[][]).slice(sentBefore);
  assert.deepEqual(
    resent.map(([id]) => id).sort((a, b) => a! - b!),
    [0x09, 0x17, 0x18, 0x20, 0x2a],
    'every lamp report the console drives is written again',
  );
  assert.deepEqual(await lamp(page, 0x17), [0x01]);
  assert.equal(await sessionState(caller, callId), 'Established');

  // On-hook (after the headset has had time to follow the lamp): the console hangs up.
  await new Promise((r) => setTimeout(r, 1200));
  await page.evaluate('window.__hid.device.input(8, [0x00])');
  await caller.waitState('Terminated', callId, 15000);
  await until(page, 'JSON.stringify(window.__hid.device.last(0x17)) === "[0]"');
  assert.equal(await page.evaluate('document.hasFocus()'), false, 'answered and hung up without the console ever taking focus');
  await other.close();
});
