// The fault suite, WebSocket level (issue 17 points 2 and 3): the built console on the web host
// against a stand-in WebSocket SIP server that fragments messages into continuation frames, sends
// binary frames, floods, closes with bad codes, drops TCP without a close, sends a text frame that
// is not UTF-8, and freezes (no answer, socket open). After each: the console answers an OPTIONS
// probe and is registered (a new REGISTER seen where the connection was lost), and the page threw
// nothing but the browser's own report of the broken connection. Then reconnection that fits the
// fault: 10 drops in a row, each re-registered (times printed, not asserted: npm run bench --
// reconnect); the status bar never says "Registrering misslyckades" for a drop being mended; a
// server that is gone shows "Återansluter …", then "Ej ansluten", and registers when it is back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { openConsoleUnderFaults, until, type ConsoleUnderFaults } from '../support/faults/console-under-faults.js';
import { caseSeed, int, replaySeed, runSeed, xorshift32 } from '../support/faults/prng.js';
import { StandInRegistrar } from '../support/faults/stand-in-registrar.js';

let c: ConsoleUnderFaults;
/** Every text the registration part of the status bar showed (a MutationObserver in the page). */
const shown = () => c.page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);

/** The browser reports a connection it failed itself (bad UTF-8, bad close code) on the console: not a page error. */
const BROWSER_WS_REPORT = /^console\.error: WebSocket connection to '.*' failed/;

before(async () => {
  assertLoopbackOnly('The fault suite');
  c = await openConsoleUnderFaults({ name: 'faults-ws' });
  await until('registered', async () => /^Registrerad/.test(await c.status()), 20_000);
  await c.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __shown: string[] }).__shown = seen;
    // the status bar's region (other screens have role="status" lines of their own)
    const region = document.querySelector('.registration')!.closest('[role="status"]')!;
    new MutationObserver(() => {
      const text = region.querySelector('.registration')?.textContent ?? '';
      if (seen[seen.length - 1] !== text) seen.push(text);
    }).observe(region, { subtree: true, childList: true, characterData: true });
  });
});

after(async () => {
  await c?.close();
});

