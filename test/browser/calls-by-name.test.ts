// D-KEYS / P-FAST with the directory: answer, type the employee's name, Enter opens their card,
// F5 calls them with the caller held, F6 connects — four keys plus the letters — and the caller
// then talks to the employee. A protected identity is never a transfer target.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { withCsvDirectory, writeDirectoryCsv, type DirectoryFixture } from '../support/directory.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';
import { assertAudioFlows } from '../support/media.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-calls-name-'));
let lab: Lab;
let browser: Browser;
let op: ConsoleUnderTest;
let fx: DirectoryFixture;
const opened: LabPhone[] = [];

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  fx = writeDirectoryCsv(lab.manifest, path.join(runDir, 'hr'));
  op = await openConsole({ browser, manifest: lab.manifest, runDir, settings: withCsvDirectory(fx.csvPath) });
  await waitRegistered(op.page);
  await op.page.getByText(/Katalogen uppdaterad nyss/).waitFor({ timeout: 20000 });
});

after(async () => {
  for (const p of opened) await p.close().catch(() => undefined);
  await op?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

async function phone(who: Parameters<typeof openPhone>[1]): Promise<LabPhone> {
  const p = await openPhone(browser, who, { manifest: lab.manifest, runDir });
  opened.push(p);
  return p;
}

test('answer, type the name, Enter, F5, F6: the caller is connected to the employee with audio', async () => {
  const page = op.page;
  const person = fx.plain;
  const caller = await phone({ gateway: true, callerNumber: '+46702220077' });
  const employee = await phone({ username: person.extension, password: employeePassword(lab.manifest, person.extension) });
  await employee.setAutoAnswer(true);

  const callId = await caller.call('+4651257000');
  await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: '070-222 00 77' }).waitFor({ timeout: 10000 });
  const pressed: string[] = [];
  const press = async (key: string) => {
    pressed.push(key);
    await page.keyboard.press(key);
  };
  await press('F2');
  await caller.waitState('Established', callId);

  // the letters: given name and the start of the surname, typed into the focused search field
  await page.keyboard.type(`${person.givenName} ${person.surname.slice(0, 3)}`);
  const results = page.getByRole('listbox', { name: 'Sökresultat' });
  await results
    .getByRole('option')
    .filter({ hasText: `${person.givenName} ${person.surname}` })
    .first()
    .waitFor({ timeout: 10000 });
  await press('Enter');
  const card = page.getByRole('region', { name: 'Kontaktkort' });
  await card.getByRole('heading', { name: `${person.givenName} ${person.surname}` }).waitFor({ timeout: 10000 });

  await press('F5');
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  await panel.getByText(`Samtal med ${person.extension}`).waitFor({ timeout: 15000 });
  await press('F6');
  await caller.waitState('Terminated', callId, 15000);
  await panel.getByText('Inget samtal', { exact: true }).waitFor({ timeout: 15000 });

  const callerLeg = (await caller.sessions()).find((s) => s.dir === 'out' && s.state === 'Established');
  assert.ok(callerLeg, 'the caller followed the REFER to the employee');
  await assertAudioFlows(() => caller.stats(callerLeg.id), { bothWays: true, label: 'caller <-> employee' });
  assert.deepEqual(pressed, ['F2', 'Enter', 'F5', 'F6'], 'four keys plus the letters');
  await caller.hangup(callerLeg.id);
});

test('a protected identity opens with the warning and is no transfer target', async () => {
  const page = op.page;
  const person = fx.protectedPerson;
  const caller = await phone({ gateway: true, callerNumber: '+46702220078' });
  const callId = await caller.call('+4651257000');
  await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: '070-222 00 78' }).waitFor({ timeout: 10000 });
  await page.keyboard.press('F2');
  await caller.waitState('Established', callId);

  await page.getByRole('searchbox', { name: 'Sök i katalogen' }).fill(`${person.givenName} ${person.surname}`);
  await page.getByRole('listbox', { name: 'Sökresultat' }).getByRole('option').first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Kontaktkort' }).getByText('Skyddad identitet – lämna inte ut uppgifter').waitFor({ timeout: 10000 });
  await page.keyboard.press('F5');
  await page.getByText('Skriv ett nummer eller välj en person i katalogen först.').waitFor({ timeout: 10000 });
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  assert.match(await panel.innerText(), /Samtal pågår/, 'the operator is still with the caller');
  await caller.hangup(callId);
  await panel.getByText('Inget samtal', { exact: true }).waitFor({ timeout: 15000 });
});
