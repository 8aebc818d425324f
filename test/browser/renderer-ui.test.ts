// UI-only check of the built renderer: it renders, is reachable by role and accessible name, and
// the keyboard map does not throw. window.vaxel here is `fakeVaxelForUiTest`, a stand-in defined
// through addInitScript: this is NOT the product's bridge and proves nothing about main or SIP.
// The real end-to-end test (web host + Kamailio) lives elsewhere.
import { after, before, test } from 'node:test';
import { startRendererOnlyHost, type RendererOnlyHost } from '../support/renderer-only-host';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';

let host: RendererOnlyHost;
let origin: string;
let browser: Browser;

before(async () => {
  host = await startRendererOnlyHost('renderer-ui-test');
  ({ origin, browser } = host);
});

after(async () => {
  await host?.close();
});

type InitialState = { status: 'first-run' } | { status: 'recovered'; reason: string; backupPath: string };

/** Installs fakeVaxelForUiTest: getSettings answers `initial`; saveSettings echoes the settings as ok. */
async function openWithFake(initial: InitialState): Promise<{ page: Page; errors: Error[] }> {
  const page = await browser.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  // A string, not a function: tsx compiles functions with helpers (__name) that do not exist in the page.
  await page.addInitScript(`(() => {
    const logs = [];
    const saved = [];
    window.__uiTestLogs = logs;
    window.__uiTestSaved = saved;
    const initialState = ${JSON.stringify(initial)};
    const fakeVaxelForUiTest = {
      getAppInfo: async () => ({ name: 'Växel', version: '0.0.0-ui-test', host: 'web', dataDir: '/nowhere' }),
      getSettings: async () => initialState,
      saveSettings: async (settings) => { saved.push(settings); return { status: 'ok', settings }; },
      reportLog: async (entry) => { logs.push(entry); },
      on: () => () => undefined,
    };
    // Every other contract method is refused, as a main process that lacks it would: the UI must
    // show its panels anyway (directory, messages and call log degrade, they do not blank the page).
    const refuseOthers = new Proxy(fakeVaxelForUiTest, {
      get: (target, name) => name in target ? target[name] : async () => { throw new Error('not available in fakeVaxelForUiTest: ' + String(name)); },
    });
    Object.defineProperty(window, 'vaxel', { value: refuseOthers });
  })();`);
  await page.goto(`${origin}/index.html`);
  return { page, errors };
}

async function fillSetup(page: Page): Promise<void> {
  await page.getByLabel('Visningsnamn').fill('Operatör 1');
  await page.getByLabel('SIP-användare').fill('op1');
  await page.getByLabel('Lösenord').fill('secret');
  await page.getByLabel('SIP-domän').fill('127.0.0.1');
  // Port 9 (discard) is closed: registration must fail visibly, not hang or throw.
  await page.getByLabel('Servrar (en per rad)').fill('ws://127.0.0.1:9/\nws://127.0.0.1:10/');
  await page.getByRole('button', { name: 'Spara och starta' }).click();
}

async function waitForText(page: Page, selector: () => Promise<string>, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = await selector();
    if (pattern.test(last)) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`text ${JSON.stringify(last)} never matched ${pattern}`);
}

test('first run shows the setup screen with every labelled field', async () => {
  const { page, errors } = await openWithFake({ status: 'first-run' });
  await page.getByRole('heading', { name: 'Välkommen till Växel' }).waitFor();
  for (const label of ['Visningsnamn', 'SIP-användare', 'Lösenord', 'SIP-domän', 'Servrar (en per rad)']) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  }
  assert.equal(await page.getByRole('button', { name: 'Spara och starta' }).count(), 1);
  assert.equal(await page.getByRole('list', { name: 'Samtalskö' }).count(), 0, 'no console before setup');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an incomplete form is refused with an alert naming the fields, and nothing is saved', async () => {
  const { page } = await openWithFake({ status: 'first-run' });
  await page.getByLabel('Visningsnamn').fill('Operatör 1');
  await page.getByRole('button', { name: 'Spara och starta' }).click();
  const alert = await page.getByRole('alert').innerText();
  assert.match(alert, /SIP-användare/);
  assert.match(alert, /Servrar/);
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __uiTestSaved: unknown[] }).__uiTestSaved), []);
  await page.close();
});

test('recovered settings: the same screen says why and where the backup is', async () => {
  const { page } = await openWithFake({ status: 'recovered', reason: 'accounts.0.servers: at least one server', backupPath: '/data/settings.json.broken-1' });
  await page.getByRole('heading', { name: 'Välkommen till Växel' }).waitFor();
  const alert = await page.getByRole('alert').innerText();
  assert.match(alert, /inte att läsa/);
  assert.match(alert, /at least one server/);
  assert.match(alert, /\/data\/settings\.json\.broken-1/);
  await page.close();
});

