// The switchboard lab end to end: real Kamailio, rtpengine, SIPp and Chromium with SIP.js.
// Must run inside a loopback-only network namespace (CI does that); elsewhere it FAILS with
// the command to use, because a silently skipped media test proves nothing.
//   ip netns exec vaxel-lab-dev node --import tsx --test test/browser/lab-calls.test.ts
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { employeePassword } from '../../lab/manifest.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { openPhone, type LabPhone } from '../../lab/phone/phone.js';
import { closePhonePageServer } from '../../lab/phone/server.js';
import { startSippCall } from '../../lab/sipp.js';
import { assertAudioFlows } from '../support/media.js';

let lab: Lab;
let browser: Browser;
const phones: LabPhone[] = [];
const CALLER = '+46701234567';

before(async () => {
  assertLoopbackOnly('test/browser/lab-calls.test.ts');
  lab = await startLab({ writeDemoDirectory: false });
  browser = await launchChromium({ runDir: lab.runDir });
});

after(async () => {
  for (const p of phones) await p.close().catch(() => undefined);
  await browser?.close();
  await closePhonePageServer();
  await lab?.stop();
});

async function employeePhone(index: number): Promise<{ phone: LabPhone; ext: string; directNumber: string }> {
  const person = lab.org.people[index]!;
  const phone = await openPhone(browser, { username: person.extension, password: employeePassword(lab.manifest, person.extension) }, { autoAnswer: true, runDir: lab.runDir });
  phones.push(phone);
  return { phone, ext: person.extension, directNumber: person.directNumber };
}

async function gatewayCaller(displayName: string): Promise<LabPhone> {
  const phone = await openPhone(browser, { gateway: true, callerNumber: CALLER, displayName }, { runDir: lab.runDir });
  phones.push(phone);
  return phone;
}

