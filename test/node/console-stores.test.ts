// Stores are created per console (its composition root), none at module level: two consoles never
// share the directory's selection, the favourites' or callers' names, or their key layers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DirectoryHit } from '../../common/directory/card';
import { createConsoleStores } from '../../renderer/console-stores';
import { DEFAULT_KEYMAP } from '../../renderer/keyboard/keymap';

/** The two calls the names store makes; main's directory is not what this test is about. */
function fakeDirectoryApi(names: Record<string, string>) {
  const lookups: string[] = [];
  return {
    lookups,
    api: () => ({
      directoryLookupNumber: async ({ raw }: { raw: string }) => {
        lookups.push(raw);
        return names[raw] ? [{ card: { name: names[raw], numbers: [{ kind: 'extension', value: raw }] } } as unknown as DirectoryHit] : [];
      },
      on: () => () => undefined,
    }),
  };
}

test("two consoles' stores are independent", async () => {
  const a = fakeDirectoryApi({ '2001': 'Karin Ek' });
  const b = fakeDirectoryApi({ '2001': 'Someone Else' });
  const one = createConsoleStores({ keymap: DEFAULT_KEYMAP, api: a.api as never });
  const two = createConsoleStores({ keymap: DEFAULT_KEYMAP, api: b.api as never });
  assert.notEqual(one.selection, two.selection);
  assert.notEqual(one.keys, two.keys);

  one.selection.setState({ selected: { card: { name: 'Karin Ek' }, matched: 'name' } as unknown as DirectoryHit });
  assert.equal(two.selection.getState().selected, null, 'a selection in one console is not the other’s');

  one.favouriteNames.lookUp('2001');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(one.favouriteNames.store.getState().names['2001'], 'Karin Ek');
  assert.equal(two.favouriteNames.store.getState().names['2001'], undefined, 'names are looked up per console');
  assert.deepEqual(b.lookups, []);
  assert.deepEqual(await one.callerNames.lookup('2001'), { name: 'Karin Ek', protectedIdentity: false });
  assert.deepEqual(await two.callerNames.lookup('2001'), { name: 'Someone Else', protectedIdentity: false }, 'caller names are cached per console');

  let answered = 0;
  one.keys.register({ scope: 'global', owner: 'console', handlers: { answer: () => (answered++, true) } });
  const e = { key: 'F2', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, target: null, preventDefault() {}, stopPropagation() {} };
  assert.equal(two.keys.dispatch(e), false, 'a key registered in one console is not the other’s');
  assert.equal(one.keys.dispatch(e), true);
  assert.equal(answered, 1);
});

test('the names store stops asking after its console is gone', async () => {
  const a = fakeDirectoryApi({ '2002': 'Per Ek' });
  const stores = createConsoleStores({ keymap: DEFAULT_KEYMAP, api: a.api as never });
  stores.favouriteNames.dispose();
  stores.favouriteNames.lookUp('2002');
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(a.lookups, []);
});
