// Favourites, watched units, the stale-absence notice and the pick-up prefix, end to end against
// the lab's Kamailio: the settings' favourites are listed under "Favoriter" with lamps and absence;
// an absence already stale when it is published is flagged in the row and on the card and
// announced politely; Alt+E on the contact card watches the whole unit; a call from the PSTN
// trunk (a caller not on the PBX) ringing at the card's extension is picked up with the
// configured prefix: the INVITE leaves with Request-URI *8<ext> (seen by a WebSocket send hook in
// the page, test-side; the lab routes nothing for *8). Driven by role and accessible name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildPidf } from '../../common/presence/index.js';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture } from '../support/directory.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-presence-fav-'));
let lab: Lab;
let browser: Browser;
let cut: ConsoleUnderTest;
let page: Page;
let fx: DirectoryFixture;
let employee: LabPhone;
let colleague: DirectoryFixture['plain'];
const phones: LabPhone[] = [];
const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);

/** Test-side: every SIP request line the console sends, from an init script wrapping WebSocket. */
const SEND_HOOK = `(() => {
  window.__sent = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string') window.__sent.push(data.slice(0, data.indexOf('\\r\\n')));
    return send.call(this, data);
  };
})()`;

before(async () => {
  lab = await startLab({ runDir: path.join(runDir, 'lab'), writeDemoDirectory: false });
  fx = writeDirectoryCsv(lab.manifest, path.join(runDir, 'dir'));
  colleague = fx.people.find((p) => p !== fx.plain && !p.protectedIdentity && p.extension !== fx.plain.extension)!;
  browser = await launchChromium({ runDir });
  cut = await openConsole({
    browser,
    manifest: lab.manifest,
    runDir,
    settings: (s) => ({ ...withCsvDirectory(fx.csvPath)(s), favourites: [fx.plain.extension, colleague.extension], pickupPrefix: '*8' }),
    initScripts: [SEND_HOOK],
  });
  page = cut.page;
  await page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true }).waitFor({ timeout: 30000 });
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

const favourites = () => page.getByRole('list', { name: 'Favoriter' });
const favRow = (ext: string) => favourites().getByRole('listitem').filter({ hasText: ext });
const card = () => page.getByRole('region', { name: 'Kontaktkort' });
const uri = (ext: string) => `sip:${ext}@${lab.manifest.sipDomain}`;

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

describe('favourites, watched units, stale notice, pick-up prefix', () => {
  test("the settings' favourites are listed with their lamps, with names from the directory", async () => {
    // 'attached': rows out of the page's view are not rendered (content-visibility), yet in the
    // accessibility tree
    await favRow(fx.plain.extension).getByText('Linje: Ledig').waitFor({ state: 'attached', timeout: 30000 });
    await favRow(colleague.extension)
      .getByText(/^Linje: (Ledig|Ringer|Upptagen)$/)
      .waitFor({ state: 'attached', timeout: 30000 });
    await favRow(fx.plain.extension).getByText(`${fx.plain.givenName} ${fx.plain.surname}`).waitFor({ state: 'attached', timeout: 20000 });
  });

  test('an absence already stale on its first NOTIFY is flagged in the row and announced politely', async () => {
    const past = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
    assert.equal(await employee.publish(buildPidf(uri(fx.plain.extension), { code: 'meeting', until: past, note: '' }, { id: 'self' })), 200);
    await favRow(fx.plain.extension)
      .getByText(/Återkomsttiden har passerat/)
      .waitFor({ state: 'attached', timeout: 15000 });
    const live = page.locator('[aria-live="polite"]').filter({ hasText: `Inaktuell frånvaro för ${fx.plain.givenName} ${fx.plain.surname}` });
    await live.waitFor({ state: 'attached', timeout: 10000 });
  });

  test('the card shows the stale flag too, and Alt+E watches the whole unit', async () => {
    const name = `${fx.plain.givenName} ${fx.plain.surname}`;
    await openCard(name);
    await card().getByRole('status').filter({ hasText: 'Återkomsttiden har passerat' }).waitFor({ timeout: 15000 });
    await page.keyboard.press('Alt+e');
    const unitList = page.getByRole('list', { name: `Bevakad enhet: ${fx.plain.unit}` });
    await unitList.waitFor({ timeout: 15000 });
    await card()
      .getByText(new RegExp(`^Bevakar \\d+ anknytningar i ${fx.plain.unit}$`))
      .waitFor({ timeout: 10000 });
    const members = fx.people.filter((p) => p.unitId === fx.plain.unitId && p.extension);
    assert.ok((await unitList.getByRole('listitem').count()) >= 1);
    // every member's lamp becomes known (the lab answers for unregistered extensions too)
    await unitList.locator('[data-lamp="unknown"]').first().waitFor({ state: 'detached', timeout: 60000 });
    console.log(`# unit ${fx.plain.unit}: ${await unitList.getByRole('listitem').count()} rows (${members.length} people in the fixture)`);
  });

  test("a PSTN caller ringing at the card's extension is picked up with the prefix: INVITE *8<ext>", async () => {
    await page.evaluate(() => ((window as unknown as { __sent: string[] }).__sent.length = 0));
    const gw = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
    phones.push(gw);
    await gw.call(fx.plain.extension);
    await card().getByText('Linje: Ringer').waitFor({ timeout: 20000 });
    await page.keyboard.press('Insert');
    const want = `INVITE sip:*8${fx.plain.extension}@${lab.manifest.sipDomain} SIP/2.0`;
    let sent: string[] = [];
    for (let i = 0; i < 100 && !sent.includes(want); i++) {
      sent = await page.evaluate(() => (window as unknown as { __sent: string[] }).__sent.filter((l) => l.startsWith('INVITE ')));
      if (!sent.includes(want)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(sent.includes(want), `expected "${want}", the console sent ${JSON.stringify(sent)}`);
  });
});
