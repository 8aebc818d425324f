// The fault suite, SIP level (issue 17 point 2): the built console on the web host, registered to a
// stand-in WebSocket SIP server that then sends every RFC 4475 torture message and a seeded mutant
// of every message kind the console receives for every mutation (byte flips, truncation, huge and
// repeated headers, giant SDP, billion laughs, deep nesting, malformed XML, invalid UTF-8, wrong
// tags / Call-ID / CSeq). After each case: an OPTIONS probe is answered, the status bar says
// "Registrerad", no call is left in the queue, and the page threw nothing. After each group a
// fresh REGISTER must arrive. A failing case prints its seed; VAXEL_FAULT_SEED=<seed> replays it
// alone (VAXEL_FAULT_RUN_SEED changes the whole run).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { header } from '../support/sip-text.js';
import { openConsoleUnderFaults, until, type ConsoleUnderFaults } from '../support/faults/console-under-faults.js';
import { KINDS, MUTATIONS, mutant, type FaultCase } from '../support/faults/mutants.js';
import { caseSeed, replaySeed, runSeed, xorshift32 } from '../support/faults/prng.js';
import { adaptRfc4475, rfc4475Messages } from '../support/faults/rfc4475.js';

const REGISTER_EXPIRES = 4; // a fresh REGISTER every ~4 s: the group check waits for one
let c: ConsoleUnderFaults;

before(async () => {
  assertLoopbackOnly('The fault suite');
  c = await openConsoleUnderFaults({ name: 'faults-sip', registerExpires: REGISTER_EXPIRES });
  await until('registered', async () => /^Registrerad/.test(await c.status()), 20_000);
});

after(async () => {
  await c?.close();
});

const cancelled = new Set<string>();

/** Every INVITE the console took (it rang, no final answer yet): CANCEL it as the caller would, built from its 18x. */
function cancelRinging(): void {
  for (const m of c.server.received) {
    if (!m.text.startsWith('SIP/2.0 18')) continue;
    const callId = header(m.text, 'Call-ID');
    if (cancelled.has(callId) || c.server.answers.some((a) => a.id === callId)) continue;
    cancelled.add(callId);
    const r = m.text;
    const to = header(r, 'To').replace(/;tag=[^;]*/, '');
    const cseq = header(r, 'CSeq').split(' ')[0];
    const contact = /<(sip:[^>]+)>/.exec(header(c.lastRegister(), 'Contact'))?.[1] ?? '';
    c.server.send(
      [
        `CANCEL ${contact} SIP/2.0`,
        `Via: ${header(r, 'Via')}`,
        'Max-Forwards: 70',
        `From: ${header(r, 'From')}`,
        `To: ${to}`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} CANCEL`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  }
}

/** Sends one case and checks the console afterwards; a failure names the case and its seed. */
async function run(seed: number, made: () => FaultCase): Promise<void> {
  const replay = replaySeed();
  if (replay !== null && replay !== seed) return;
  const k = made();
  const errorsBefore = c.errors.length;
  try {
    c.server.send(k.data, { binary: k.binary });
    assert.equal(await c.probe(5000), 200, 'the OPTIONS probe answered 200');
    cancelRinging();
    await until('no call left in the queue', async () => (await c.queued()) === 0, 5000);
    await until('no SIP.js session left over', async () => (await c.sessions()) === 0, 5000);
    assert.match(await c.status(), /^Registrerad/, 'the status bar says registered');
    assert.deepEqual(c.errors.slice(errorsBefore), [], 'the page threw nothing');
  } catch (error) {
    const state = `connections ${c.server.connections}, status ${JSON.stringify(await c.status().catch(() => '?'))}, errors ${JSON.stringify(c.errors.slice(errorsBefore))}`;
    throw new Error(`fault case "${k.label}" failed; replay: VAXEL_FAULT_SEED=${seed} (${(error as Error).message}; ${state})`, { cause: error });
  }
}

async function freshRegister(group: string): Promise<void> {
  const since = Date.now();
  await until(`${group}: a fresh REGISTER after the group`, () => c.server.count('REGISTER', since) > 0, (REGISTER_EXPIRES + 3) * 1000);
  await until(`${group}: registered after it`, async () => /^Registrerad/.test(await c.status()), 3000);
}

test('every RFC 4475 torture message: the console answers, stays registered, leaks no call, throws nothing', async () => {
  const base = runSeed();
  const messages = rfc4475Messages();
  let i = 0;
  for (const m of messages) {
    const seed = caseSeed(base, i++);
    await run(seed, () => ({
      label: `RFC 4475 ${m.name}`,
      data: adaptRfc4475(m, c.lastRegister()),
      binary: m.frame === 'binary',
      callId: '',
      kind: m.kind === 'request' ? 'OPTIONS' : 'REGISTER response',
    }));
  }
  await freshRegister('RFC 4475');
  console.log(`# ${messages.length} RFC 4475 messages`);
});

for (const [k, kind] of KINDS.entries()) {
  test(`seeded mutants of ${kind} (${MUTATIONS.length} mutations): the console answers, stays registered, leaks no call, throws nothing`, async () => {
    const base = runSeed();
    const started = Date.now();
    for (const [m, mutation] of MUTATIONS.entries()) {
      const seed = caseSeed(base, 1000 + k * 100 + m);
      await run(seed, () => mutant(kind, mutation, { register: c.lastRegister(), subscribe: c.lastSubscribe() }, xorshift32(seed)));
    }
    await freshRegister(kind);
    console.log(`# ${kind}: ${MUTATIONS.length} mutants in ${Date.now() - started} ms`);
  });
}
