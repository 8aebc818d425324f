// Busy lamps through resource lists (RFC 4662) end to end: the lab's Kamailio serves rl-all with
// its rls module; the console finds it on its own (status "Upptagetlampor: resurslistor …"),
// subscribes to the list instead of to each favourite, and its lamps follow a call ringing,
// answered and hung up. A unit watched on demand (Alt+E) lights up with no SUBSCRIBE per member.
// A malformed RLMI body, injected into the console's WebSocket as if the server had sent it (a
// stand-in for a broken PBX: a copy of the last real list NOTIFY, next CSeq, broken body), changes
// no lamp and raises no page error. Kamailio stopped mid-run greys every lamp; started again,
// every lamp is known again (the time from "Registrerad" to the last lamp is printed).
// Driven by role and accessible name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture } from '../support/directory.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-presence-lists-'));
let lab: Lab;
let browser: Browser;
let cut: ConsoleUnderTest;
let page: Page;
let fx: DirectoryFixture;
let employee: LabPhone;
let colleague: DirectoryFixture['plain'];
const phones: LabPhone[] = [];
const pageErrors: string[] = [];
const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);

/** Test-side: request lines sent, the last list NOTIFY received, and a way to inject a frame. */
const WIRE_HOOK = `(() => {
  window.__sent = [];
  window.__lastListNotify = '';
  const Native = window.WebSocket;
  class Wire extends Native {
    constructor(...args) {
      super(...args);
      window.__ws = this;
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.startsWith('NOTIFY ') && /content-type:\\s*multipart\\/related/i.test(e.data)) window.__lastListNotify = e.data;
      });
    }
    send(data) {
      if (typeof data === 'string') window.__sent.push(data.slice(0, data.indexOf('\\r\\n')));
      return super.send(data);
    }
  }
  window.WebSocket = Wire;
})()`;

before(async () => {
  lab = await startLab({ runDir: path.join(runDir, 'lab'), writeDemoDirectory: false });
  fx = writeDirectoryCsv(lab.manifest, path.join(runDir, 'dir'));
  colleague = fx.people.find((p) => p !== fx.plain && !p.protectedIdentity && p.extension && p.unitId !== fx.plain.unitId)!;
  browser = await launchChromium({ runDir });
  cut = await openConsole({
    browser,
    manifest: lab.manifest,
    runDir,
    settings: (s) => ({ ...withCsvDirectory(fx.csvPath)(s), favourites: [fx.plain.extension, colleague.extension] }),
    initScripts: [WIRE_HOOK],
  });
  page = cut.page;
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await registered();
  await page.getByText(/Katalogen uppdaterad nyss · \d+ poster/).waitFor({ timeout: 30000 });
  employee = await openPhone(browser, { username: fx.plain.extension, password: employeePassword(lab.manifest, fx.plain.extension) }, { manifest: lab.manifest, runDir });
  phones.push(employee);
});

after(async () => {
  for (const p of phones) await bounded(p.close());
  await cut?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await lab?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

const registered = () => page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true }).waitFor({ timeout: 30000 });
const favourites = () => page.getByRole('list', { name: 'Favoriter' });
const favRow = (ext: string) => favourites().getByRole('listitem').filter({ hasText: ext });
const card = () => page.getByRole('region', { name: 'Kontaktkort' });
const lampSource = () => page.getByRole('status', { name: 'Upptagetlampor' });
const sent = () => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent.slice());
const lampsOf = () => page.evaluate(() => [...document.querySelectorAll('li.favourite')].map((li) => `${(li as HTMLElement).dataset.ext}=${(li as HTMLElement).dataset.lamp}`));

