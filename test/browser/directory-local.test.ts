// The console's own copy of the directory (issue 4): once it has loaded, keystrokes are answered in
// the renderer; the rows it shows must be the ones main's search gives, and what was shipped to the
// page must hold none of a protected identity's numbers, e-mail or notes (P-SECRECY).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { displayNumber } from '../../common/phone/index.js';
import { launchChromium } from '../../lab/chromium.js';
import { loadLabManifest } from '../../lab/manifest.js';
import { toCsv } from '../../lab/demo-org/generate.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture, directoryLocators, directoryReady } from '../support/directory.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-local-'));
const manifest = loadLabManifest();
let browser: Browser;
let consoleUnderTest: ConsoleUnderTest;
let fx: DirectoryFixture;
let page: Page;

before(async () => {
  assertLoopbackOnly('The directory browser test');
  fx = writeDirectoryCsv(manifest, path.join(runDir, 'hr'));
  // Words nobody else has, so finding them anywhere in the page means they were shipped.
  Object.assign(fx.protectedPerson, { notes: 'Skyddad adress Qzxvortbostad', email: 'qzxhemligpost@essunga.se' });
  fs.writeFileSync(fx.csvPath, toCsv(fx.people));
  browser = await launchChromium({ runDir });
  consoleUnderTest = await openConsole({ browser, manifest, runDir, settings: withCsvDirectory(fx.csvPath) });
  page = consoleUnderTest.page;
  await directoryReady(page);
  // The switch: from here on the page answers keystrokes from its own copy.
  await results().and(page.locator('[data-source=local]')).waitFor({ state: 'attached', timeout: 30000 });
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
  // attached, not visible: a query without hits leaves the list empty (zero height)
  await results()
    .and(page.locator(`[data-shown^="${text.trim()}|"]`))
    .waitFor({ state: 'attached', timeout: 5000 });
}

interface ShownRow {
  pos: number;
  setSize: number;
  name: string;
  rest: string;
}

/** The rendered rows (the list is virtualised: the first ones), in list order. */
const shownRows = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('#dir-results [role=option]')]
      .map((o) => ({
        pos: Number(o.getAttribute('aria-posinset')),
        setSize: Number(o.getAttribute('aria-setsize')),
        name: o.querySelector('.hit-name')?.textContent ?? '',
        rest: [o.querySelector('.hit-title')?.textContent ?? '', o.querySelector('.hit-unit')?.textContent ?? '', o.querySelector('.hit-ext')?.textContent?.trim() ?? ''].join('|'),
      }))
      .sort((a, b) => a.pos - b.pos),
  ) as Promise<ShownRow[]>;

/** Main's answer over IPC to the same query, as the rows would show it. */
const mainRows = (query: string) =>
  page.evaluate(async (q) => {
    const hits = await (
      window as unknown as {
        vaxel: {
          directorySearch(i: unknown): Promise<Array<{ card: { name: string; title: string; unit: string; forvaltning: string; warning?: string; numbers: Array<{ kind: string; value: string }> } }>>;
        };
      }
    ).vaxel.directorySearch({ query: q, filters: {}, limit: 100 });
    return hits.map((h, i) => {
      const ext = h.card.warning ? undefined : h.card.numbers.find((n) => n.kind === 'extension')?.value;
      return {
        pos: i + 1,
        setSize: hits.length,
        name: h.card.name,
        rest: [h.card.title ? `, ${h.card.title}` : '', [h.card.unit, h.card.forvaltning].filter(Boolean).join(', '), ext ? `ankn. ${ext}` : ''].join('|'),
      };
    });
  }, query);

describe('the directory searched in the console', () => {
  test('local search shows the same top results as main for a set of prefixes', async () => {
    const p = fx.plain;
    const prefixes = ['a', 'an', 'k', 'ka', 'ma', 's', 'sv', 'rek', 'kom', 'ö', 'bygg', p.surname.slice(0, 2), p.surname, `${p.givenName} ${p.surname.slice(0, 2)}`, '2', '20', '05'];
    for (const q of prefixes) {
      await typeQuery(q);
      assert.equal(await results().getAttribute('data-source'), 'local', 'answered locally');
      const shown = await shownRows();
      const expected = (await mainRows(q)).slice(0, shown.length);
      assert.ok(shown.length > 0 || expected.length === 0, `"${q}" shows rows`);
      assert.deepEqual(shown, expected, `"${q}"`);
    }
  });

  test('Enter on a local row opens the full card from main', async () => {
    const p = fx.plain;
    await typeQuery(`${p.givenName} ${p.surname}`);
    await page.keyboard.press('Enter');
    await card()
      .getByRole('heading', { name: `${p.givenName} ${p.surname}` })
      .waitFor({ timeout: 5000 });
    await card().getByText(displayNumber(p.directNumber!)).first().waitFor({ timeout: 5000 });
  });

  test('a protected identity: found by name, no numbers, e-mail or notes in the page or in what was shipped to it', async () => {
    const p = fx.protectedPerson;
    await typeQuery(`${p.givenName} ${p.surname}`);
    const option = results()
      .getByRole('option')
      .filter({ hasText: `${p.givenName} ${p.surname}` });
    await option.waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    await card().getByRole('alert').filter({ hasText: 'Skyddad identitet – lämna inte ut uppgifter' }).waitFor({ timeout: 5000 });
    // Searching by its numbers or extension finds somebody else or nobody, never the person.
    for (const n of [p.directNumber, p.mobile, p.extension].filter((x): x is string => !!x)) {
      await typeQuery(n);
      assert.equal(
        await results()
          .getByRole('option')
          .filter({ hasText: `${p.givenName} ${p.surname}` })
          .count(),
        0,
        `found by ${n}`,
      );
    }
    const secrets = [p.directNumber, p.mobile, p.email, p.sipUri, p.voicemailUri, p.notes]
      .filter((x): x is string => !!x)
      .flatMap((x) => (x.startsWith('+') ? [x, x.slice(1), displayNumber(x), `0${x.slice(3)}`] : [x]))
      .concat(['Qzxvortbostad', 'qzxhemligpost']);
    const html = await page.content();
    for (const secret of [...secrets, `ankn. ${p.extension}`]) assert.ok(!html.includes(secret), `the DOM holds ${secret}`);
    // What the page received: every part of the snapshot, decoded as the console does.
    const shipped = await page.evaluate(async () => {
      const api = (window as unknown as { vaxel: { directorySnapshot(i: { part: number }): Promise<{ parts: number; data: string } | null> } }).vaxel;
      const first = await api.directorySnapshot({ part: 0 });
      let text = '';
      for (let part = 0; first && part < first.parts; part++) text += atob((await api.directorySnapshot({ part }))!.data);
      return text;
    });
    assert.ok(shipped.length > 1000 && shipped.includes(p.id) && shipped.includes(fx.plain.id), 'the snapshot holds the directory');
    for (const secret of secrets) assert.ok(!shipped.toLowerCase().includes(secret.toLowerCase()), `the snapshot holds ${secret}`);
  });
});
