// Unit notices and opening hours end to end (P-CHANGES, issue 4 item 5): the real console on the
// web host with a CSV directory. The operator records what a manager phoned in from one person's
// card; a colleague in the same unit shows it on their card; removing it works; opening hours are
// set in their small dialog. Every action gives the focus back to the search field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { loadLabManifest } from '../../lab/manifest.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import type { Person } from '../../lab/demo-org/types.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture, directoryLocators, directoryReady } from '../support/directory.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-notices-'));
const manifest = loadLabManifest();
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;
let fx: DirectoryFixture;
let page: Page;
let colleague: Person;

const NOTICE = 'Receptionen är stängd på fredag eftermiddag, hänvisa till växeln';

before(async () => {
  assertLoopbackOnly('The directory notices browser test');
  fx = writeDirectoryCsv(manifest, path.join(runDir, 'hr'));
  const p = fx.plain;
  const fullName = (x: Person) => `${x.givenName} ${x.surname}`;
  colleague = fx.people.find(
    (x) =>
      x !== p && !x.protectedIdentity && x.municipality === p.municipality && x.forvaltning === p.forvaltning && x.unit === p.unit && fx.people.filter((y) => fullName(y) === fullName(x)).length === 1,
  )!;
  assert.ok(colleague, 'the demo organisation has a colleague in the same unit');
  browser = await launchChromium({ runDir });
  consoleUnderTest = await openConsole({ browser, manifest, runDir, settings: withCsvDirectory(fx.csvPath) });
  page = consoleUnderTest.page;
  await directoryReady(page);
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  fs.rmSync(runDir, { recursive: true, force: true });
});

const { search, results, card } = directoryLocators(() => page);
const noticeDialog = () => page.getByRole('dialog', { name: 'Meddelande från enheten' });
const hoursDialog = () => page.getByRole('dialog', { name: 'Öppettider' });
const searchHasFocus = () => search().evaluate((el) => el === document.activeElement);

async function openCard(p: Person) {
  const name = `${p.givenName} ${p.surname}`;
  await search().fill('');
  await search().pressSequentially(name);
  await results()
    .and(page.locator(`[data-shown^="${name}|"]`))
    .waitFor({ timeout: 5000 });
  const option = results().getByRole('option').filter({ hasText: name }).first();
  await option.waitFor({ timeout: 5000 });
  await option.click();
  await card().getByRole('heading', { name }).waitFor({ timeout: 5000 });
  await search().focus();
}

