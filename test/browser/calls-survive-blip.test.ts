// Calls that survive a blip (issue 17 point 4), against the real lab (Kamailio, rtpengine): the
// console reaches Kamailio through a relay that can drop the connection (closed, refused for a
// few seconds) or go silent (every byte held, nothing closed). A call the operator is on stays
// up: the console reconnects, re-registers and re-INVITEs the dialog over the new connection;
// audio flows both ways afterwards (getStats), the caller's session never leaves Established, and
// the caller's own hang-up reaches the console over the new connection. Driven by role and name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openConsole, type ConsoleUnderTest } from '../support/console.js';
import { assertAudioFlows } from '../support/media.js';
import { startLabSession, stopLabSession, waitRegistered } from '../support/lab-session.js';
import { startCutProxy, type CutProxy } from '../support/net/cut-proxy.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-blip-'));
let lab: Lab;
let browser: Browser;
let proxy: CutProxy;
let op: ConsoleUnderTest;

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
  const ws = new URL(lab.manifest.wsUrl);
  proxy = await startCutProxy({ host: ws.hostname, port: Number(ws.port) });
  op = await openConsole({
    browser,
    manifest: lab.manifest,
    runDir,
    settings: (s) => ({ ...s, accounts: s.accounts.map((a, i) => (i === 0 ? { ...a, servers: [proxy.url] } : a)) }),
  });
  await waitRegistered(op.page);
});

after(async () => {
  await op?.close().catch(() => undefined);
  await proxy?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

async function answeredCall(page: Page): Promise<{ caller: LabPhone; callId: string }> {
  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  const callId = await caller.call('+4651257000');
  await page.getByRole('list', { name: 'Samtalskö' }).getByRole('listitem').filter({ hasText: 'Välkommen till Essunga kommun' }).waitFor({ timeout: 10000 });
  await page.keyboard.press('F2');
  await page.getByRole('region', { name: 'Pågående samtal' }).getByText('Samtal pågår').waitFor({ timeout: 10000 });
  await caller.waitState('Established', callId);
  return { caller, callId };
}

/** Polls the caller's session while `during` runs: every state it was seen in. */
async function callerStatesDuring(caller: LabPhone, callId: string, during: () => Promise<void>): Promise<Set<string>> {
  const seen = new Set<string>();
  let done = false;
  const poll = (async () => {
    while (!done) {
      const s = (await caller.sessions()).find((x) => x.id === callId);
      seen.add(s?.state ?? 'gone');
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  try {
    await during();
  } finally {
    done = true;
    await poll;
  }
  return seen;
}

async function survives(fault: (p: CutProxy) => void, label: string): Promise<void> {
  const page = op.page;
  const status = page.getByRole('status', { name: 'Status' });
  const panel = page.getByRole('region', { name: 'Pågående samtal' });
  const { caller, callId } = await answeredCall(page);
  try {
    await assertAudioFlows(() => op.stats(), { bothWays: true, label: `${label}: before` });
    const connections = proxy.accepted;
    const states = await callerStatesDuring(caller, callId, async () => {
      fault(proxy);
      await status.getByText('Återansluter', { exact: false }).waitFor({ timeout: 20000 });
      await status.getByText('Registrerad', { exact: true }).waitFor({ timeout: 30000 });
      assert.ok(proxy.accepted > connections, 'the console made a new connection');
      await panel.getByText('Samtal pågår').waitFor({ timeout: 2000 });
      await assertAudioFlows(() => op.stats(), { bothWays: true, label: `${label}: after` });
    });
    assert.deepEqual([...states], ['Established'], `${label}: the caller never heard the call end`);
    assert.equal(await page.getByRole('alert').filter({ hasText: 'samtalet avslutades' }).count(), 0, 'no "call ended" alert');
    // The dialog now runs over the new connection: the caller's BYE reaches the console.
    await caller.hangup(callId);
    await panel.getByText('Inget samtal', { exact: true }).waitFor({ timeout: 10000 });
  } finally {
    await caller.close();
  }
}

test('a dropped connection, refused for 5 s: the call stays up, audio resumes, the caller never hears it end', async () => {
  await survives((p) => p.cut(5000), 'drop');
});

test('a silent drop for 12 s (nothing closed, every byte held): the keep-alive finds it, the call stays up', async () => {
  await survives((p) => p.freeze(12000), 'silent');
});
