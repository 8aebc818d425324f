// The closed message in the PBX (P-AFTERHOURS), end to end with the lab's real Kamailio:
// the switchboard service (main) computes the schedule with an injected clock and pushes it over
// JSON-RPC; Kamailio's own clock is moved to the same instant (libfaketime), and decides per call.
//  - Thursday 18:00, with no console running at all (the service has pushed and stopped): a
//    caller to Essunga hears speech from the announcer; the operator's phone does not ring.
//  - midsommarafton 10:00 (a Friday, open on a normal week): the closed message.
//  - Monday 10:00 (open): the operator rings (also when the PBX holds a closed interval that is past
//    its validity); "Stäng växeln" (night service) -> the next caller
//    hears the message and the operator does not ring; "Öppna växeln" -> the operator rings again.
// Speech is proven by the caller's received audio energy (getStats totalAudioEnergy) growing; the
// announcer sends no microphone, only the prompt WAV made with espeak-ng from the catalogue text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Lab } from '../../lab/lab.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { openAnnouncer, type LabAnnouncer } from '../../lab/announcer/announcer.js';
import { createMemoryLogger } from '../../main/services/log/logger.js';
import { createKamailioControl, createSwitchboardService, type SwitchboardService } from '../../main/services/switchboard/index.js';
import { switchboardHours, type SwitchboardHours } from '../../common/switchboard/schema.js';
import { startLabSession, stopLabSession } from '../support/lab-session.js';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-sb-e2e-'));
const dataDir = path.join(runDir, 'console-data');
fs.mkdirSync(dataDir, { recursive: true });
let lab: Lab;
let browser: Browser;
let announcer: LabAnnouncer | undefined;
let operator: LabPhone | undefined;
const log = createMemoryLogger();
let hours: SwitchboardHours = switchboardHours({});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The injected clock: "fake" at the moment the scene was set, running at real speed from there.
let scene = { fake: 0, real: 0 };
const now = () => scene.fake + (Date.now() - scene.real);

function service(): SwitchboardService {
  return createSwitchboardService({
    control: createKamailioControl({ url: `http://127.0.0.1:${lab.manifest.ports.sipWs}/RPC`, token: lab.rpcToken, promptDir: lab.promptDir }),
    hours: () => hours,
    saveHours: (h) => void (hours = h),
    numbers: () => ({ essunga: ['0512-570 00'], grastorp: ['0514-580 00'] }),
    operator: () => 'op1',
    dataDir,
    log,
    now,
    refreshMs: 0,
  });
}

/** Moves the PBX's clock (restart under libfaketime) and ours to `fakeMs`; re-registers the endpoints. */
async function setScene(fakeMs: number) {
  await operator?.close();
  await announcer?.close();
  await lab.stopKamailio();
  scene = { fake: fakeMs, real: Date.now() };
  await lab.startKamailio({ clockOffsetSeconds: (fakeMs - Date.now()) / 1000 });
  announcer = await openAnnouncer(browser, lab);
  const op = lab.manifest.operators[0]!;
  operator = await openPhone(browser, { username: op.username, password: op.password }, { manifest: lab.manifest, runDir });
}

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const incoming = async () => (await operator!.sessions()).filter((s) => s.dir === 'in').length;

/** Calls a switchboard number and asserts the closed message: speech arrives, the operator does not ring. */
async function assertClosedMessage(number: string, municipality: string, label: string) {
  const before = (await announcer!.announcements()).length;
  const ringsBefore = await incoming();
  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' }, { manifest: lab.manifest, runDir });
  try {
    const id = await caller.call(number);
    await caller.waitState('Established', id, 15_000);
    const a = await until('the announcer answered', async () => (await announcer!.announcements())[before]);
    assert.equal(a.municipality, municipality, `${label}: the municipality's own message`);
    assert.equal(a.error, null);
    assert.ok(a.promptMs > 5000, `${label}: a prompt of some seconds (${a.promptMs} ms)`);
    const first = await until('media', () => caller.stats(id));
    await sleep(3000);
    const second = (await caller.stats(id))!;
    const energy = second.audioEnergy - first.audioEnergy;
    assert.ok(['connected', 'completed'].includes(second.ice), `${label}: ICE ${second.ice}`);
    assert.ok(second.inboundBytes > first.inboundBytes, `${label}: audio arrives`);
    console.log(`${label}: received audio energy over 3 s ${energy.toFixed(4)} (prompt ${a.promptMs} ms)`);
    assert.ok(energy > 0.005, `${label}: speech energy at the caller over 3 s (${energy.toFixed(4)})`);
    assert.equal(await incoming(), ringsBefore, `${label}: the operator's phone did not ring`);
    await caller.hangup(id);
    return energy;
  } finally {
    await caller.close();
  }
}

