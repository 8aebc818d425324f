// Keys per standard flow, computed from the keymap and the flow definitions (P-FAST, D-KEYS):
// a figure, not a timing. Also: every action has a distinct key, settings override defaults,
// and keys reserved for the window (Alt+F4) cannot be bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS, actionFor, chordOf, countFlow, DEFAULT_KEYMAP, resolveKeymap, STANDARD_FLOWS } from '../../renderer/keyboard/keymap';

test('the standard flows: answer, type the name, announced transfer in at most 4 keys plus the letters', () => {
  const counts = Object.fromEntries(STANDARD_FLOWS.map((f) => [f.id, countFlow(f, DEFAULT_KEYMAP)]));
  console.log(STANDARD_FLOWS.map((f) => `${f.id}: ${counts[f.id].keys} keys + ${counts[f.id].typed} typed`).join('\n'));
  assert.ok(counts.announced.keys <= 4, `announced transfer takes ${counts.announced.keys} keys`);
  assert.equal(counts.announced.keys, 4, 'F2, Enter (open the card), F5, F6');
  assert.equal(counts['announced-by-extension'].keys, 3, 'F2, Enter on a typed extension, F6');
  assert.equal(counts.blind.keys, 3);
  assert.equal(counts.safe.keys, 3);
  assert.equal(counts['safe-recall-retry'].keys, 1);
  assert.equal(counts.voicemail.keys, 4, 'Shift+F7 is two keys');
  assert.equal(counts['dial-out'].keys, 1);
});

test('every action has its own key, and none is typed in the search field', () => {
  const keys = ACTIONS.map((a) => DEFAULT_KEYMAP[a]);
  assert.equal(new Set(keys).size, keys.length, 'no key is bound twice');
  for (const k of keys) assert.ok(k.length > 1, `${k} would be typed into the search field`);
});

test('settings override the defaults; reserved and unknown entries are ignored', () => {
  const map = resolveKeymap({ answer: 'F12', hangup: 'F8', nonsense: 'F9', hold: 'Alt+F4' });
  assert.equal(map.answer, 'F2', 'F12 is reserved');
  assert.equal(map.hangup, 'F8');
  assert.equal(map.hold, 'F3', 'Alt+F4 closes windows');
  assert.equal(actionFor(map, 'F8'), 'hangup');
});

test('chords are named the way the keymap names them', () => {
  const ev = (key: string, m: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({ key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...m });
  assert.equal(chordOf(ev('F2')), 'F2');
  assert.equal(chordOf(ev('F7', { shiftKey: true })), 'Shift+F7');
  assert.equal(chordOf(ev('1', { ctrlKey: true })), 'Control+1');
  assert.equal(chordOf(ev('?', { shiftKey: true })), '?');
  assert.equal(actionFor(DEFAULT_KEYMAP, chordOf(ev('F4', { altKey: true }))), null, 'Alt+F4 never hangs up');
});

test("no action may take the contact card's copy keys (Alt+1..3)", () => {
  const map = resolveKeymap({ mute: 'Alt+1', park: 'Alt+2' });
  assert.equal(map.mute, DEFAULT_KEYMAP.mute);
  assert.equal(map.park, DEFAULT_KEYMAP.park);
  for (const k of ['Alt+1', 'Alt+2', 'Alt+3']) assert.equal(actionFor(DEFAULT_KEYMAP, k), null, `${k} is bound by default`);
});