async function openCard(name: string) {
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  await search.fill('');
  await search.pressSequentially(name);
  const target = page.getByRole('listbox', { name: 'Sökresultat' }).getByRole('option').filter({ hasText: name });
  await target.waitFor({ timeout: 10000 });
  const id = await target.getAttribute('id');
  for (let i = 0; i < 50 && (await search.getAttribute('aria-activedescendant')) !== id; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await card().getByText(name).first().waitFor({ timeout: 10000 });
}

describe('busy lamps through resource lists (lab rls)', () => {
  test('the console finds the lists itself and subscribes to them, not to each favourite', async () => {
    await lampSource()
      .getByText(/^Upptagetlampor: resurslistor från växeln \(\d+ prenumerationer\)$/)
      .waitFor({ timeout: 15000 });
    await favRow(fx.plain.extension).getByText('Linje: Ledig').waitFor({ state: 'attached', timeout: 20000 });
    await favRow(colleague.extension)
      .getByText(/^Linje: (Ledig|Ringer|Upptagen)$/)
      .waitFor({ state: 'attached', timeout: 20000 });
    const subscribes = (await sent()).filter((l) => l.startsWith('SUBSCRIBE '));
    console.log(`# SUBSCRIBE requests sent: ${subscribes.length}: ${subscribes.join(' | ')}`);
    assert.ok(subscribes.length <= 10, `${subscribes.length} SUBSCRIBEs`);
    assert.ok(
      subscribes.every((l) => l.startsWith(`SUBSCRIBE sip:rl-all@`)),
      `a SUBSCRIBE not to the list: ${subscribes.join(' | ')}`,
    );
  });

  test('the lamp follows ring, answer and hang-up through the list', async () => {
    const gw = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
    phones.push(gw);
    const callId = await gw.call(fx.plain.extension);
    await favRow(fx.plain.extension).getByText('Linje: Ringer').waitFor({ state: 'attached', timeout: 15000 });
    await employee.answer();
    await favRow(fx.plain.extension).getByText('Linje: Upptagen').waitFor({ state: 'attached', timeout: 15000 });
    await gw.hangup(callId);
    await favRow(fx.plain.extension).getByText('Linje: Ledig').waitFor({ state: 'attached', timeout: 15000 });
  });

  test('a unit watched on demand lights up with no SUBSCRIBE per member', async () => {
    const before = (await sent()).length;
    await openCard(`${colleague.givenName} ${colleague.surname}`);
    await page.keyboard.press('Alt+e');
    const unitList = page.getByRole('list', { name: `Bevakad enhet: ${colleague.unit}` });
    await unitList.waitFor({ timeout: 15000 });
    assert.ok((await unitList.getByRole('listitem').count()) >= 1);
    await unitList.locator('[data-lamp="unknown"]').first().waitFor({ state: 'detached', timeout: 15000 });
    const perMember = (await sent()).slice(before).filter((l) => l.startsWith('SUBSCRIBE ') && !l.startsWith('SUBSCRIBE sip:rl-'));
    assert.deepEqual(perMember, [], 'the unit cost per-member subscriptions');
  });

  test('a malformed RLMI body (stand-in: injected as from the server) changes no lamp and throws nothing', async () => {
    const lampsBefore = await lampsOf();
    assert.ok(lampsBefore.length >= 2 && lampsBefore.every((l) => !l.endsWith('=unknown')), JSON.stringify(lampsBefore));
    const injected = await page.evaluate(() => {
      const w = window as unknown as { __lastListNotify: string; __ws: WebSocket };
      const real = w.__lastListNotify;
      if (!real) return false;
      const head = real.slice(0, real.indexOf('\r\n\r\n'));
      const boundary = /boundary="?([^";\r\n]+)/i.exec(head)?.[1] ?? 'b';
      const body = `--${boundary}\r\nContent-Type: application/rlmi+xml\r\nContent-ID: <x@y>\r\n\r\n<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:rl-all@x" version="99" fullState="true"><resource uri="sip:2001@x"><instance id="1" state="active" cid="p@y"/>\r\n--${boundary}--\r\n`;
      const cseq = Number(/\r\nCSeq:\s*(\d+)/i.exec(head)?.[1] ?? '1') + 1000;
      const fixed = head.replace(/\r\nCSeq:\s*\d+/i, `\r\nCSeq: ${cseq}`).replace(/\r\nContent-Length:\s*\d+/i, `\r\nContent-Length: ${new TextEncoder().encode(body).length}`);
      w.__ws.dispatchEvent(new MessageEvent('message', { data: `${fixed}\r\n\r\n${body}` }));
      return true;
    });
    assert.ok(injected, 'no list NOTIFY to copy');
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await lampsOf(), lampsBefore, 'a lamp changed');
    assert.deepEqual(pageErrors, []);
  });

  test('Kamailio restarted mid-run: lamps grey while it is gone, all known again after', async () => {
    await lab.stopKamailio();
    const mark = (await sent()).length;
    await favourites().locator('[data-lamp="unknown"]').first().waitFor({ state: 'attached', timeout: 15000 });
    await lab.startKamailio();
    await registered();
    const back = performance.now();
    await favourites()
      .locator('[data-lamp="unknown"]')
      .first()
      .waitFor({ state: 'detached', timeout: 20000 })
      .catch(async (e: unknown) => {
        const after = (await sent()).slice(mark).filter((l) => !l.startsWith('SIP/2.0'));
        console.log(`# sent since the stop: ${after.length}: ${after.slice(0, 30).join(' | ')}`);
        console.log(`# lamp source: ${await lampSource().textContent()}`);
        console.log(
          fs
            .readFileSync(path.join(runDir, 'lab', 'kamailio.log'), 'utf8')
            .split('\n')
            .filter((l) => /ERROR|rls/.test(l))
            .slice(-15)
            .join('\n'),
        );
        throw e;
      });
    console.log(`# all favourite lamps known ${Math.round(performance.now() - back)} ms after "Registrerad" again`);
    await lampSource()
      .getByText(/resurslistor från växeln/)
      .waitFor({ timeout: 5000 });
    assert.deepEqual(pageErrors, []);
  });
});
