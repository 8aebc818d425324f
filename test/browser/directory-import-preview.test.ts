// "Katalogimport" in the console (issue 11): an HR export whose protected flag is in a column no
// synonym knows is refused; the preview says so and lists every column; the operator chooses the
// field by keyboard, saves the mapping, and main's next sync imports with it, the protected person
// without numbers. Driven by role and accessible name, Swedish texts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { loadLabManifest } from '../../lab/manifest.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory } from '../support/directory.js';

const CSV = [
  'Anställningsnummer;Namn;Kommun;Förvaltning / Enhet;Direkt;Roller;Hemlig;Lön',
  'P1;Åsa Sjögren;Essunga;Kommunledning / Växeln;0512-57 20 01;"växel; reception";nej;31000',
  'P2;Filip Persson;Grästorp;Samhällsbyggnad > Bygg;0514-58 00 01;bygglov;ja;35000',
  'P3;Eva Ek;Essunga;Kommunledning / Kansli;0512-57 20 03;;vet ej;30000',
].join('\r\n');

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-import-preview-'));
const manifest = loadLabManifest();
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;
let page: Page;

before(async () => {
  assertLoopbackOnly('The import preview browser test');
  const csvPath = path.join(runDir, 'personal.csv');
  fs.writeFileSync(csvPath, '\uFEFF' + CSV);
  browser = await launchChromium({ runDir });
  consoleUnderTest = await openConsole({ browser, manifest, runDir, settings: withCsvDirectory(csvPath) });
  page = consoleUnderTest.page;
});

after(async () => {
  await consoleUnderTest?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  fs.rmSync(runDir, { recursive: true, force: true });
});

const search = (query: string) =>
  page.evaluate(
    (q) => (window as unknown as { vaxel: { directorySearch(i: unknown): Promise<Array<{ card: { id: string; warning?: string; numbers: unknown[] } }>> } }).vaxel.directorySearch({ query: q }),
    query,
  );

test('preview the refused export, choose the protected column by keyboard, save, and the next sync imports it', async () => {
  const region = page.getByRole('region', { name: 'Katalogimport' });
  const open = region.getByRole('button', { name: 'Förhandsgranska import' });
  await open.focus();
  await page.keyboard.press('Enter');
  await region.getByRole('alert').filter({ hasText: 'Ingen kolumn för skyddad identitet känns igen' }).waitFor({ timeout: 10000 });

  const table = region.getByRole('table', { name: 'Förhandsgranska import' });
  await table.waitFor();
  const headers = await table.getByRole('rowheader').allTextContents();
  assert.deepEqual(headers, ['Anställningsnummer', 'Namn', 'Kommun', 'Förvaltning / Enhet', 'Direkt', 'Roller', 'Hemlig', 'Lön']);
  const lon = table.getByRole('row', { name: /Lön/ });
  assert.match((await lon.textContent()) ?? '', /okänd kolumn – importeras inte/);
  assert.deepEqual(await search('filip'), [], 'nothing was imported while refused');

  // Choose "Skyddad identitet" for "Hemlig" with the keyboard: focus the list box and type.
  const hemlig = table.getByRole('combobox', { name: 'Fält för kolumnen Hemlig' });
  assert.equal(await hemlig.inputValue(), 'unknown');
  await hemlig.focus();
  await page.keyboard.press('End'); // the last choice of a closed list box is "Skyddad identitet"
  await region.getByRole('status').filter({ hasText: '3 rader lästa, 2 kan importeras, 1 avvisas.' }).waitFor({ timeout: 10000 });
  assert.equal(await hemlig.inputValue(), 'protectedIdentity');
  await region
    .getByRole('listitem')
    .filter({ hasText: /^Rad 4: protectedIdentity/ })
    .waitFor();
  const lonField = table.getByRole('combobox', { name: 'Fält för kolumnen Lön' });
  await lonField.focus();
  await page.keyboard.press('ArrowDown'); // from "Okänd kolumn" to "Används inte"
  await table.getByRole('row', { name: /Lön/ }).filter({ hasNotText: 'importeras inte' }).waitFor({ timeout: 10000 });
  assert.equal(await lonField.inputValue(), 'ignore');

  const save = region.getByRole('button', { name: 'Spara mappning' });
  await save.focus();
  await page.keyboard.press('Enter');
  await region.getByText('Mappningen är sparad och används vid nästa synkning.').waitFor({ timeout: 10000 });

  // The saved mapping changes the source; main syncs with it.
  await page.getByText(/Katalogen uppdaterad nyss · 2 poster/).waitFor({ timeout: 20000 });
  const filip = await search('filip persson');
  assert.equal(filip[0]?.card.id, 'P2');
  assert.equal(filip[0]?.card.warning, 'protected-identity');
  assert.deepEqual(filip[0]?.card.numbers, []);
  assert.equal((await search('sjögren'))[0]?.card.id, 'P1');
  assert.deepEqual(await search('eva ek'), [], 'the unreadable row is not imported');
});
