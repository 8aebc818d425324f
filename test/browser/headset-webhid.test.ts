// The headset path in the built renderer with navigator.hid replaced by a STAND-IN (standInHid, a
// page script): "Välj headset" on the setup screen asks the chooser for the telephony usage page,
// the saved settings carry the device, the console opens it and writes its lamps, and unplug/replug
// are followed. window.vaxel is a stand-in too (as in renderer-ui.test.ts); no SIP server runs.
import { after, before, test } from 'node:test';
import { startRendererOnlyHost, type RendererOnlyHost } from '../support/renderer-only-host';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { JABRA_ENGAGE_50 } from '../node/headset-fixtures';

let host: RendererOnlyHost;
let origin: string;
let browser: Browser;

before(async () => {
  host = await startRendererOnlyHost('headset-webhid-test');
  ({ origin, browser } = host);
});

after(async () => {
  await host?.close();
});

const STAND_INS = `(() => {
  const saved = [];
  window.__saved = saved;
  const vaxelStandIn = {
    getAppInfo: async () => ({ name: 'Växel', version: '0.0.0-test', host: 'web', dataDir: '/nowhere' }),
    getSettings: async () => ({ status: 'first-run' }),
    saveSettings: async (settings) => { saved.push(settings); return { status: 'ok', settings }; },
    reportLog: async () => undefined,
    on: () => () => undefined,
  };
  Object.defineProperty(window, 'vaxel', { value: new Proxy(vaxelStandIn, { get: (t, n) => n in t ? t[n] : async () => { throw new Error('not in stand-in'); } }) });
  const model = ${JSON.stringify(JABRA_ENGAGE_50)};
  class StandInHidDevice extends EventTarget {
    constructor() { super(); Object.assign(this, { vendorId: model.vendorId, productId: model.productId, productName: model.productName, collections: model.collections }); this.opened = false; this.sent = []; this.oninputreport = null; }
    async open() { this.opened = true; }
    async close() { this.opened = false; }
    async sendReport(reportId, data) { if (!this.opened) throw new DOMException('closed', 'InvalidStateError'); this.sent.push([reportId, ...new Uint8Array(data.buffer ?? data)]); }
  }
  const device = new StandInHidDevice();
  const standInHid = new EventTarget();
  const requests = [];
  let granted = [];
  Object.assign(standInHid, {
    getDevices: async () => granted,
    requestDevice: async (options) => { requests.push(options); granted = [device]; return [device]; },
  });
  const fire = (type) => { const e = new Event(type); Object.defineProperty(e, 'device', { value: device }); standInHid.dispatchEvent(e); };
  window.__hid = { device, requests, unplug: () => { device.opened = false; granted = []; fire('disconnect'); }, plug: () => { granted = [device]; fire('connect'); } };
  Object.defineProperty(Navigator.prototype, 'hid', { get: () => standInHid, configurable: true });
})();`;

test('Välj headset: chosen on setup, saved, opened by the console with its lamps; unplug and replug followed', async () => {
  const page = await browser.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.addInitScript(STAND_INS);
  await page.goto(`${origin}/index.html`);
  await page.getByRole('button', { name: 'Välj headset' }).click();
  await page.getByText('Headset: Jabra Engage 50').waitFor();
  assert.deepEqual(await page.evaluate('window.__hid.requests'), [{ filters: [{ usagePage: 0x0b }] }]);
  await page.getByLabel('Visningsnamn').fill('Operatör 1');
  await page.getByLabel('SIP-användare').fill('op1');
  await page.getByLabel('Lösenord').fill('secret');
  await page.getByLabel('SIP-domän').fill('127.0.0.1');
  await page.getByLabel('Servrar (en per rad)').fill('ws://127.0.0.1:9/');
  await page.getByRole('button', { name: 'Spara och starta' }).click();
  await page.getByRole('searchbox', { name: 'Sök i katalogen' }).waitFor();
  const saved = (await page.evaluate('window.__saved')) as Array<{ headset?: unknown }>;
  assert.deepEqual(saved[0]?.headset, { vendorId: 0x0b0e, productId: 0x4052, name: 'Jabra Engage 50', flash: 'hold', redial: 'none' });
  // The console attaches the granted device and writes the lamps of an idle console.
  await page.getByText('Headset: Jabra Engage 50', { exact: true }).waitFor();
  assert.equal(await page.evaluate('window.__hid.device.opened'), true);
  assert.deepEqual(await page.evaluate('window.__hid.device.sent'), [[2, 0, 0]]);
  assert.equal(await page.getByRole('button', { name: 'Välj headset' }).count(), 1, 'the console offers the choice too');
  // Flash and Redial as configured: two labelled list boxes, saved at once.
  const flash = page.getByRole('combobox', { name: 'Headsetets Flash-knapp' });
  assert.equal(await flash.inputValue(), 'hold');
  await flash.focus();
  await flash.selectOption({ label: 'Växla mellan samtal och väntande' });
  await page.getByRole('combobox', { name: 'Headsetets Redial-knapp' }).selectOption({ label: 'Ring senast slagna nummer' });
  const latest = ((await page.evaluate('window.__saved')) as Array<{ headset?: unknown }>).at(-1);
  assert.deepEqual(latest?.headset, { vendorId: 0x0b0e, productId: 0x4052, name: 'Jabra Engage 50', flash: 'swap', redial: 'redial' });
  await page.evaluate('window.__hid.unplug()');
  await page.getByText('Headset: Jabra Engage 50 (inte anslutet)').waitFor();
  await page.evaluate('window.__hid.plug()');
  await page.getByText('Headset: Jabra Engage 50', { exact: true }).waitFor();
  assert.equal(await page.evaluate('window.__hid.device.opened'), true);
  assert.deepEqual(await page.evaluate('window.__hid.device.sent.length'), 2, 'lamps written again on replug');
  assert.deepEqual(errors, []);
  await page.close();
});
