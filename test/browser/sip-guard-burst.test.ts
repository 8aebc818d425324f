// A hostile burst against the console's guarded UserAgent in Chromium (the factory's UserAgent in
// test/support/sip-guard-page.ts, frames handled in bounded slices): 5,000 small frames of every
// kind the guard refuses or SIP.js answers, with a 30,000-Contact MESSAGE in the middle, sent back
// to back by a scripted registrar. Nothing lost, nothing out of order: every OPTIONS answered once,
// in the order sent; every MESSAGE to a tel: URI refused with 416; the 30,000-Contact MESSAGE
// refused with 513; still registered, no page error, and it answers an OPTIONS afterwards. Timing
// is the guard benchmark's (npm run bench -- sip), not asserted here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { assertLoopbackOnly } from '../../lab/netns.js';
import { hostileBurst, optionsTo, startGuardKit, type GuardKit } from '../support/sip-guard-bench-kit.js';
import type { GuardBenchProbe } from '../support/sip-guard-page.js';

let browser: Browser;
let kit: GuardKit;
let page: Page;
const pageErrors: string[] = [];
const probe = () => page.evaluate(() => (window as unknown as { __bench: GuardBenchProbe }).__bench);

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  assertLoopbackOnly('The guard burst test');
  kit = await startGuardKit();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(kit.url('sliced'));
  await page.waitForFunction(() => (window as unknown as { __bench?: GuardBenchProbe }).__bench?.registered === true, null, { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
  await kit?.close();
});

test('5,000 hostile frames in a burst: every OPTIONS answered once and in order, every refusal sent, still registered', async () => {
  const frames = hostileBurst(kit.contact(), 5000);
  const marker = optionsTo(kit.contact());
  const from = kit.answers.length;
  for (const f of frames) kit.send(f.text);
  kit.send(marker.text);
  await until('the marker OPTIONS answered', () => kit.answered.has(marker.id));

  const answers = kit.answers.slice(from);
  const options = frames.filter((f) => f.text.startsWith('OPTIONS ')).map((f) => f.id);
  const optionsAnswers = answers.filter((a) => options.includes(a.id));
  assert.deepEqual(
    optionsAnswers.map((a) => a.id),
    options,
    'each OPTIONS answered exactly once, in the order sent',
  );
  assert.ok(optionsAnswers.every((a) => a.status === 200));
  const statusOf = (id: string) => answers.filter((a) => a.id === id).map((a) => a.status);
  for (const f of frames.filter((x) => x.text.startsWith('MESSAGE tel:'))) assert.deepEqual(statusOf(f.id), [416], 'MESSAGE to tel: refused once with 416');
  const huge = frames.find((f) => f.text.length > 100_000)!;
  assert.deepEqual(statusOf(huge.id), [513], 'the 30,000-Contact MESSAGE refused with 513');
  for (const f of frames.filter((x) => x.text.startsWith('INVITE '))) assert.deepEqual(statusOf(f.id), [400], 'bad CSeq refused with 400');

  const p = await probe();
  assert.equal(p.registered, true, 'still registered');
  assert.equal(p.errors, 0, 'no error in the page');
  assert.deepEqual(pageErrors, []);
  assert.ok(p.guardCodes > 0, 'the refusals were logged (by code)');

  const after = optionsTo(kit.contact());
  kit.send(after.text);
  await until('an OPTIONS after the burst answered', () => kit.answered.has(after.id), 10_000);
});