function options(callId: string): string {
  const reg = c.lastRegister();
  const contact = /<(sip:[^>]+)>/.exec(/^Contact:\s*(.*)$/im.exec(reg)?.[1] ?? '')?.[1] ?? '';
  const to = (/^To:\s*(.*)$/im.exec(reg)?.[1] ?? '').replace(/;tag=[^;]*/, '').trim();
  return [
    `OPTIONS ${contact} SIP/2.0`,
    `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-${callId}`,
    'Max-Forwards: 70',
    `From: <sip:ws@127.0.0.1>;tag=${callId}`,
    `To: ${to}`,
    `Call-ID: ${callId}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Runs one WebSocket fault; `lost` says the connection is expected to go (a new REGISTER must come). */
async function run(label: string, index: number, lost: boolean, fault: (rng: () => number) => Promise<void> | void): Promise<void> {
  const seed = caseSeed(runSeed(), 5000 + index);
  const replay = replaySeed();
  if (replay !== null && replay !== seed) return;
  const errorsBefore = c.errors.length;
  const connections = c.server.connections;
  const since = Date.now();
  try {
    await fault(xorshift32(seed));
    if (lost) await until('a new connection and REGISTER', () => c.server.connections > connections && c.server.count('REGISTER', since) > 0, 15_000);
    await until('registered', async () => /^Registrerad/.test(await c.status()), 10_000);
    assert.equal(await c.probe(5000), 200, 'the OPTIONS probe answered 200');
    assert.deepEqual(
      c.errors.slice(errorsBefore).filter((e) => !BROWSER_WS_REPORT.test(e)),
      [],
      'the page threw nothing',
    );
  } catch (error) {
    throw new Error(`WebSocket fault "${label}" failed; replay: VAXEL_FAULT_SEED=${seed} (${(error as Error).message}; connections ${c.server.connections})`, { cause: error });
  }
}

test('WebSocket faults: fragmentation, binary frames, flood, bad close codes, TCP drop, non-UTF-8 text, silent freeze', async () => {
  await run('an OPTIONS in continuation frames', 0, false, async (rng) => {
    const id = `frag-${int(rng, 0, 1e9)}`;
    const text = Buffer.from(options(id));
    const pieces = int(rng, 2, 40);
    const size = Math.ceil(text.length / pieces);
    for (let at = 0; at < text.length; at += size) c.server.send(text.subarray(at, at + size), { fin: at + size >= text.length });
    await until('the fragmented OPTIONS answered', () => c.server.answers.some((a) => a.id === id), 5000);
  });
  await run('an OPTIONS and seeded junk as binary frames', 1, false, async (rng) => {
    const id = `bin-${int(rng, 0, 1e9)}`;
    for (let k = int(rng, 5, 50); k > 0; k--) c.server.send(Buffer.from(Array.from({ length: int(rng, 1, 4000) }, () => int(rng, 0, 255))), { binary: true });
    c.server.send(Buffer.from(options(id)), { binary: true });
    await until('the binary OPTIONS answered', () => c.server.answers.some((a) => a.id === id), 5000);
  });
  await run('a flood of 5,000 small frames (CRLF keep-alives, junk, OPTIONS)', 2, false, async (rng) => {
    const ids: string[] = [];
    for (let k = 0; k < 5000; k++) {
      const pick = int(rng, 0, 9);
      if (pick === 0) {
        const id = `flood-${k}`;
        ids.push(id);
        c.server.send(options(id));
      } else c.server.send(pick < 5 ? '\r\n\r\n' : `junk ${k}\r\n\r\n`);
    }
    await until('every OPTIONS of the flood answered', () => ids.every((id) => c.server.answers.some((a) => a.id === id)), 30_000);
  });
  for (const [i, code] of [1002, 1011, 4000, 1005, 999].entries()) {
    await run(`close frame with code ${code}`, 10 + i, true, () => c.server.closeWithRawCode(code));
  }
  await run('TCP drop without a close frame', 20, true, () => c.server.dropAll());
  await run('a text frame that is not UTF-8', 21, true, (rng) => c.server.send(Buffer.from([0x4f, 0x50, 0xc3, 0x28, int(rng, 0x80, 0xff), 0x0d, 0x0a]), { binary: false }));
  await run('silent freeze (no answer, socket open): the keep-alive finds it', 22, true, () => c.server.freezeAll());
  assert.ok(!(await shown()).includes('Registrering misslyckades'), `never "misslyckades": ${JSON.stringify(await shown())}`);
});

test('10 drops in a row by a server that accepts again at once: each re-registered, never "Registrering misslyckades"', async () => {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const connections = c.server.connections;
    const since = Date.now();
    if (i % 2) c.server.dropAll();
    else c.server.closeAll();
    await until(`re-registered after drop ${i + 1}`, () => c.server.connections > connections && c.server.count('REGISTER', since) > 0, 10_000);
    await until('the status bar says registered', async () => /^Registrerad/.test(await c.status()), 5000);
    times.push(Date.now() - since);
  }
  console.log(`# 10 drops: registered again after ${times.join(', ')} ms (not asserted; npm run bench -- reconnect)`);
  assert.equal(times.length, 10);
  assert.ok(!(await shown()).includes('Registrering misslyckades'), JSON.stringify(await shown()));
  assert.equal(await c.probe(), 200);
});

test('a server that is gone: "Återansluter …", then "Ej ansluten"; back on the same port: registered, no operator action', async () => {
  const port = Number(new URL(c.server.url).port);
  await c.server.close();
  await until('"Återansluter …" shown', async () => (await shown()).includes('Återansluter …'), 10_000);
  await until('"Ej ansluten" shown', async () => /^Ej ansluten/.test(await c.status()), 20_000);
  const back = await StandInRegistrar.start({ port });
  c.server = back;
  await until('registered on the server that came back', async () => /^Registrerad/.test(await c.status()), 40_000);
  assert.equal(await c.probe(), 200, 'answers on the new connection');
  assert.ok(!(await shown()).includes('Registrering misslyckades'), JSON.stringify(await shown()));
});
