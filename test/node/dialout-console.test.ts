// The "Koppla ut" dialog's pure parts (issue 12 items 4 and 5, P-DIALOUT): its key clashes with
// nothing and the whole flow is 4 presses plus the digits; what the operator reads for a number
// (normalised, country, line type, warning or block) and what Enter would place; the call log gets
// the destination's country and calling code, never the number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEvent } from '../../common/ipc/contract';
import { en, sv } from '../../common/i18n';
import { dialoutSettings } from '../../common/dialout/schema';
import { startCallLog } from '../../renderer/calllog';
import { clashes, keyBindings } from '../../renderer/keyboard/bindings';
import { countFlow, DEFAULT_KEYMAP, STANDARD_FLOWS } from '../../renderer/keyboard/keymap';
import { dialOutView } from '../../renderer/features/dialout/view';
import { createCallsStore } from '../../renderer/sip';

const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
const lab = dialoutSettings({ outsidePrefix: '0', numberFormat: 'from-sweden' });

test('the dial-out key is bound once, clashes with nothing, and its dialog owns Enter', () => {
  const table = keyBindings(DEFAULT_KEYMAP);
  assert.deepEqual(clashes(table), []);
  const own = table.filter((b) => b.id === 'dialOut');
  assert.equal(own.length, 1);
  assert.equal(table.filter((b) => b.scope === own[0]!.scope && b.chord === own[0]!.chord).length, 1);
  assert.ok(table.some((b) => b.id === 'dialout.call' && b.scope === 'dialog' && b.owner === 'dialout' && b.chord === 'Enter'));
});

test('the guided dial-out takes at most 4 presses plus the digits: open, Enter to call, F6 to connect (or Escape back)', () => {
  for (const id of ['guided-dial-out', 'guided-dial-out-back']) {
    const flow = STANDARD_FLOWS.find((f) => f.id === id);
    assert.ok(flow, id);
    const count = countFlow(flow, DEFAULT_KEYMAP);
    assert.ok(count.keys <= 4, `${id}: ${count.keys} keys`);
    assert.equal(count.keys, 4);
    assert.equal(count.typed, '+442079460958'.length);
  }
});

test('a +44 number typed as spoken: normalised, Storbritannien, fixed line, and the dial string through the trunk', () => {
  const view = dialOutView('00 44 20 7946 0958', lab, 'sv');
  assert.deepEqual(
    view.facts.map((l) => [l.key, l.values]),
    [
      ['dialout.normalised', { number: '+44 20 7946 0958' }],
      ['dialout.country', { country: 'Storbritannien' }],
      ['dialout.lineType', { type: 'dialout.lineTypes.fixed-line' }],
    ],
  );
  assert.equal(view.problem, null);
  assert.deepEqual(view.plan, { dial: '000442079460958', label: '+44 20 7946 0958', country: 'GB', callingCode: '44' });
  for (const line of view.facts) {
    assert.equal(typeof lookup(sv, line.key), 'string', `sv has ${line.key}`);
    assert.equal(typeof lookup(en, line.key), 'string', `en has ${line.key}`);
    for (const v of Object.values(line.values ?? {})) if (v.startsWith('dialout.')) assert.equal(typeof lookup(sv, v), 'string', v);
  }
  const mobile = dialOutView('070-123 45 67', lab, 'sv');
  assert.equal(mobile.plan?.dial, '00701234567');
  assert.deepEqual(mobile.facts[1], { key: 'dialout.country', values: { country: 'Sverige' } });
});

test('a 0900 number is blocked (alert, nothing to place); a satellite number warns and can be placed; bad text says why', () => {
  const premium = dialOutView('0900-123 45 67', lab, 'sv');
  assert.equal(premium.plan, null, 'a blocked number cannot be called');
  assert.deepEqual(premium.problem, { key: 'dialout.blocked', values: { category: 'dialout.categories.premium-rate', prefix: '0900' }, alert: true });
  assert.match(lookup(sv, 'dialout.blocked') as string, /Spärrat/);
  const sat = dialOutView('+870 773 111 632', lab, 'sv');
  assert.equal(sat.problem?.key, 'dialout.warned');
  assert.equal(sat.problem?.alert, true);
  assert.equal(sat.plan?.dial, '000870773111632');
  assert.deepEqual(sat.facts[1], { key: 'dialout.nonGeographic', values: { code: '870' } });
  const name = dialOutView('Anna', lab, 'sv');
  assert.deepEqual([name.plan, name.problem?.key, name.problem?.alert], [null, 'dialout.invalid.not-a-number', false]);
  assert.deepEqual(dialOutView('', lab, 'sv'), { number: { kind: 'empty' }, facts: [], problem: null, plan: null });
});

test('a dial-out placed for a caller reaches the call log as country and calling code only', async () => {
  const calls = createCallsStore();
  const sent: CallEvent[] = [];
  let emit: ((callId: string, d: { country: string | null; callingCode: string }) => void) | null = null;
  const stop = startCallLog(calls, {
    send: async (e) => void sent.push(e),
    report: () => undefined,
    now: () => 5_000,
    dialOuts: (listener) => {
      emit = listener;
      return () => (emit = null);
    },
  });
  emit!('c-1', { country: 'GB', callingCode: '44' });
  await new Promise((resolve) => setTimeout(resolve, 5));
  stop();
  assert.equal(emit, null, 'stopping the call log unsubscribes');
  assert.deepEqual(sent, [{ callId: 'c-1', kind: 'dial-out', at: 5_000, country: 'GB', callingCode: '44' }]);
  assert.ok(!JSON.stringify(sent).includes('7946'));
});