/** Polls a phone until it has the incoming call. */
async function incoming(phone: LabPhone, callId: string, timeoutMs = 5000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const s = (await phone.sessions()).find((x) => x.id === callId && x.dir === 'in');
    if (s) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${phone.name} never saw call ${callId}`);
}

test('a PSTN caller reaches an employee by direct number, with audio both ways', async () => {
  const employee = await employeePhone(0);
  const caller = await gatewayCaller('Anna Andersson');
  const callId = await caller.call(employee.directNumber);
  await caller.waitState('Established', callId);
  await employee.phone.waitState('Established', callId);

  const seen = await incoming(employee.phone, callId);
  // the trunk asserted the caller number; Kamailio let it through unchanged
  assert.equal(seen.from, `sip:${CALLER}@${lab.manifest.sipDomain}`);
  assert.equal(seen.fromDisplayName, 'Anna Andersson');
  // the R-URI was rewritten to the employee's contact; To still carries the number dialled
  assert.equal(seen.to, `sip:${employee.directNumber}@${lab.manifest.sipDomain}`);

  await assertAudioFlows(() => caller.stats(callId), { bothWays: true, label: 'caller' });
  await assertAudioFlows(() => employee.phone.stats(callId), { bothWays: true, label: 'employee' });
  await caller.hangup(callId);
  await employee.phone.waitState('Terminated', callId);
});

test('a call to the Essunga number rings both operators in parallel, To = the dialled number', async () => {
  const [op1, op2] = lab.manifest.operators;
  const operators = await Promise.all([op1!, op2!].map((op) => openPhone(browser, op, { runDir: lab.runDir, name: op.username })));
  phones.push(...operators);
  const essunga = lab.manifest.switchboards.find((s) => s.id === 'essunga')!.numbers[0]!;
  const caller = await gatewayCaller('Bertil Karlsson');
  const callId = await caller.call(essunga);

  const rings = await Promise.all(operators.map((p) => incoming(p, callId)));
  rings.forEach((ring, i) => {
    assert.equal(ring.to, `sip:${essunga}@${lab.manifest.sipDomain}`, `${operators[i]!.name}: To`);
    // Kamailio routed on the R-URI (the operator's contact) and left To alone
    assert.ok(!ring.requestUri.includes(essunga), `${operators[i]!.name}: R-URI ${ring.requestUri}`);
    assert.equal(ring.state, 'Initial', `${operators[i]!.name} is ringing, not answered`);
  });

  await operators[1]!.answer(callId);
  await caller.waitState('Established', callId);
  // the other operator's ringing leg is cancelled
  await operators[0]!.waitState('Terminated', callId);
  await assertAudioFlows(() => operators[1]!.stats(callId), { bothWays: true, label: 'op2' });
  await caller.hangup(callId);
  await operators[1]!.waitState('Terminated', callId);

  // an operator who logs off (WebSocket closed) is skipped; the other still gets the call
  await operators[0]!.close();
  phones.splice(phones.indexOf(operators[0]!), 1);
  const grastorp = lab.manifest.switchboards.find((s) => s.id === 'grastorp')!.numbers[0]!;
  const second = await caller.call(grastorp);
  const ring = await incoming(operators[1]!, second);
  assert.equal(ring.to, `sip:${grastorp}@${lab.manifest.sipDomain}`);
  await operators[1]!.answer(second);
  await caller.waitState('Established', second);
  await assertAudioFlows(() => caller.stats(second), { bothWays: true, label: 'caller to Grästorp' });
  await caller.hangup(second);
});

test('a plain-RTP SIPp caller reaches a SIP.js phone through rtpengine, with audio', async () => {
  const employee = await employeePhone(1);
  const sipp = startSippCall({
    manifest: lab.manifest,
    target: employee.ext,
    callerNumber: '+46705550123',
    displayName: 'SIPp',
    holdMs: 4000,
    runDir: lab.runDir,
  });
  const s = await employee.phone.waitState('Established', undefined, 10000);
  assert.equal(s.from, `sip:+46705550123@${lab.manifest.sipDomain}`);
  const flow = await assertAudioFlows(() => employee.phone.stats(s.id), { label: 'employee from SIPp' });
  const stats = await employee.phone.stats(s.id);
  // PCMA from the pcap, bridged by rtpengine to DTLS-SRTP: proof the call went through it
  assert.equal(stats?.codec, 'audio/PCMA');
  assert.ok(flow.inboundDelta > 8000, `only ${flow.inboundDelta} bytes in 1.5 s`);
  assert.equal(await sipp.done, 0, `SIPp failed; see ${sipp.messageLog}`);
});

test('only the gateway account may assert another caller number in From', async () => {
  const ext = lab.org.people[2]!.extension;
  // an employee's credentials with a spoofed PSTN number: Kamailio must refuse (403)
  const spoof = startSippCall({
    manifest: { ...lab.manifest, gateway: { username: ext, password: employeePassword(lab.manifest, ext) } },
    target: lab.org.people[0]!.extension,
    callerNumber: '+46709999999',
    holdMs: 1000,
    runDir: lab.runDir,
    sipPort: 5071,
    mediaPort: 6100,
  });
  assert.notEqual(await spoof.done, 0, 'the spoofed call must not succeed');
  assert.match(fs.readFileSync(spoof.messageLog, 'utf8'), /^SIP\/2\.0 403 From does not match the account/m);
});

test('a plain-RTP caller to a switchboard number rings both WebRTC operators; the answering one gets audio', async () => {
  const operators = await Promise.all(lab.manifest.operators.map((op) => openPhone(browser, op, { runDir: lab.runDir, name: `${op.username}-b` })));
  phones.push(...operators);
  const sipp = startSippCall({
    manifest: lab.manifest,
    target: lab.manifest.switchboards.find((s) => s.id === 'essunga')!.numbers[0]!,
    callerNumber: '+46701112233',
    holdMs: 5000,
    runDir: lab.runDir,
    sipPort: 5072,
    mediaPort: 6200,
  });
  const first = await operators[0]!.waitState('Initial', undefined, 8000);
  const ring = await incoming(operators[1]!, first.id);
  await operators[1]!.answer(ring.id);
  await operators[1]!.waitState('Established', ring.id);
  await operators[0]!.waitState('Terminated', first.id);
  // one rtpengine offer per forked branch: the answered branch must be the one bridged
  await assertAudioFlows(() => operators[1]!.stats(ring.id), { label: 'op2 from SIPp' });
  assert.equal(await sipp.done, 0, `SIPp failed; see ${sipp.messageLog}`);
});
