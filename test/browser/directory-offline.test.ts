// D-OFFLINE: with no SIP server at all (the lab's Kamailio is never started) and no network (a
// loopback-only namespace), the console starts from its directory cache, searches it and shows the
// data's age. When the next sync fails (the CSV export was removed), the last good cache stays in
// use and the status line says why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { loadLabManifest } from '../../lab/manifest.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { probeUdp } from '../support/directory-probe.js';
import { openConsole } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv } from '../support/directory.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-offline-'));
const manifest = loadLabManifest();
let browser: Browser;

before(async () => {
  assertLoopbackOnly('The directory offline test');
  browser = await launchChromium({ runDir });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  fs.rmSync(runDir, { recursive: true, force: true });
});

async function findPerson(page: Page, name: string) {
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  await search.fill('');
  await search.pressSequentially(name);
  await page.getByRole('listbox', { name: 'Sökresultat' }).getByRole('option').filter({ hasText: name }).waitFor({ timeout: 5000 });
}

test('starts and searches from the cache with no SIP server and no network; a failed sync keeps the cache and says why', async () => {
  assert.equal(await probeUdp(manifest.ports.sipUdp), false, 'no SIP server may answer in this test');
  const fx = writeDirectoryCsv(manifest, path.join(runDir, 'hr'));
  const name = `${fx.plain.givenName} ${fx.plain.surname}`;

  // first start: fill the cache from the CSV export
  const first = await openConsole({ browser, manifest, runDir, settings: withCsvDirectory(fx.csvPath) });
  await first.page.getByText(/Katalogen uppdaterad nyss/).waitFor({ timeout: 15000 });
  await findPerson(first.page, name);
  await first.close();

  // the export disappears (share unmounted, network gone); the console starts again on the same data dir
  fs.rmSync(fx.csvPath);
  const second = await openConsole({ browser, manifest, runDir, settings: withCsvDirectory(fx.csvPath) });
  try {
    const page = second.page;
    await findPerson(page, name); // from the cache, before any sync
    await page.getByText(/Katalogen uppdaterad (nyss|för \d+ min sedan) · \d+ poster/).waitFor({ timeout: 5000 });
    // the scheduled first sync fails: the reason is shown and the cache is still searched
    const error = page.getByRole('alert').filter({ hasText: 'Senaste uppdateringen misslyckades' });
    await error.waitFor({ timeout: 15000 });
    assert.match(await error.innerText(), /källan gick inte att nå.*personal\.csv.*ENOENT.*Sparad katalog används/s);
    await findPerson(page, `${fx.protectedPerson.givenName} ${fx.protectedPerson.surname}`);
    await findPerson(page, name);
    assert.match(await page.locator('.directory-age').innerText(), /Katalogen uppdaterad/);
    // an operator's "update now" fails the same way, and still nothing is lost
    await page.getByRole('button', { name: 'Uppdatera katalogen' }).click();
    await findPerson(page, name);
  } finally {
    await second.close();
  }
});
