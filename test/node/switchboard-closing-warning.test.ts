// The closing warning and the night-service key (issue 12 points 3 and 4): warn five minutes
// before closing only with callers of that municipality waiting, once per closing (any instant,
// the clock comes in); "Stäng/Öppna växeln" starts with the call's municipality, else the last
// used; it is two presses, and its keys clash with nothing in the one key table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MunicipalitySwitchboardStatus } from '../../common/switchboard/ipc';
import { closingWarnings, preselectedMunicipality, waitingByMunicipality, WARN_BEFORE_CLOSE_MS } from '../../renderer/features/switchboard/closing-warning';
import { clashes, keyBindings } from '../../renderer/keyboard/bindings';
import { countFlow, DEFAULT_KEYMAP, STANDARD_FLOWS } from '../../renderer/keyboard/keymap';

const CLOSE = Date.parse('2026-06-10T14:30:00Z'); // Wednesday 16:30 in Stockholm
const open = (municipality: 'essunga' | 'grastorp', nextChange: number | null = CLOSE): MunicipalitySwitchboardStatus => ({ municipality, open: true, closedBy: null, nextChange, nightService: null });

test('five minutes before closing, with callers of that municipality waiting: one warning', () => {
  const statuses = [open('essunga'), open('grastorp')];
  const waiting = waitingByMunicipality([{ greetingKind: 'essunga' }, { greetingKind: 'essunga' }, { greetingKind: 'internal' }]);
  assert.deepEqual(waiting, { essunga: 2 });
  const w = closingWarnings(statuses, waiting, CLOSE - 4 * 60_000, new Set());
  assert.deepEqual(w, [{ municipality: 'essunga', closesAt: CLOSE, waiting: 2, key: `essunga@${CLOSE}` }]);
});

test('no warning too early, after closing, with nobody waiting, when closed, or a second time', () => {
  const waiting = { essunga: 1, grastorp: 1 };
  assert.deepEqual(closingWarnings([open('essunga')], waiting, CLOSE - WARN_BEFORE_CLOSE_MS - 1000, new Set()), [], 'six minutes before');
  assert.equal(closingWarnings([open('essunga')], waiting, CLOSE - WARN_BEFORE_CLOSE_MS, new Set()).length, 1, 'exactly five minutes before');
  assert.deepEqual(closingWarnings([open('essunga')], waiting, CLOSE, new Set()), [], 'at closing');
  assert.deepEqual(closingWarnings([open('essunga')], { grastorp: 3 }, CLOSE - 60_000, new Set()), [], "only Grästorp's callers wait");
  assert.deepEqual(closingWarnings([{ ...open('essunga'), open: false, closedBy: 'schedule' }], waiting, CLOSE - 60_000, new Set()), []);
  assert.deepEqual(closingWarnings([open('essunga', null)], waiting, CLOSE - 60_000, new Set()), [], 'no change ahead');
  const first = closingWarnings([open('essunga')], waiting, CLOSE - 120_000, new Set());
  assert.deepEqual(closingWarnings([open('essunga')], waiting, CLOSE - 60_000, new Set(first.map((w) => w.key))), [], 'once per closing');
  const tomorrow = CLOSE + 86_400_000;
  assert.equal(closingWarnings([open('essunga', tomorrow)], waiting, tomorrow - 60_000, new Set(first.map((w) => w.key))).length, 1, "the next day's closing warns again");
});

test('"Stäng/Öppna växeln" starts with the call\'s municipality, else the one used last, else Essunga', () => {
  assert.equal(preselectedMunicipality('grastorp', 'essunga'), 'grastorp');
  assert.equal(preselectedMunicipality('internal', 'grastorp'), 'grastorp');
  assert.equal(preselectedMunicipality(null, null), 'essunga');
});

test('closing or opening the switchboard by key is two presses; the new keys clash with nothing', () => {
  const flow = STANDARD_FLOWS.find((f) => f.id === 'night-service');
  assert.ok(flow);
  assert.deepEqual(countFlow(flow, DEFAULT_KEYMAP), { id: 'night-service', keys: 3, typed: 0, presses: 2 }, 'Shift+F11 (held together), Enter');
  assert.deepEqual(clashes(keyBindings(DEFAULT_KEYMAP)), []);
  const table = keyBindings(DEFAULT_KEYMAP);
  assert.deepEqual(
    table.filter((b) => b.owner === 'switchboard').map((b) => [b.id, b.chord, b.scope]),
    [
      ['nightService', 'Shift+F11', 'global'],
      ['switchboardHours', 'Control+F11', 'global'],
    ],
  );
});