/** Calls a switchboard number and asserts the operator rings (and the announcer does not answer). */
async function assertOperatorRings(number: string, label: string) {
  const before = (await announcer!.announcements()).length;
  const ringsBefore = await incoming();
  const caller = await openPhone(browser, { gateway: true, callerNumber: '+46709876543' }, { manifest: lab.manifest, runDir });
  try {
    const id = await caller.call(number);
    await until(`${label}: the operator rings`, async () => (await incoming()) > ringsBefore);
    assert.equal((await announcer!.announcements()).length, before, `${label}: no closed message`);
    await caller.hangup(id).catch(() => undefined);
  } finally {
    await caller.close();
  }
}

before(async () => {
  ({ lab, browser } = await startLabSession(runDir));
});

after(async () => {
  await operator?.close().catch(() => undefined);
  await announcer?.close().catch(() => undefined);
  await stopLabSession({ lab, browser, runDir });
});

describe('the closed message, played by the PBX', () => {
  test('Thursday 18:00 with no console running: the caller hears the closed message, no operator rings', async () => {
    await setScene(Date.parse('2026-06-18T16:00:00Z')); // 18:00 CEST
    const svc = service();
    await svc.start(); // speech made, prompts installed, state pushed ...
    const status = svc.status();
    svc.close(); // ... and no console any more
    assert.deepEqual(
      status.municipalities.map((m) => [m.municipality, m.open, m.closedBy]),
      [
        ['essunga', false, 'schedule'],
        ['grastorp', false, 'schedule'],
      ],
    );
    assert.equal(status.pbx.lastPush?.ok, true);
    assert.ok(fs.statSync(path.join(lab.promptDir, 'closed-essunga.wav')).size > 80_000, 'the spoken message is a WAV of some seconds');
    await assertClosedMessage('+4651257000', 'essunga', 'Essunga 18:00');
    await assertClosedMessage('+4651458000', 'grastorp', 'Grästorp 18:00');
  });

  test('midsommarafton 10:00: closed all day, the caller hears the message', async () => {
    await setScene(Date.parse('2026-06-19T08:00:00Z')); // Friday 10:00 CEST
    const svc = service();
    await svc.push(); // prompts are in place from the evening before
    const essunga = svc.status().municipalities[0]!;
    assert.equal(essunga.open, false);
    assert.equal(new Date(essunga.nextChange!).toISOString(), '2026-06-22T06:00:00.000Z', 'opens Monday 08:00');
    svc.close();
    await assertClosedMessage('+4651257000', 'essunga', 'midsommarafton');
  });

  test('Monday 10:00: the operator rings; night service closes (message), reopening rings the operator again', async () => {
    await setScene(Date.parse('2026-06-22T08:00:00Z')); // Monday 10:00 CEST
    const svc = service();
    try {
      await svc.start();
      assert.equal(svc.status().municipalities[0]!.open, true);
      await assertOperatorRings('+4651257000', 'open by schedule');

      // a schedule the PBX holds past its horizon is not trusted: a closed interval covering now,
      // but valid only until a second ago, still forks to the operators
      const t = now();
      await createKamailioControl({ url: `http://127.0.0.1:${lab.manifest.ports.sipWs}/RPC`, token: lab.rpcToken }).apply({
        generatedAt: t - 86_400_000,
        validUntil: Math.floor(t / 1000) * 1000 - 1000,
        municipalities: [{ municipality: 'essunga', numbers: ['+4651257000'], nightService: null, closed: [{ from: t - 3_600_000, to: t + 3_600_000 }] }],
      });
      await assertOperatorRings('+4651257000', 'stale schedule');
      await svc.push();

      const closed = await svc.setNightService('essunga', true); // "Stäng växeln"
      assert.deepEqual(closed.municipalities[0]!.nightService && { ...closed.municipalities[0]!.nightService, at: 0 }, { closed: true, by: 'op1', at: 0 });
      assert.equal(closed.municipalities[0]!.closedBy, 'night-service');
      await assertClosedMessage('+4651257000', 'essunga', 'night service');
      await assertOperatorRings('+4651458000', 'Grästorp stays open');

      await svc.setNightService('essunga', false); // "Öppna växeln"
      await assertOperatorRings('+4651257000', 'reopened');
    } finally {
      svc.close();
    }
    const lines = log.lines.join('\n');
    assert.match(lines, /switchboard\.closed-by-operator.*"municipality":"essunga".*"by":"op1"/);
    assert.match(lines, /switchboard\.opened-by-operator/);
    assert.doesNotMatch(lines, /4670|46512|46514/, 'no numbers in the log');
  });
});
