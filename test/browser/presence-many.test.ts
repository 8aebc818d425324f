// Many busy lamps against the lab's Kamailio: 300 favourites (the lab's subscribers and
// unregistered extensions) all become known, every lamp and absence once subscribed, and the
// digest credentials of the first SUBSCRIBEs are reused (RFC 3261 22.3): only the first window of
// SUBSCRIBEs, sent before any challenge was known, is challenged (407) and sent again. Then a
// burst of dialog PUBLISHes turns exactly the published rows busy, each row's lamp independent
// of its neighbours' (one store per extension). Counted with a WebSocket hook in the page
// (test side); the favourites are driven through settings, the rows read by role.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { MAX_IN_FLIGHT } from '../../renderer/sip/presence/index.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';

const WATCHED = 300;
const BURST = 40;
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-presence-many-'));
let lab: Lab;
let browser: Browser;
let cut: ConsoleUnderTest;
let page: Page;
let publisher: LabPhone;
let exts: string[] = [];

/** Test-side: CSeq number, event and authorization of every SUBSCRIBE the console sends, and 407s received. */
const SUBSCRIBE_HOOK = `(() => {
  window.__subs = []; window.__challenged = 0;
  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (d) {
    if (typeof d === 'string' && d.startsWith('SUBSCRIBE ')) {
      window.__subs.push({ cseq: Number(/\\r\\nCSeq:\\s*(\\d+)/i.exec(d)?.[1] ?? 0), event: /\\r\\nEvent:\\s*([\\w-]+)/i.exec(d)?.[1] ?? '', auth: /\\r\\n(Proxy-)?Authorization:/i.test(d), callId: /\\r\\nCall-ID:\\s*(\\S+)/i.exec(d)?.[1] ?? '' });
    }
    return send.call(this, d);
  };
  window.WebSocket = class extends Native {
    constructor(u, p) {
      super(u, p);
      this.addEventListener('message', (e) => { if (typeof e.data === 'string' && /^SIP\\/2\\.0 40[17] /.test(e.data) && /\\r\\nCSeq:\\s*\\d+ SUBSCRIBE/i.test(e.data)) window.__challenged++; });
    }
  };
})()`;

const rows = () => page.getByRole('list', { name: 'Favoriter' }).getByRole('listitem');

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  const subscribers = [...new Set(lab.org.people.map((p) => p.extension).filter((e): e is string => Boolean(e)))];
  exts = subscribers.slice(0, WATCHED);
  for (let n = 6000; exts.length < WATCHED; n++) if (!exts.includes(String(n))) exts.push(String(n));
  cut = await openConsole({
    browser,
    manifest: lab.manifest,
    runDir, // the paced per-extension mode under test here (resource lists: presence-lists.test.ts)
    settings: (s) => ({ ...s, favourites: exts, presenceLists: { mode: 'off', lists: [] } }),
    initScripts: [SUBSCRIBE_HOOK],
  });
  page = cut.page;
  await waitRegistered(page, 30000);
  const op2 = lab.manifest.operators[1]!;
  publisher = await openPhone(browser, { username: op2.username, password: op2.password }, { manifest: lab.manifest, runDir, register: false, name: 'publisher' });
});

after(async () => {
  await cut?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

test(`${WATCHED} favourites: every lamp and absence known, credentials reused after the first window`, async () => {
  assert.equal(await rows().count(), WATCHED);
  const list = page.getByRole('list', { name: 'Favoriter' });
  await page.waitForFunction(() => !document.querySelector('ul[aria-label="Favoriter"] [data-lamp="unknown"], ul[aria-label="Favoriter"] [data-absence="unknown"]'), undefined, { timeout: 60000 });
  assert.equal((await list.locator('[data-lamp="idle"]').count()) + (await list.locator('[data-lamp="busy"], [data-lamp="ringing"]').count()), WATCHED);
  const { subs, challenged } = await page.evaluate(() => {
    const w = window as unknown as { __subs: { cseq: number; event: string; auth: boolean; callId: string }[]; __challenged: number };
    return { subs: w.__subs, challenged: w.__challenged };
  });
  const dialogs = new Set(subs.map((s) => s.callId));
  assert.equal(dialogs.size, 2 * WATCHED, 'one subscription per extension and event');
  assert.equal(new Set(subs.filter((s) => s.event === 'dialog').map((s) => s.callId)).size, WATCHED);
  // only SUBSCRIBEs sent before the first challenge was answered go without credentials
  const first = subs.filter((s) => s.cseq === 1);
  assert.ok(first.filter((s) => !s.auth).length <= MAX_IN_FLIGHT, `${first.filter((s) => !s.auth).length} SUBSCRIBEs without credentials`);
  assert.ok(challenged <= MAX_IN_FLIGHT, `${challenged} SUBSCRIBEs challenged`);
  assert.ok(subs.length <= 2 * WATCHED + MAX_IN_FLIGHT, `${subs.length} SUBSCRIBEs for ${2 * WATCHED} subscriptions`);
});

test('a burst of dialog PUBLISHes turns exactly those rows busy', async () => {
  const domain = lab.manifest.sipDomain;
  const targets = exts.slice(WATCHED - BURST);
  const statuses = await Promise.all(
    targets.map((e) =>
      publisher.publish(
        `<?xml version="1.0"?>\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:${e}@${domain}"><dialog id="t${e}" direction="recipient"><state>confirmed</state></dialog></dialog-info>`,
        e,
        'dialog',
        'application/dialog-info+xml',
      ),
    ),
  );
  assert.deepEqual([...new Set(statuses)], [200]);
  const list = page.getByRole('list', { name: 'Favoriter' });
  await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Favoriter"] [data-lamp="busy"]').length >= n, BURST, { timeout: 20000 });
  const busy = await list.locator('[data-lamp="busy"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.ext ?? ''));
  assert.deepEqual(busy.sort(), [...targets].sort());
  await assert.doesNotReject(list.getByRole('listitem').filter({ hasText: 'Linje: Upptagen' }).first().waitFor({ timeout: 5000 }));
});