test('after setup the console shows its panels, the search field has focus, and F2/F4 do not throw', async () => {
  const { page, errors } = await openWithFake({ status: 'first-run' });
  await fillSetup(page);

  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  await search.waitFor();
  assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'search field focused on load');
  assert.equal(await page.getByRole('list', { name: 'Samtalskö' }).count(), 1);
  const callRegion = page.getByRole('region', { name: 'Pågående samtal' });
  assert.match(await callRegion.innerText(), /Inget samtal/);
  assert.equal(await page.getByRole('button', { name: 'Svara', exact: true }).getAttribute('aria-keyshortcuts'), 'F2');
  assert.equal(await page.getByRole('button', { name: 'Lägg på', exact: true }).getAttribute('aria-keyshortcuts'), 'F4');

  const status = page.getByRole('status', { name: 'Status', exact: true });
  assert.equal(await status.count(), 1, 'exactly one status bar');
  // The server is closed (refused, not a drop being mended): the status must end in "Ej ansluten", not stay "Registrerar…".
  const text = await waitForText(page, () => status.innerText(), /Ej ansluten/);
  // "Nätverk" is the connection to the SIP server, not navigator.onLine: no server here, so
  // disconnected (the lab tests show "ansluten" against a real Kamailio).
  assert.match(text, /Nätverk: frånkopplad/);
  assert.match(text, /\d{2}:\d{2}:\d{2}/, 'a clock');

  // The saved settings carry the server list in order (failover) and the default switchboards.
  const saved = await page.evaluate(() => (window as unknown as { __uiTestSaved: Array<{ accounts: Array<{ servers: string[] }>; switchboards: Array<{ municipality: string }> }> }).__uiTestSaved);
  assert.deepEqual(saved[0].accounts[0].servers, ['ws://127.0.0.1:9/', 'ws://127.0.0.1:10/']);
  assert.deepEqual(
    saved[0].switchboards.map((s) => s.municipality),
    ['essunga', 'grastorp', 'internal'],
  );

  // F-keys while typing in the search field: handled globally, default prevented, focus stays.
  await page.evaluate(() => {
    const w = window as unknown as { __fkeys: Array<[string, boolean]> };
    w.__fkeys = [];
    // Capture phase on window, like the console's own handler (registered earlier, so it runs
    // first): it stops propagation, so a bubbling listener would never see the keys.
    window.addEventListener('keydown', (e) => w.__fkeys.push([e.key, e.defaultPrevented]), { capture: true });
  });
  await search.fill('Anna');
  await search.press('F2');
  await search.press('F4');
  await page.waitForTimeout(100);
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __fkeys: unknown }).__fkeys), [
    ['F2', true],
    ['F4', true],
  ]);
  assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'focus back in search after F-keys');
  assert.equal(await search.inputValue(), 'Anna', 'F-keys do not type into the field');
  assert.match(await callRegion.innerText(), /Inget samtal/);

  // Errors reach main as codes, never as free text with numbers (P-SECRECY).
  const logs = await page.evaluate(() => (window as unknown as { __uiTestLogs: Array<{ code: string; detail?: Record<string, unknown> }> }).__uiTestLogs);
  assert.ok(
    logs.some((l) => l.code === 'sip.transport-connect-failed'),
    `logs: ${JSON.stringify(logs.map((l) => l.code))}`,
  );
  for (const l of logs) assert.match(l.code, /^[a-z0-9.-]{1,64}$/);
  assert.doesNotMatch(JSON.stringify(logs), /127\.0\.0\.1|op1|secret/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the key help is the console’s modal dialog: labelled by its heading, focus kept inside, Escape closes, focus back in the search field', async () => {
  const { page, errors } = await openWithFake({ status: 'first-run' });
  await fillSetup(page);
  const search = page.getByRole('searchbox', { name: 'Sök i katalogen' });
  await search.waitFor();
  await search.fill('Anna');
  await search.press('F1');
  const help = page.getByRole('dialog', { name: 'Kortkommandon' });
  await help.waitFor();
  assert.equal(await help.getAttribute('aria-modal'), 'true');
  assert.equal(await help.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal')), true, 'opened with showModal()');
  const labelledBy = await help.getAttribute('aria-labelledby');
  assert.equal(await page.locator(`[id="${labelledBy}"]`).innerText(), 'Kortkommandon', 'named by its own heading');
  const inside = () => help.evaluate((d) => d.contains(document.activeElement));
  assert.equal(await inside(), true, 'focus moved into the dialog');
  for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    assert.equal(await inside(), true, `focus still inside after ${key}`);
  }
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'focus back in the search field');
  assert.equal(await search.inputValue(), 'Anna', 'Escape closed the dialog and did not also clear the field');
  assert.deepEqual(errors, []);
  await page.close();
});

test('admin file: provisioned fields are prefilled, locked ones read-only with "Låst av IT-avdelningen", and saved as the admin set them', async () => {
  const servers = ['wss://sbc1.kommun.example:7443', 'wss://sbc2.kommun.example:7443'];
  const { page, errors } = await openWithFake({
    status: 'first-run',
    locked: ['accounts.0.servers', 'accounts.0.domain'],
    provisioned: { accounts: [{ domain: 'pbx.kommun.example', servers }] },
  } as InitialState);
  const serversField = page.getByRole('textbox', { name: 'Servrar (en per rad)' });
  await serversField.waitFor();
  assert.equal(await serversField.isDisabled(), true);
  assert.equal(await serversField.inputValue(), servers.join('\n'));
  assert.equal(await page.getByLabel('SIP-domän').isDisabled(), true);
  assert.equal(await page.getByLabel('SIP-användare').isDisabled(), false, 'not locked');
  const description = await serversField.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  assert.match(description, /Låst av IT-avdelningen/);
  await page.getByLabel('Visningsnamn').fill('Operatör 1');
  await page.getByLabel('SIP-användare').fill('op1');
  await page.getByLabel('Lösenord').fill('secret');
  await page.getByRole('button', { name: 'Spara och starta' }).click();
  await page.getByRole('searchbox').first().waitFor();
  const saved = await page.evaluate(() => (window as unknown as { __uiTestSaved: { accounts: { servers: string[]; domain: string }[] }[] }).__uiTestSaved);
  assert.deepEqual(saved[0]?.accounts[0]?.servers, servers);
  assert.equal(saved[0]?.accounts[0]?.domain, 'pbx.kommun.example');
  assert.deepEqual(errors, []);
  await page.close();
});
