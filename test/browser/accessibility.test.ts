// WCAG 2.0, 2.1 and 2.2 (A and AA) on every screen and dialog of the console, checked by axe-core
// injected into the real console (web host + lab Kamailio, driven by keys): the setup screen
// (first run, and a settings file that could not be read), the idle console, the queue with
// calls ringing, the contact card, the absence, unit notice, opening hours and message pad
// dialogs, the key list (F1), and each state of an announced and a safe transfer (ringing,
// talking to the employee, recall, done).
// Target: no violation at all; a violation is listed with its rule, element and what axe says.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { callSettings } from '../../common/settings/schema.js';
import type { Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { openPhone, type LabPhone, type PhoneSession } from '../../lab/phone/phone.js';
import { createMemoryLogger } from '../../main/services/log/logger.js';
import { startWebHost } from '../../main/web/host.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { directoryLocators, directoryReady, withCsvDirectory, writeDirectoryCsv, type DirectoryFixture } from '../support/directory.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-a11y-'));
let lab: Lab;
let browser: Browser;
let op: ConsoleUnderTest;
let fx: DirectoryFixture;
let page: Page;
const opened: LabPhone[] = [];
const { search, results, card } = directoryLocators(() => page);

interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG A/AA violations on the page as it is now (injected over CDP, so the CSP stays on). */
async function violations(p: Page): Promise<Violation[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE);
  return p.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`) }));
  }, WCAG_TAGS);
}

async function assertAccessible(p: Page, screen: string): Promise<void> {
  const found = await violations(p);
  assert.deepEqual(found, [], `${screen}: WCAG violations:\n${JSON.stringify(found, null, 2)}`);
}

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  fx = writeDirectoryCsv(lab.manifest, path.join(runDir, 'dir'));
  // the schema's shortest safe-transfer timeout (5 s) brings the recall state quickly
  op = await openConsole({
    browser,
    manifest: lab.manifest,
    runDir,
    settings: (s) => withCsvDirectory(fx.csvPath)({ ...s, calls: { ...callSettings(s), safeTransferTimeoutS: 5 } }),
  });
  page = op.page;
  await waitRegistered(page);
  await directoryReady(page);
});

afterEach(async () => {
  for (const p of opened.splice(0)) await p.close().catch(() => undefined);
  await page
    .getByRole('region', { name: 'Pågående samtal' })
    .getByText('Inget samtal', { exact: true })
    .waitFor({ timeout: 15000 })
    .catch(() => undefined);
});

after(async () => {
  for (const p of opened) await p.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

async function caller(number: string): Promise<LabPhone> {
  const p = await openPhone(browser, { gateway: true, callerNumber: number }, { manifest: lab.manifest, runDir });
  opened.push(p);
  return p;
}

async function employeePhone(): Promise<LabPhone> {
  const ext = fx.plain.extension;
  const p = await openPhone(browser, { username: ext, password: employeePassword(lab.manifest, ext) }, { manifest: lab.manifest, runDir });
  opened.push(p);
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ringing(p: LabPhone, except: string[] = []): Promise<PhoneSession> {
  for (let i = 0; i < 150; i++) {
    const s = (await p.sessions()).filter((x) => x.dir === 'in' && x.state === 'Initial' && !except.includes(x.id)).at(-1);
    if (s) return s;
    await sleep(100);
  }
  throw new Error(`${p.name}: nothing rings`);
}

/** Opens the plain employee's contact card from the search field, by keys. */
async function openCard(): Promise<void> {
  const name = `${fx.plain.givenName} ${fx.plain.surname}`;
  await search().fill('');
  await search().pressSequentially(name);
  const target = results().getByRole('option').filter({ hasText: name });
  await target.waitFor({ timeout: 10000 });
  const id = await target.getAttribute('id');
  for (let i = 0; i < 50 && (await search().getAttribute('aria-activedescendant')) !== id; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await card().getByRole('heading', { name }).waitFor({ timeout: 10000 });
}

async function answerWithF2(c: LabPhone, shown: string): Promise<string> {
  const id = await c.call('+4651257000');
  await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: shown }).waitFor({ timeout: 10000 });
  await page.keyboard.press('F2');
  await c.waitState('Established', id);
  return id;
}

test('setup screen: first run, and a settings file that could not be read', async () => {
  for (const [kind, prepare, shown] of [
    ['first run', () => undefined, 'Växel'],
    ['recovered', (dir: string) => fs.writeFileSync(path.join(dir, 'settings.json'), '{ not json'), 'De sparade inställningarna gick inte att läsa'],
  ] as const) {
    const dataDir = path.join(runDir, `setup-${kind.replace(' ', '-')}`);
    fs.mkdirSync(dataDir, { recursive: true });
    prepare(dataDir);
    const outDir = path.resolve(import.meta.dirname, '../..', process.env.VAXEL_OUT ?? 'out');
    const host = await startWebHost({ dataDir, port: 0, log: createMemoryLogger(), rendererDir: path.join(outDir, 'renderer'), preloadScript: path.join(outDir, 'preload/web.js') });
    const context = await browser.newContext();
    try {
      const setup = await context.newPage();
      await setup.goto(host.url);
      await setup.getByRole('button', { name: /Spara och starta/ }).waitFor({ timeout: 15000 });
      await setup.getByText(shown).first().waitFor({ timeout: 5000 });
      await assertAccessible(setup, `setup screen (${kind})`);
    } finally {
      await context.close();
      await host.close();
    }
  }
});

test('the idle console and the key list (F1); the check can fail', async () => {
  await assertAccessible(page, 'idle console');
  // a nameless button and an image without text: axe must see both, or this test proves nothing
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.id = 'a11y-probe';
    probe.innerHTML = '<button type="button"></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
    document.body.appendChild(probe);
  });
  const seen = (await violations(page)).map((v) => v.rule);
  await page.evaluate(() => document.getElementById('a11y-probe')?.remove());
  assert.ok(seen.includes('button-name') && seen.includes('image-alt'), `axe saw only: ${seen.join(', ')}`);
  // and contrast is really measured on the console's own text, not left undecided
  const contrast = await page.evaluate(async () => {
    type Node = { target: unknown[]; any: { message: string }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ passes: { nodes: Node[] }[]; incomplete: { nodes: Node[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
    return { passes: r.passes[0]?.nodes.length ?? 0, undecided: (r.incomplete[0]?.nodes ?? []).map((n) => `${n.target.join(' ')}: ${n.any.map((a) => a.message).join('; ')}`) };
  });
  console.log(`color-contrast on the idle console: ${contrast.passes} elements pass; undecided: ${JSON.stringify(contrast.undecided, null, 1)}`);
  assert.ok(contrast.passes >= 10, `contrast measured on only ${contrast.passes} elements`);
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Kortkommandon' });
  await help.waitFor({ timeout: 5000 });
  await assertAccessible(page, 'key list (F1)');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached', timeout: 5000 });
});

test('the switchboard screens: opening hours (Control+F11) with an error shown, closed message, referral texts, Stäng växeln (Shift+F11)', async () => {
  await page.keyboard.press('Control+F11');
  const hours = page.getByRole('dialog', { name: 'Växelns öppettider' });
  const monday = hours.getByRole('textbox', { name: 'Måndag' });
  await monday.waitFor({ timeout: 5000 });
  await monday.fill('fel');
  await page.keyboard.press('Control+Enter');
  await hours.getByRole('alert').filter({ hasText: 'Skriv tiderna som' }).waitFor({ timeout: 5000 });
  await assertAccessible(page, 'Växelns öppettider, with an error');
  await page.keyboard.press('Escape');
  await hours.waitFor({ state: 'detached', timeout: 5000 });
  for (const [button, name] of [
    ['Stängningsmeddelande …', 'Stängningsmeddelande'],
    ['Hänvisningstexter …', 'Hänvisningstexter'],
  ] as const) {
    await page.getByRole('button', { name: button }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name });
    await dialog.getByRole('textbox').first().waitFor({ timeout: 5000 });
    await assertAccessible(page, `switchboard dialog "${name}"`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5000 });
  }
  await page.keyboard.press('Shift+F11');
  const night = page.getByRole('dialog', { name: /^(Stäng|Öppna) växeln$/ });
  await night.waitFor({ timeout: 5000 });
  await assertAccessible(page, 'Stäng/Öppna växeln');
  await page.keyboard.press('Escape');
  await night.waitFor({ state: 'detached', timeout: 5000 });
});

test('the queue with calls ringing', async () => {
  const a = await caller('+46702230001');
  const b = await caller('+46702230002');
  await a.call('+4651257000');
  await b.call('+4651458000');
  const queue = page.getByRole('list', { name: 'Samtalskö' });
  await queue.getByRole('listitem').filter({ hasText: '070-223 00 01' }).waitFor({ timeout: 10000 });
  await queue.getByRole('listitem').filter({ hasText: '070-223 00 02' }).waitFor({ timeout: 10000 });
  await assertAccessible(page, 'queue with two calls ringing');
});

test('the contact card, the absence dialog (Alt+F) and the unit notice and hours dialogs (Alt+N, Alt+O)', async () => {
  await openCard();
  await assertAccessible(page, 'contact card');
  await page.keyboard.press('Alt+f');
  const absence = page.getByRole('dialog', { name: /Koda frånvaro för/ });
  await absence.waitFor({ timeout: 5000 });
  await assertAccessible(page, 'absence dialog');
  await page.keyboard.press('Escape');
  await absence.waitFor({ state: 'detached', timeout: 5000 });
  // the unit's notice (Alt+N) and opening hours (Alt+O) dialogs, cancelled with Escape
  for (const [key, name] of [
    ['Alt+n', 'Meddelande från enheten'],
    ['Alt+o', 'Öppettider'],
  ] as const) {
    await page.keyboard.press(key);
    const dialog = page.getByRole('dialog', { name });
    await dialog.waitFor({ timeout: 5000 });
    await assertAccessible(page, `unit dialog "${name}"`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 });
  }
});

test('the message pad (Shift+F8), and each state of an announced transfer: call in progress, employee ringing, talking to the employee, done', async () => {
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const c = await caller('+46702230003');
  const emp = await employeePhone();
  await answerWithF2(c, '070-223 00 03');
  await panel.getByText('Samtal pågår').waitFor({ timeout: 15000 });
  await assertAccessible(page, 'call in progress');
  await openCard();
  // the message pad needs a call: prefilled from it, for the person on the card
  await page.keyboard.press('Shift+F8');
  const pad = page.getByRole('dialog', { name: 'Meddelande' });
  await pad.waitFor({ timeout: 5000 });
  await assertAccessible(page, 'message pad');
  await page.keyboard.press('Escape');
  await pad.waitFor({ state: 'detached', timeout: 5000 });
  await page.keyboard.press('F5');
  const ring = await ringing(emp);
  await panel
    .getByText(/Koppling med presentation till .*: (det ringer|försöker)/)
    .first()
    .waitFor({ timeout: 15000 });
  await assertAccessible(page, 'announced transfer: employee ringing, caller held');
  await emp.answer(ring.id);
  await panel
    .getByText(/Samtal med .* \(den som ringer väntar\)/)
    .first()
    .waitFor({ timeout: 15000 });
  await assertAccessible(page, 'announced transfer: talking to the employee');
  await page.keyboard.press('F6');
  await panel
    .getByText(/Koppling med presentation till .*: klar/)
    .first()
    .waitFor({ timeout: 15000 });
  await assertAccessible(page, 'announced transfer: done');
});

test('each state of a safe transfer: employee ringing, recall with choices, done', async () => {
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const c = await caller('+46702230004');
  const emp = await employeePhone();
  await answerWithF2(c, '070-223 00 04');
  await openCard();
  await page.keyboard.press('F8');
  await ringing(emp);
  await panel
    .getByText(/Säker koppling till .*: (det ringer|försöker)/)
    .first()
    .waitFor({ timeout: 15000 });
  await assertAccessible(page, 'safe transfer: employee ringing');
  const recall = page.getByRole('group', { name: 'Kopplingen gick inte fram' });
  await recall.waitFor({ timeout: 20000 });
  await assertAccessible(page, 'safe transfer: recall with choices');
  await emp.setAutoAnswer(true);
  await page.keyboard.press('F8');
  await panel
    .getByText(/Säker koppling till .*: klar/)
    .first()
    .waitFor({ timeout: 20000 });
  await assertAccessible(page, 'safe transfer: done');
  await emp.setAutoAnswer(false);
});
