// Two consoles on one team store, end to end (issue 13 points 2 and 5): operator 1 records a
// manager's notice (with who reported it) on a card in the real console on the web host; operator
// 2's console, open on a card of the same unit, shows it without a reload (NOTIFY → main →
// directoryChanged → the renderer's store). PostgreSQL is Debian's, started for the test on
// loopback inside the namespace. A callback marked done at operator 1 shows as done at operator 2
// (outbox change → team store → NOTIFY → main → messagesChanged), also without a reload.
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
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
import { startTeamServer, type TeamServer } from '../support/team-postgres.js';
import { teamSettingsFor } from '../support/team-console.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-team-two-'));
const manifest = loadLabManifest();
const NOTICE = 'Bygglovsenheten har telefontid 9–11 hela veckan';
let browser: Browser;
let server: TeamServer;
let fx: DirectoryFixture;
let one: ConsoleUnderTest;
let two: ConsoleUnderTest;

before(async () => {
  assertLoopbackOnly('The two-console team store browser test');
  server = await startTeamServer();
  fx = writeDirectoryCsv(manifest, path.join(runDir, 'hr'));
  browser = await launchChromium({ runDir });
  const team1 = await teamSettingsFor(server, 'op1');
  const team2 = await teamSettingsFor(server, 'op2');
  const csv = withCsvDirectory(fx.csvPath);
  one = await openConsole({ browser, manifest, runDir: path.join(runDir, 'one'), operatorIndex: 0, settings: (s) => ({ ...csv(s), team: team1 }) });
  two = await openConsole({ browser, manifest, runDir: path.join(runDir, 'two'), operatorIndex: 1, settings: (s) => ({ ...csv(s), team: team2 }) });
  await directoryReady(one.page);
  await directoryReady(two.page);
});

after(async () => {
  await one?.close().catch(() => undefined);
  await two?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  fs.rmSync(runDir, { recursive: true, force: true });
});

async function openCard(page: Page, p: Person) {
  const { search, results, card } = directoryLocators(() => page);
  const name = `${p.givenName} ${p.surname}`;
  await search().fill('');
  await search().pressSequentially(name);
  const option = results().getByRole('option').filter({ hasText: name }).first();
  await option.waitFor({ timeout: 5000 });
  await option.click();
  await card().getByRole('heading', { name }).waitFor({ timeout: 5000 });
  return card();
}

test('operator 1 adds a notice; operator 2 sees it without reloading', async () => {
  for (const c of [one, two]) await c.page.getByRole('status', { name: 'Teamdatabas' }).getByText('Teamdatabasen: ansluten').waitFor({ timeout: 15000 });
  const cardTwo = await openCard(two.page, fx.plain);
  assert.equal(await cardTwo.getByRole('listitem').filter({ hasText: NOTICE }).count(), 0);

  const cardOne = await openCard(one.page, fx.plain);
  await one.page.keyboard.press('Alt+n');
  const dialog = one.page.getByRole('dialog', { name: 'Meddelande från enheten' });
  await dialog.waitFor({ timeout: 5000 });
  await dialog.getByRole('textbox', { name: 'Text' }).fill(NOTICE);
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 5000 });
  await cardOne.getByRole('listitem').filter({ hasText: NOTICE }).waitFor({ timeout: 5000 });

  const theirs = cardTwo.getByRole('listitem').filter({ hasText: NOTICE });
  await theirs.waitFor({ timeout: 5000 });
  assert.match(await theirs.innerText(), /inlagt av op1/);
});

test('operator 1 marks a callback done; operator 2 sees it done without reloading', async () => {
  const id = randomUUID();
  const employee = `${fx.plain.givenName} ${fx.plain.surname}`;
  // The message itself is set up through the console's own API (the pad needs a live call to open).
  await one.page.evaluate((draft) => (window as unknown as { vaxel: { messageSend(d: unknown): Promise<unknown> } }).vaxel.messageSend(draft), {
    id,
    callerNumber: '0701234567',
    callerName: 'Kalle Uppringare',
    calledAt: Date.now() - 60_000,
    switchboardId: 'essunga',
    dialledNumber: '0512-570 00',
    employee: fx.plain.extension,
    text: 'Om bygglovet',
    callbackWanted: true,
    urgent: false,
  });
  const entry = (page: Page) => page.getByRole('region', { name: 'Meddelanden' }).getByRole('listitem').filter({ hasText: 'Kalle Uppringare' }).first();
  await entry(two.page).getByText('Ring tillbaka: väntar').waitFor({ timeout: 5000 });
  const done = entry(one.page).getByRole('button', { name: new RegExp(`^Återringd: Till ${employee}`) });
  await done.waitFor({ timeout: 5000 });
  await done.press('Enter');
  await entry(one.page)
    .getByText(/^Återringd \d/)
    .waitFor({ timeout: 5000 });
  await entry(two.page)
    .getByText(/^Återringd \d/)
    .waitFor({ timeout: 5000 });
  assert.equal(
    await entry(two.page)
      .getByRole('button', { name: /^Återringd:/ })
      .count(),
    0,
    'no button left for a closed callback',
  );
});
