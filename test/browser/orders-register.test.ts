// The orders register and managers' changes end to end (P-ORDERS, P-CHANGES; issue 13 items 4–5):
// the real console on the web host with a CSV directory and a real SMTP listener on loopback,
// driven by role and name. An order is recorded by keyboard (Alt+B, the manager and the person
// picked from directory searches), moved to beställd and klar with the manager mailed each time;
// the person's card shows the ordered extension as "beställd" until the directory has it; the CSV
// for the supplier downloads. A notice with a validity period and a reporting manager leaves the
// card by itself when it ends (the page's clock is injected and moved on) and stays in "Historik".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { loadLabManifest } from '../../lab/manifest.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { toCsv } from '../../lab/demo-org/generate.js';
import type { Person } from '../../lab/demo-org/types.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture, directoryLocators, directoryReady } from '../support/directory.js';
import { startSmtpListener, type SmtpListener } from '../node/messages-support.js';
import { decodeMail } from '../node/orders-support.js';
import { assertAccessible } from '../support/axe.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-orders-'));
const manifest = loadLabManifest();
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;
let fx: DirectoryFixture;
let page: Page;
let smtp: SmtpListener;
let manager: Person;
let newcomer: Person;

const fullName = (p: Person) => `${p.givenName} ${p.surname}`;

before(async () => {
  assertLoopbackOnly('The orders register browser test');
  fx = writeDirectoryCsv(manifest, path.join(runDir, 'hr'));
  const unique = fx.people.filter((p) => !p.protectedIdentity && p !== fx.plain && fx.people.filter((q) => fullName(q) === fullName(p)).length === 1);
  manager = unique[0]!;
  newcomer = unique.find((p) => p !== manager && p.unit !== manager.unit)!;
  // the newcomer's extension is not in the HR export yet: it is what the manager orders
  newcomer.extension = '';
  fs.writeFileSync(fx.csvPath, toCsv(fx.people));
  smtp = await startSmtpListener();
  browser = await launchChromium({ runDir });
  consoleUnderTest = await openConsole({
    browser,
    manifest,
    runDir,
    settings: withCsvDirectory(fx.csvPath),
    beforeLoad: (p) => p.clock.install(), // the page's clock runs at real speed until a test moves it
  });
  page = consoleUnderTest.page;
  await directoryReady(page);
  const port = smtp.port;
  await page.evaluate(async (port) => {
    const s = await window.vaxel.messageGetSettings();
    await window.vaxel.messageSaveSettings({ ...s, smtp: { host: '127.0.0.1', port, secure: false, requireTls: false, from: 'vaxeln@essunga.se' } });
  }, port);
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await smtp?.close().catch(() => undefined);
  fs.rmSync(runDir, { recursive: true, force: true });
});

const { search, results, card } = directoryLocators(() => page);
const panel = () => page.getByRole('region', { name: 'Beställningar' });
const orderDialog = () => page.getByRole('dialog', { name: 'Ny beställning' });
const orderItem = () =>
  panel()
    .getByRole('list', { name: 'Lista över beställningar' })
    .getByRole('listitem')
    .filter({ hasText: fullName(newcomer) })
    .first();
const focused = (l: ReturnType<Page['getByRole']>) => l.evaluate((el) => el === document.activeElement);

