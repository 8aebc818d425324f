// The message pad end to end (D-MSGPAD, P-VOICEMAIL, P-MAILBOX) against the lab's real Kamailio:
// - after an unanswered transfer the operator takes a message with Shift+F8, Alt+B, Ctrl+Enter
//   (3 keys plus the text); it is spoken (espeak-ng) into the employee's voicemail: the lab's
//   voicemail endpoint (lab/voicemail, the account Kamailio routes vm-<ext> to) records speech;
// - a SIP MESSAGE to an offline employee is stored by msilo (202: "skickad") and reaches them when
//   they register;
// - offline: a message taken while the console has lost the PBX stays queued, and is sent once,
//   and received once, after the console is registered again.
// - all of it on ONE SIP WebSocket: the delivery agent sends on the registered UserAgent (an init
//   script counts the page's concurrently open sockets of subprotocol "sip").
// Driven by role and accessible name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone } from '../../lab/phone/phone.js';
import { employeePassword } from '../../lab/manifest.js';
import { openInbox, openVoicemail, type LabMailbox } from '../../lab/voicemail/voicemail.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import type { MessageView } from '../../common/messages/model.js';
import { startLabSession, stopLabSession } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-msg-e2e-'));
let lab: Lab;
let browser: Browser;
let con: ConsoleUnderTest;
let voicemail: LabMailbox;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) {
      if (con) console.log(`# ${what}: messages ${JSON.stringify((await list(con.page).catch(() => [])).map((m) => [m.employeeExtension, m.deliveries]))}`);
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(250);
  }
}

/** Counts the page's WebSockets of subprotocol "sip": open now, and the most open at once. */
const countSipSockets = `(() => {
  const Native = window.WebSocket;
  const w = window;
  w.__sip = { open: 0, maxOpen: 0, opened: 0 };
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      const sip = protocols === 'sip' || (Array.isArray(protocols) && protocols.includes('sip'));
      if (!sip) return;
      w.__sip.opened++;
      let counted = false;
      this.addEventListener('open', () => { counted = true; w.__sip.open++; w.__sip.maxOpen = Math.max(w.__sip.maxOpen, w.__sip.open); });
      this.addEventListener('close', () => { if (counted) w.__sip.open--; counted = false; });
    }
  };
})();`;

const list = (page: Page) => page.evaluate(() => window.vaxel.messageList({ limit: 50 })) as Promise<MessageView[]>;
const registered = (page: Page) => page.getByRole('status', { name: 'Status' }).getByText('Registrerad', { exact: true });
const essungaPeople = () => lab.org.people.filter((p) => p.municipality === 'essunga' && p.extension);

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  voicemail = await openVoicemail(browser, lab);
  con = await openConsole({ browser, manifest: lab.manifest, runDir, initScripts: [countSipSockets] });
  await registered(con.page).waitFor({ timeout: 30_000 });
});