/** A datetime-local value two days ahead, at 16:00. */
function inTwoDays(): string {
  const d = new Date(Date.now() + 2 * 24 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T16:00`;
}

describe('unit notices and opening hours on the contact card', () => {
  test('Alt+N opens the notice dialog; Avbryt and Escape close it without saving, focus back in the search field', async () => {
    await openCard(fx.plain);
    const button = card().getByRole('button', { name: 'Nytt meddelande till enheten' });
    assert.equal(await button.getAttribute('aria-keyshortcuts'), 'Alt+N');
    await page.keyboard.press('Alt+n');
    await noticeDialog().waitFor({ timeout: 5000 });
    assert.equal(
      await noticeDialog()
        .getByRole('textbox', { name: 'Text' })
        .evaluate((el) => el === document.activeElement),
      true,
      'the text field has focus',
    );
    await page.keyboard.type('inte detta');
    await page.keyboard.press('Escape');
    await noticeDialog().waitFor({ state: 'hidden', timeout: 5000 });
    assert.equal(await searchHasFocus(), true);
    await button.click();
    await noticeDialog().getByRole('button', { name: 'Avbryt' }).click();
    await noticeDialog().waitFor({ state: 'hidden', timeout: 5000 });
    assert.equal(await searchHasFocus(), true);
    assert.match(await card().innerText(), /Inga meddelanden/);
  });

  test('the operator adds a notice from the card; a colleague in the same unit shows it; Ta bort removes it', async () => {
    await openCard(fx.plain);
    await page.keyboard.press('Alt+n');
    await noticeDialog().waitFor({ timeout: 5000 });
    await noticeDialog().getByRole('textbox', { name: 'Text' }).fill(NOTICE);
    await noticeDialog().getByLabel('Gäller till').fill(inTwoDays());
    await noticeDialog().getByRole('button', { name: 'Spara' }).click();
    await noticeDialog().waitFor({ state: 'hidden', timeout: 5000 });
    assert.equal(await searchHasFocus(), true, 'focus back in the search field after saving');
    const item = card().getByRole('listitem').filter({ hasText: NOTICE });
    await item.waitFor({ timeout: 5000 });
    assert.match(await item.innerText(), /t\.o\.m\. .*16:00/);
    assert.match(await item.innerText(), /inlagt av /);

    await openCard(colleague);
    const theirs = card().getByRole('listitem').filter({ hasText: NOTICE });
    await theirs.waitFor({ timeout: 5000 });
    await theirs.getByRole('button', { name: 'Ta bort' }).click();
    await theirs.waitFor({ state: 'detached', timeout: 5000 });
    await card().getByText('Inga meddelanden').waitFor({ timeout: 5000 });
    assert.equal(await searchHasFocus(), true, 'focus back in the search field after removing');

    await openCard(fx.plain);
    await card().getByText('Inga meddelanden').waitFor({ timeout: 5000 });
    assert.equal(await card().getByRole('listitem').filter({ hasText: NOTICE }).count(), 0);
  });

  test('Enter in the notice dialog saves (and does not dial); the notice text is never in the log', async () => {
    await openCard(colleague);
    await page.keyboard.press('Alt+n');
    await noticeDialog().waitFor({ timeout: 5000 });
    await noticeDialog().getByRole('textbox', { name: 'Text' }).fill('Chefen nås på mobilen hela veckan');
    await noticeDialog().getByLabel('Gäller till').focus();
    await page.keyboard.press('Enter');
    await noticeDialog().waitFor({ state: 'hidden', timeout: 5000 });
    await card().getByRole('listitem').filter({ hasText: 'Chefen nås på mobilen hela veckan' }).waitFor({ timeout: 5000 });
    await card().getByRole('listitem').filter({ hasText: 'Chefen nås' }).getByRole('button', { name: 'Ta bort' }).click();
    await card().getByText('Inga meddelanden').waitFor({ timeout: 5000 });
    const logs = fs
      .readdirSync(runDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.log$/.test(e.name))
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    assert.ok(!logs.includes('Chefen nås') && !logs.includes('Receptionen är stängd'), 'notice texts are not logged');
  });

  test('opening hours are set per weekday and with a temporary override in the "Öppettider" dialog', async () => {
    await openCard(fx.plain);
    const edit = card().getByRole('button', { name: 'Ändra öppettider' });
    assert.equal(await edit.getAttribute('aria-keyshortcuts'), 'Alt+O');
    await page.keyboard.press('Alt+o');
    await hoursDialog().waitFor({ timeout: 5000 });
    for (const day of ['måndag', 'tisdag', 'onsdag', 'torsdag']) {
      await hoursDialog().getByLabel(`Öppnar ${day}`).fill('08:00');
      await hoursDialog().getByLabel(`Stänger ${day}`).fill('16:30');
    }
    await hoursDialog().getByLabel('Öppnar fredag').fill('08:00');
    await hoursDialog().getByLabel('Stänger fredag').fill('15:00');
    await hoursDialog().getByLabel('Från och med').fill('2099-12-23');
    await hoursDialog().getByLabel('Till och med').fill('2100-01-06');
    await hoursDialog().getByRole('button', { name: 'Spara' }).click();
    await hoursDialog().waitFor({ state: 'hidden', timeout: 5000 });
    assert.equal(await searchHasFocus(), true);
    await card()
      .getByText(/mån–tor 08:00–16:30; fre 08:00–15:00/)
      .waitFor({ timeout: 5000 });
    await card()
      .getByText(/Tillfälligt 2099-12-23–2100-01-06: stängt/)
      .waitFor({ timeout: 5000 });
    await openCard(colleague);
    await card()
      .getByText(/mån–tor 08:00–16:30; fre 08:00–15:00/)
      .waitFor({ timeout: 5000 });
  });
});
