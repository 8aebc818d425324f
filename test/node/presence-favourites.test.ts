// "Bevaka enhet": a unit's extensions are listed with the directory search (unit filter, the IPC
// limit) and watched under their own owner; stopping removes exactly that owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT_LIMIT, unwatchUnit, watchedUnitsOf, watchUnit } from '../../renderer/features/absence/watched-units.js';
import type { PresenceManager } from '../../renderer/sip/presence/index.js';

const card = (name: string, ext?: string) => ({
  card: {
    id: name,
    kind: 'person' as const,
    name,
    title: '',
    municipality: 'essunga' as const,
    forvaltning: '',
    unit: 'IT',
    roleWords: [],
    notes: '',
    numbers: ext ? [{ kind: 'extension' as const, value: ext, giveOut: false }] : [],
  },
  matched: 'none' as const,
});

test('watchUnit searches the unit, watches each extension once, and unwatchUnit stops it', async () => {
  const calls: unknown[] = [];
  const watched = new Map<string, string[]>();
  const manager = { watch: (owner: string, exts: Iterable<string>) => watched.set(owner, [...exts]) } as unknown as PresenceManager;
  const api = {
    directorySearch: async (input: unknown) => {
      calls.push(input);
      return [card('Ada', '2001'), card('Bo', '2002'), card('Reception', '2001'), card('Utan nummer')];
    },
  };
  assert.equal(await watchUnit(api, manager, { id: 'u-it', name: 'IT' }), 2);
  assert.deepEqual(calls, [{ query: '', filters: { unitId: 'u-it' }, limit: UNIT_LIMIT }]);
  assert.deepEqual(watched.get('unit:u-it'), ['2001', '2002']);
  assert.deepEqual(
    watchedUnitsOf(manager)
      .getState()
      .units.map((u) => [u.name, u.members.map((m) => m.name)]),
    [['IT', ['Ada', 'Bo']]],
  );
  unwatchUnit(manager, 'u-it');
  assert.deepEqual(watched.get('unit:u-it'), []);
  assert.equal(watchedUnitsOf(manager).getState().units.length, 0);
});
