// The console's own state that is not the engine's: built fresh for every console mount by its
// composition root (Console.tsx) and handed to the panels by context, never held at module level,
// so two consoles (two windows, a test and the next) never share a selection, names or keys.
import type { VaxelApi } from '../common/ipc/contract';
import { createNoticeStore } from './features/call/actions';
import { createFavouriteNames } from './features/absence/favourite-names';
import { createCallerNames } from './features/directory/caller-name';
import { createDirectorySelection } from './features/directory/selection-store';
import { createSearchFocus } from './features/directory/search-focus';
import { createKeyLayer } from './keyboard/key-layer';
import type { Keymap } from './keyboard/keymap';

export function createConsoleStores(deps: { keymap: Keymap; api: () => Pick<VaxelApi, 'directoryLookupNumber' | 'on'> }) {
  return {
    keys: createKeyLayer(deps.keymap),
    selection: createDirectorySelection(),
    favouriteNames: createFavouriteNames(deps.api),
    callerNames: createCallerNames(deps.api),
    notices: createNoticeStore(),
    searchFocus: createSearchFocus(),
  };
}

export type ConsoleStores = ReturnType<typeof createConsoleStores>;