after(async () => {
  await voicemail?.close().catch(() => undefined);
  await con?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

/** A caller rings Essunga's number; the operator answers with F2. */
async function answerCaller(callerNumber: string, shown: string) {
  const page = con.page;
  const caller = await openPhone(browser, { gateway: true, callerNumber }, { manifest: lab.manifest, runDir });
  await caller.call('+4651257000');
  await page.getByText(shown).first().waitFor({ timeout: 30_000 }); // in the queue
  await page.keyboard.press('F2');
  await until('the call answered, audio flowing', async () => {
    const s = await con.stats();
    return s && s.ice === 'connected' && s.inboundBytes > 0;
  });
  return caller;
}

describe('the message pad', () => {
  test('after an unanswered transfer: Shift+F8, text, Alt+B, Ctrl+Enter; spoken into the voicemail, which records speech', async () => {
    const page = con.page;
    const employee = essungaPeople()[0]!;
    const ext = employee.extension!;
    const caller = await answerCaller('+46701234567', '070-123 45 67');
    try {
      // Safe transfer (F8) to an employee who is not registered: the caller comes back.
      const search = page.getByRole('searchbox').first();
      await search.fill(ext);
      await page.keyboard.press('F8');
      const recall = page.getByRole('group', { name: 'Kopplingen gick inte fram' });
      await recall.waitFor({ timeout: 60_000 });
      await search.fill('');

      // 1 key: the pad, prefilled from the call
      await page.keyboard.press('Shift+F8');
      const pad = page.getByRole('dialog', { name: 'Meddelande' });
      await pad.waitFor({ timeout: 15_000 });
      assert.equal(await pad.getByRole('textbox', { name: 'Till' }).inputValue(), ext, 'the employee sought');
      await pad.getByText('+46701234567').first().waitFor();
      await pad.getByText('Essunga kommun').waitFor();
      assert.equal(await pad.getByRole('checkbox', { name: 'Ring tillbaka' }).isChecked(), true, 'callback on by default');
      // the text goes where focus already is
      await page.keyboard.type('Gäller bygglovet, ring före tre');
      assert.equal(await pad.getByRole('textbox', { name: 'Meddelande' }).inputValue(), 'Gäller bygglovet, ring före tre');
      await page.keyboard.press('Alt+b'); // 2: urgent
      assert.equal(await pad.getByRole('checkbox', { name: 'Brådskande' }).isChecked(), true);
      await page.keyboard.press('Control+Enter'); // 3: send
      await pad.waitFor({ state: 'hidden', timeout: 15_000 });

      const [msg] = await until('the message stored', async () => {
        const l = (await list(page)).filter((m) => m.employeeExtension === ext);
        return l.length ? l : null;
      });
      assert.equal(msg!.urgent, true);
      assert.equal(msg!.callbackWanted, true);
      assert.equal(msg!.switchboardId, 'essunga');
      assert.deepEqual(
        msg!.deliveries.map((d) => d.channel),
        ['voice'],
        'the lab directory has no e-mail: the voicemail only',
      );

      const deposit = await until('a recorded deposit', async () => (await voicemail.deposits()).find((d) => d.mailbox === `vm-${ext}` && d.endedAt !== null), 120_000);
      assert.equal(deposit.messageId, msg!.id, 'the idempotency key travels with the call');
      assert.match(deposit.fromDisplayName, /Växeln/);
      const loud = deposit.levels.filter((l) => l > 0.01).length;
      const peak = Math.max(...deposit.levels);
      assert.ok(loud >= 40, `at least 2 s of speech energy arrived (${loud} loud 50 ms frames, peak ${peak.toFixed(3)})`);
      assert.ok(deposit.recordedBytes > 0, 'the voicemail recorded it');
      await until('voice delivered', async () => (await list(page)).find((m) => m.id === msg!.id)?.deliveries[0]?.status === 'delivered');
      await page.getByRole('region', { name: 'Meddelanden' }).getByText('Röstbrevlåda: levererad').first().waitFor({ timeout: 15_000 });
      assert.equal((await voicemail.deposits()).filter((d) => d.messageId === msg!.id).length, 1, 'deposited once');
    } finally {
      await page.keyboard.press('F4').catch(() => undefined);
      await caller.close();
    }
  });

  test('SIP MESSAGE to an offline employee: stored by msilo (skickad), received when they register', async () => {
    const page = con.page;
    const employee = essungaPeople()[1]!;
    const ext = employee.extension!;
    await page.evaluate(async (e) => {
      const s = await window.vaxel.messageGetSettings();
      await window.vaxel.messageSaveSettings({ ...s, perEmployee: { ...s.perEmployee, [e]: { channels: ['sip'], voiceFallback: null } } });
    }, ext);
    const caller = await answerCaller('+46317654321', '031-765 43 21');
    try {
      await page.getByRole('searchbox').first().fill(ext);
      await page.keyboard.press('Shift+F8');
      const pad = page.getByRole('dialog', { name: 'Meddelande' });
      await pad.waitFor({ timeout: 15_000 });
      await page.keyboard.type('Om fakturan');
      await page.keyboard.press('Control+Enter');
      await pad.waitFor({ state: 'hidden', timeout: 15_000 });
      const msg = await until('sent (stored by the PBX)', async () => (await list(page)).find((m) => m.employeeExtension === ext && m.deliveries[0]?.status === 'sent'));
      assert.equal(msg.deliveries[0]!.channel, 'sip');
      assert.equal(msg.deliveries[0]!.reason, null);
      const inbox = await openInbox(browser, lab.manifest, ext, employeePassword(lab.manifest, ext));
      try {
        const got = await until(
          'msilo delivers on REGISTER',
          async () => {
            const l = (await inbox.messages()).filter((m) => m.body.includes(msg.id));
            return l.length ? l : null;
          },
          30_000,
        );
        assert.equal(got.length, 1);
        assert.match(got[0]!.body, /Om fakturan/);
        assert.match(got[0]!.body, /Från: okänd, \+46317654321\n/, 'a name that is only the number is not repeated');
        assert.match(got[0]!.body, /Ring tillbaka: ja/);
      } finally {
        await inbox.close();
      }
    } finally {
      await page.keyboard.press('F4').catch(() => undefined);
      await caller.close();
    }
  });

  test('offline: taken while the PBX is gone, queued; after re-registration sent and received exactly once', async () => {
    const page = con.page;
    const employee = essungaPeople()[2]!;
    const ext = employee.extension!;
    await page.evaluate(async (e) => {
      const s = await window.vaxel.messageGetSettings();
      await window.vaxel.messageSaveSettings({ ...s, perEmployee: { ...s.perEmployee, [e]: { channels: ['sip'], voiceFallback: null } } });
    }, ext);
    const caller = await answerCaller('+46709876543', '070-987 65 43');
    let inbox: LabMailbox | undefined;
    try {
      await page.getByRole('searchbox').first().fill(ext);
      await page.keyboard.press('Shift+F8');
      const pad = page.getByRole('dialog', { name: 'Meddelande' });
      await pad.waitFor({ timeout: 15_000 }).catch(async (e) => {
        console.log('# page: ' + (await page.locator('body').innerText()).replace(/\n/g, ' | ').slice(0, 3000));
        throw e;
      });
      await lab.stopKamailio();
      await registered(page).waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByRole('textbox', { name: 'Meddelande' }).fill('Nätet låg nere');
      await page.keyboard.press('Control+Enter');
      await pad.waitFor({ state: 'hidden', timeout: 15_000 });
      const queued = await until('stored', async () => (await list(page)).find((m) => m.employeeExtension === ext));
      await sleep(4000);
      const still = (await list(page)).find((m) => m.id === queued.id)!;
      assert.equal(still.deliveries[0]!.status, 'queued', 'nothing can go while the PBX is unreachable');
      await page.getByRole('region', { name: 'Meddelanden' }).getByText('SIP-meddelande: köad').first().waitFor({ timeout: 15_000 });

      await lab.startKamailio();
      await registered(page).waitFor({ timeout: 120_000 });
      const back = Date.now();
      const done = await until('sent after reconnect', async () => {
        const m = (await list(page)).find((x) => x.id === queued.id)!;
        return m.deliveries[0]!.status === 'delivered' || m.deliveries[0]!.status === 'sent' ? m : null;
      });
      console.log(`# sent ${Date.now() - back} ms after the console was registered again (${done.deliveries[0]!.status})`);
      // The employee comes online only now: msilo holds the message and hands it over on their
      // REGISTER. (Registering them earlier raced the console's send: a MESSAGE stored in the
      // same instant as that REGISTER waits for the next one.)
      inbox = await openInbox(browser, lab.manifest, ext, employeePassword(lab.manifest, ext));
      const got = await until(
        'received',
        async () => {
          const l = (await inbox!.messages()).filter((m) => m.body.includes(queued.id));
          return l.length ? l : null;
        },
        30_000,
      );
      await sleep(3000); // a duplicate would arrive by now
      assert.equal((await inbox.messages()).filter((m) => m.body.includes(queued.id)).length, 1, 'received exactly once');
      assert.match(got[0]!.body, /Nätet låg nere/);
    } finally {
      await inbox?.close();
      await page.keyboard.press('F4').catch(() => undefined);
      await caller.close();
    }
  });
  test('one SIP WebSocket at a time for calls, lamps, MESSAGE and the voicemail deposit', async () => {
    const sip = await con.page.evaluate(() => (window as unknown as { __sip: { open: number; maxOpen: number; opened: number } }).__sip);
    assert.ok(sip.opened >= 1, `SIP sockets opened: ${JSON.stringify(sip)}`);
    assert.equal(sip.maxOpen, 1, `never more than one open at once: ${JSON.stringify(sip)}`);
    assert.equal(sip.open, 1, 'one open now');
  });

  test('callbacks (P-MAILBOX): when the same caller rings again the open message is shown; "Återringd" closes it', async () => {
    const page = con.page;
    const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
    try {
      await caller.call('+4651257000');
      const open = page.getByRole('alert', { name: 'Öppna meddelanden' });
      await open.waitFor({ timeout: 30_000 }); // already while it rings
      await open
        .getByText(/Öppet meddelande: .* sökte /)
        .first()
        .waitFor();
      await open
        .getByText(/Gäller bygglovet, ring före tre/)
        .first()
        .waitFor();
      const before = (await page.evaluate(() => window.vaxel.messageList({ limit: 50, openOnly: true }))).length;
      await open.getByRole('button', { name: 'Återringd' }).first().click();
      await until('closed', async () => (await page.evaluate(() => window.vaxel.messageList({ limit: 50, openOnly: true }))).length === before - 1);
    } finally {
      await caller.close();
    }
  });
});
