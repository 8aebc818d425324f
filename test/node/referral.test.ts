// Referral scripts (issue 12 item 3, P-EXT-INFO / P-STAFF-LOOKUP): their keys clash with nothing,
// the flows stay short, the texts come from the catalogue unless the settings override them, and a
// referral opened on a call goes to the call log with its reason only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEvent } from '../../common/ipc/contract';
import { sv } from '../../common/i18n';
import { ReferralSettings } from '../../common/settings/schema';
import { startCallLog } from '../../renderer/calllog';
import { clashes, keyBindings } from '../../renderer/keyboard/bindings';
import { countFlow, DEFAULT_KEYMAP, STANDARD_FLOWS } from '../../renderer/keyboard/keymap';
import { referralScript } from '../../renderer/features/referral/script';
import { createCallsStore } from '../../renderer/sip';

const svT = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], sv) as string;

test('the referral keys are bound once each and clash with no other key of the table', () => {
  const table = keyBindings(DEFAULT_KEYMAP);
  assert.deepEqual(clashes(table), []);
  for (const id of ['extInfo', 'staffLookup'] as const) {
    const own = table.filter((b) => b.id === id);
    assert.equal(own.length, 1);
    assert.equal(table.filter((b) => b.scope === own[0]!.scope && b.chord === own[0]!.chord).length, 1, `${id}: its chord is its own`);
  }
  assert.ok(table.some((b) => b.id === 'referral.confirm' && b.scope === 'dialog' && b.owner === 'referral' && b.chord === 'Enter'));
});

test('the referral flows take at most 2 presses: the script is one, the transfer one more (a chord held together is one press)', () => {
  const ext = STANDARD_FLOWS.find((f) => f.id === 'ext-info');
  const staff = STANDARD_FLOWS.find((f) => f.id === 'staff-lookup');
  assert.ok(ext && staff);
  // Shift+F9 (two physical keys held together) shows the script, Enter transfers: 2 presses, 3 keys
  assert.deepEqual(countFlow(ext, DEFAULT_KEYMAP), { id: 'ext-info', keys: 3, typed: 0, presses: 2 });
  // Shift+F10 shows the script; nothing to close before the next call key
  assert.deepEqual(countFlow(staff, DEFAULT_KEYMAP), { id: 'staff-lookup', keys: 2, typed: 0, presses: 1 });
});

test('the scripts come from the catalogue unless the settings give the operator’s own text', () => {
  const ext = referralScript('external-info', undefined, svT);
  assert.equal(ext.text, 'Extern nummerupplysning: Eniro 118 118 eller eniro.se');
  assert.equal(ext.transferTo, null);
  const int = referralScript('staff-lookup', undefined, svT);
  assert.match(int.text, /telefonkatalogen/);
  assert.notEqual(int.title, ext.title);
  const own = ReferralSettings.parse({ externalText: '  Ring 118 118  ', internalText: 'Se intranätet', externalTransferNumber: '118118' });
  assert.deepEqual(referralScript('external-info', own, svT), { title: ext.title, text: 'Ring 118 118', transferTo: '118118' });
  assert.equal(referralScript('staff-lookup', own, svT).text, 'Se intranätet');
  assert.equal(referralScript('staff-lookup', own, svT).transferTo, null, 'staff lookup never transfers');
  assert.throws(() => ReferralSettings.parse({ externalTransferNumber: 'eniro.se' }));
  assert.throws(() => ReferralSettings.parse({ externalText: '' }));
  assert.throws(() => ReferralSettings.parse({ other: 1 }));
});

test('a referral opened on a call is sent to the call log with its reason and no number', async () => {
  const calls = createCallsStore();
  const sent: CallEvent[] = [];
  let emit: ((callId: string, reason: 'external-info' | 'staff-lookup') => void) | null = null;
  const stop = startCallLog(calls, {
    send: async (e) => void sent.push(e),
    report: () => undefined,
    now: () => 5_000,
    referrals: (listener) => {
      emit = listener;
      return () => (emit = null);
    },
  });
  emit!('c-1', 'external-info');
  await new Promise((resolve) => setTimeout(resolve, 5));
  stop();
  assert.equal(emit, null, 'stopping the call log unsubscribes');
  assert.deepEqual(sent, [{ callId: 'c-1', kind: 'referral', at: 5_000, referral: 'external-info' }]);
});
