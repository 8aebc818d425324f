// The directory panel end to end (D-DIRECTORY, P-NUMBERS, P-SECRECY): the real console on the web
// host with real services syncing a CSV export, driven by role and accessible name from the
// always-focused search field. No SIP server is needed (the console simply does not register).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { displayNumber } from '../../common/phone/index.js';
import { launchChromium } from '../../lab/chromium.js';
import { loadLabManifest } from '../../lab/manifest.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture, directoryLocators, directoryReady } from '../support/directory.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-search-'));
const manifest = loadLabManifest();
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;
let fx: DirectoryFixture;
let page: Page;

before(async () => {
  assertLoopbackOnly('The directory browser test');
  fx = writeDirectoryCsv(manifest, path.join(runDir, 'hr'));
  browser = await launchChromium({ runDir });
  consoleUnderTest = await openConsole({
    browser,
    manifest,
    runDir,
    settings: withCsvDirectory(fx.csvPath),
    context: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  page = consoleUnderTest.page;
  await directoryReady(page); // an empty cache syncs at once
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  fs.rmSync(runDir, { recursive: true, force: true });
});

const { search, results, card } = directoryLocators(() => page);

async function typeQuery(text: string) {
  await search().fill('');
  await search().pressSequentially(text);
  // the list says which query it answers: wait until it is the last one typed
  await results()
    .and(page.locator(`[data-shown^="${text.trim()}|"]`))
    .waitFor({ timeout: 5000 });
}

describe('directory search in the console', () => {
  test('typing a name prefix shows the person, with title, unit and extension', async () => {
    const p = fx.plain;
    await typeQuery(`${p.givenName} ${p.surname.slice(0, 3)}`);
    const option = results()
      .getByRole('option')
      .filter({ hasText: `${p.givenName} ${p.surname}` });
    await option.waitFor({ timeout: 5000 });
    const text = await option.innerText();
    assert.match(text, new RegExp(p.title));
    assert.match(text, new RegExp(p.unit));
    assert.match(text, new RegExp(`ankn\\. ${p.extension}`));
    assert.equal(await search().evaluate((el) => el === document.activeElement), true, 'focus stays in the search field');
  });

  test('ArrowDown/ArrowUp move through the hits with focus in the field; Enter opens the card with direct and mobile numbers', async () => {
    const p = fx.plain;
    await typeQuery(p.givenName);
    const options = results().getByRole('option');
    const target = options.filter({ hasText: `${p.givenName} ${p.surname}` });
    await target.waitFor({ timeout: 5000 });
    const targetId = await target.getAttribute('id');
    // walk down to the target with the arrow keys
    for (let i = 0; i < 100 && (await search().getAttribute('aria-activedescendant')) !== targetId; i++) await page.keyboard.press('ArrowDown');
    // away and back again (the list does not wrap: away is up from the last hit)
    const last = (await target.getAttribute('aria-posinset')) === (await target.getAttribute('aria-setsize'));
    await page.keyboard.press(last ? 'ArrowUp' : 'ArrowDown');
    assert.notEqual(await search().getAttribute('aria-activedescendant'), targetId);
    await page.keyboard.press(last ? 'ArrowDown' : 'ArrowUp');
    assert.equal(await search().getAttribute('aria-activedescendant'), targetId);
    assert.equal(await target.getAttribute('aria-selected'), 'true');
    assert.equal(await search().evaluate((el) => el === document.activeElement), true, 'focus stays in the search field');
    await page.keyboard.press('Enter');

    await card()
      .getByRole('heading', { name: `${p.givenName} ${p.surname}` })
      .waitFor({ timeout: 5000 });
    const text = await card().innerText();
    assert.match(text, new RegExp(`Direktnummer\\s+${displayNumber(p.directNumber)}`));
    assert.match(text, new RegExp(`Mobil\\s+${displayNumber(p.mobile)}`));
    assert.match(text, new RegExp(p.unit));
    assert.match(text, /Meddelanden från enheten/);
    assert.match(text, /Öppettider/);
    const copyDirect = card().getByRole('button', { name: 'Kopiera direktnummer' });
    const copyMobile = card().getByRole('button', { name: 'Kopiera mobilnummer' });
    assert.equal(await copyDirect.getAttribute('aria-keyshortcuts'), 'Alt+1');
    assert.equal(await copyMobile.getAttribute('aria-keyshortcuts'), 'Alt+2');

    // one key copies the mobile number, from the search field
    await page.keyboard.press('Alt+2');
    await card()
      .getByText(`Mobil ${displayNumber(p.mobile)} kopierat`)
      .waitFor({ timeout: 5000 });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), displayNumber(p.mobile));
    await page.keyboard.press('Alt+1');
    await card()
      .getByText(`Direktnummer ${displayNumber(p.directNumber)} kopierat`)
      .waitFor({ timeout: 5000 });
    assert.equal(await search().evaluate((el) => el === document.activeElement), true, 'focus stays in the search field');
  });

  test('a protected identity shows the warning and no numbers anywhere on the page', async () => {
    const p = fx.protectedPerson;
    await typeQuery(`${p.givenName} ${p.surname}`);
    const option = results()
      .getByRole('option')
      .filter({ hasText: `${p.givenName} ${p.surname}` });
    await option.waitFor({ timeout: 5000 });
    await option.click();
    await card()
      .getByRole('heading', { name: `${p.givenName} ${p.surname}` })
      .waitFor({ timeout: 5000 });
    await card().getByRole('alert').filter({ hasText: 'Skyddad identitet – lämna inte ut uppgifter' }).waitFor();
    const body = await page.locator('body').innerText();
    const html = await page.content();
    for (const secret of [p.directNumber, displayNumber(p.directNumber), p.mobile, displayNumber(p.mobile), `ankn. ${p.extension}`, p.email, p.sipUri]) {
      assert.ok(!body.includes(secret), `the page shows ${secret}`);
      assert.ok(!html.includes(secret), `the DOM holds ${secret}`);
    }
    assert.equal(
      await card()
        .getByRole('button', { name: /Kopiera/ })
        .count(),
      0,
    );
  });

  test('filters by municipality and unit narrow the results', async () => {
    const p = fx.plain;
    const other = p.municipality === 'essunga' ? 'Grästorp' : 'Essunga';
    const own = p.municipality === 'essunga' ? 'Essunga' : 'Grästorp';
    await typeQuery(`${p.givenName} ${p.surname}`);
    await results()
      .getByRole('option')
      .filter({ hasText: `${p.givenName} ${p.surname}` })
      .waitFor({ timeout: 5000 });

    const kommun = page.getByRole('combobox', { name: 'Kommun', exact: true });
    await kommun.selectOption({ label: other });
    await page.getByText('Ingen träff').waitFor({ timeout: 5000 });
    assert.equal(await results().getByRole('option').count(), 0);
    await kommun.selectOption({ label: own });
    await results()
      .getByRole('option')
      .filter({ hasText: `${p.givenName} ${p.surname}` })
      .waitFor({ timeout: 5000 });

    // a unit alone browses it: everyone listed works there, and nobody else
    await search().fill('');
    const enhet = page.getByRole('combobox', { name: 'Enhet', exact: true });
    const unitValue = await enhet.locator('option', { hasText: p.unit }).first().getAttribute('value');
    await enhet.selectOption(unitValue!);
    const expected = fx.people.filter((x) => x.municipality === p.municipality && x.unit === p.unit).length;
    await page.getByText(expected === 1 ? '1 träff' : `${Math.min(expected, 100)} träffar`, { exact: true }).waitFor({ timeout: 5000 });
    const texts = await results().getByRole('option').allInnerTexts();
    assert.ok(texts.length > 0);
    for (const t of texts) assert.match(t, new RegExp(p.unit));
    assert.equal(await search().evaluate((el) => el === document.activeElement), true, 'a filter change returns focus to the search field');
    await enhet.selectOption('');
    await kommun.selectOption('');
  });
});