async function until<T>(what: string, f: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Types a name into the focused picker and takes the first hit with Enter. */
async function pickByKeyboard(name: string) {
  await page.keyboard.type(name);
  await page
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .first()
    .waitFor({ timeout: 5000 });
  await page.keyboard.press('Enter');
  await page
    .getByText(new RegExp(`Vald: ${name}`))
    .first()
    .waitFor({ timeout: 5000 });
}

async function openCard(p: Person) {
  const name = fullName(p);
  await search().fill('');
  await search().pressSequentially(name);
  await results()
    .and(page.locator(`[data-shown^="${name}|"]`))
    .waitFor({ timeout: 5000 });
  await page.keyboard.press('Enter');
  await card().getByRole('heading', { name }).waitFor({ timeout: 5000 });
}

describe('the orders register (Beställningar)', () => {
  test('Alt+B records an order by keyboard: manager and person picked from the directory, status mottagen, manager mailed', async () => {
    await search().focus();
    const button = panel().getByRole('button', { name: 'Ny beställning' });
    assert.equal(await button.getAttribute('aria-keyshortcuts'), 'Alt+B');
    await page.keyboard.press('Alt+b');
    await orderDialog().waitFor({ timeout: 5000 });
    assert.equal(await focused(orderDialog().getByRole('combobox', { name: 'Sök beställande chef' })), true, 'the manager search has focus');
    await page.keyboard.type(manager.surname);
    await orderDialog().getByRole('listbox', { name: 'Sök beställande chef' }).getByRole('option').first().waitFor({ timeout: 5000 });
    await assertAccessible(page, 'new order dialog with directory hits');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    for (let i = 0; i < manager.surname.length; i++) await page.keyboard.press('Backspace');
    await pickByKeyboard(fullName(manager));
    await page.keyboard.press('Tab'); // past "Ta bort valet"
    await page.keyboard.press('Tab');
    assert.equal(await focused(orderDialog().getByRole('combobox', { name: 'Typ' })), true, 'the kind list');
    await page.keyboard.press('Tab');
    assert.equal(await focused(orderDialog().getByRole('combobox', { name: 'Sök person i katalogen' })), true);
    await pickByKeyboard(fullName(newcomer));
    await orderDialog().getByRole('textbox', { name: 'Nummer (om känt)' }).focus();
    await page.keyboard.type('2345');
    await orderDialog().getByRole('textbox', { name: 'Anteckningar' }).focus();
    await page.keyboard.type('Rum 12, plan 2');
    await page.keyboard.press('Control+Enter');
    await orderDialog().waitFor({ state: 'hidden', timeout: 5000 });
    await orderItem().waitFor({ timeout: 5000 });
    const text = await orderItem().innerText();
    assert.match(text, /Ny anknytning/);
    assert.match(text, /Status: Mottagen/);
    assert.match(text, new RegExp(`beställd av ${fullName(manager)}`));
    const mail = await until('the receipt mail', () => [...smtp.stored.values()][0]);
    assert.deepEqual(mail.to, [manager.email]);
    assert.match(decodeMail(mail.raw), new RegExp(`Ny anknytning för ${fullName(newcomer)} är mottagen`));
  });

  test('the card shows the ordered extension as "beställd"; status steps by keyboard, each mailed, until klar', async () => {
    await openCard(newcomer);
    const ordered = card().getByText('beställd (2345)', { exact: false });
    await ordered.waitFor({ timeout: 5000 });
    await assertAccessible(page, 'orders panel with an order, and the card with the ordered extension');

    await orderItem().getByRole('button', { name: 'Markera som beställd' }).focus();
    await page.keyboard.press('Enter');
    await orderItem()
      .getByText(/Status: Beställd/)
      .waitFor({ timeout: 5000 });
    assert.equal(await orderItem().getByRole('button', { name: 'Markera som klar' }).count(), 1, 'the next step the machine allows');
    assert.equal(await orderItem().getByRole('button', { name: 'Markera som beställd' }).count(), 0, 'no step back');
    await until('the second mail', () => smtp.stored.size >= 2);
    await ordered.waitFor({ timeout: 5000 }); // still ordered on the card

    // the filter: beställd shows it, klar does not
    const statusFilter = panel().getByRole('combobox', { name: 'Visa status' });
    await statusFilter.selectOption({ label: 'Klar' });
    await panel().getByText('Inga beställningar').waitFor({ timeout: 5000 });
    await statusFilter.selectOption({ label: 'Beställd' });
    await orderItem().waitFor({ timeout: 5000 });

    await orderItem().getByRole('button', { name: 'Markera som klar' }).focus();
    await page.keyboard.press('Enter');
    await panel().getByText('Inga beställningar').waitFor({ timeout: 5000 }); // filtered on beställd
    await ordered.waitFor({ state: 'detached', timeout: 5000 });
    const mails = await until('three mails', () => (smtp.stored.size >= 3 ? [...smtp.stored.values()] : undefined));
    assert.match(decodeMail(mails[2]!.raw), /från beställd till klar/);
    await panel().getByRole('combobox', { name: 'Visa status' }).selectOption({ label: 'Klar' });
    const history = orderItem().getByRole('list', { name: 'Historik' });
    await history.getByRole('listitem').nth(2).waitFor({ timeout: 5000 });
    await history.getByText('e-post till chefen skickad').nth(2).waitFor({ timeout: 10_000 }); // all three
  });

  test('the CSV export downloads the listed orders for the supplier', async () => {
    await panel().getByRole('combobox', { name: 'Visa status' }).selectOption({ label: 'Alla' });
    await orderItem().waitFor({ timeout: 5000 });
    await panel().getByRole('button', { name: 'Exportera CSV till leverantören' }).click();
    const link = panel().getByRole('link', { name: /^Ladda ner bestallningar-\d{4}-\d{2}-\d{2}\.csv$/ });
    await link.waitFor({ timeout: 5000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^bestallningar-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[0]!, /^Id;Typ;Status;För vem;Enhet/);
    assert.ok(
      lines.some((l) => l.includes(fullName(newcomer)) && l.includes(';Klar;') && l.includes('2345')),
      'the order, klar, with its number',
    );
    await panel()
      .getByText(/CSV-filen bestallningar-.* är klar \(1 beställning\)/)
      .waitFor({ timeout: 5000 });
  });
});

/** A datetime-local value in Stockholm time, `minutes` from now (rounded up to a whole minute). */
function stockholmInput(minutes: number): string {
  const at = new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe('managers’ changes (P-CHANGES): a notice with a validity period and its reporter', () => {
  test('the notice names the manager, leaves the card by itself when it ends, and stays in Historik', async () => {
    const TEXT = 'Enheten flyttar, ring mobilen i två minuter';
    await openCard(fx.plain);
    await page.keyboard.press('Alt+n');
    const dialog = page.getByRole('dialog', { name: 'Meddelande från enheten' });
    await dialog.waitFor({ timeout: 5000 });
    await page.keyboard.type(TEXT);
    await dialog.getByLabel('Gäller till').fill(stockholmInput(2));
    await dialog.getByRole('combobox', { name: 'Sök chefen som rapporterade' }).focus();
    await pickByKeyboard(fullName(manager));
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 5000 });
    const item = card().getByRole('listitem').filter({ hasText: TEXT });
    await item.waitFor({ timeout: 5000 });
    assert.match(await item.innerText(), new RegExp(`rapporterat av ${fullName(manager)}`));

    // a second one that starts in two minutes: sent to the card, not shown yet
    const LATER = 'Från om två minuter: receptionen i nya lokalen';
    await search().focus();
    await page.keyboard.press('Alt+n');
    await dialog.waitFor({ timeout: 5000 });
    await page.keyboard.type(LATER);
    await dialog.getByLabel('Gäller från').fill(stockholmInput(2));
    await dialog.getByLabel('Gäller till').fill(stockholmInput(60));
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 });
    const later = card().getByRole('listitem').filter({ hasText: LATER });
    await card().getByRole('listitem').filter({ hasText: TEXT }).waitFor({ timeout: 5000 });
    assert.equal(await later.count(), 0, 'not before its start');

    await page.clock.fastForward('03:00'); // past the first one's end and the second one's start: no reload, no new search
    await item.waitFor({ state: 'detached', timeout: 5000 });
    await later.waitFor({ timeout: 5000 });
    await card()
      .getByRole('heading', { name: fullName(fx.plain) })
      .waitFor();

    await search().focus();
    await page.keyboard.press('Alt+h');
    const history = page.getByRole('dialog', { name: /^Historik för / });
    await history.waitFor({ timeout: 5000 });
    const old = history.getByRole('listitem').filter({ hasText: TEXT });
    assert.match(await old.innerText(), /^utgånget: /);
    assert.match(await old.innerText(), new RegExp(`rapporterat av ${fullName(manager)}`));
    await assertAccessible(page, 'notice history dialog');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden', timeout: 5000 });
  });

  test('no order content or notice text in the console’s logs', async () => {
    const logs = fs
      .readdirSync(runDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.log$/.test(e.name))
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    for (const secret of [fullName(newcomer), 'Rum 12', 'Enheten flyttar', manager.email]) assert.ok(!logs.includes(secret), `"${secret}" is not logged`);
  });
});
