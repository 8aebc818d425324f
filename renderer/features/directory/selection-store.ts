// The entry the operator picked in the directory (Enter on a result), for other features to act
// on: the calls feature binds its transfer keys to `transferTarget(selection.getState().selected)`.
// A vanilla zustand store, one per console (built in its composition root, Console.tsx), so it
// can be read outside React too.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DirectoryHit } from '../../../common/directory/card';

export interface DirectorySelection {
  selected: DirectoryHit | null;
}

export type DirectorySelectionStore = StoreApi<DirectorySelection>;

export function createDirectorySelection(): DirectorySelectionStore {
  return createStore<DirectorySelection>()(() => ({ selected: null }));
}

export interface TransferTarget {
  /** The entry's SIP URI when the directory has one; absent for a protected identity. */
  sipUri?: string;
  /** The internal extension (digits), when the entry has one and may be shown. */
  extension?: string;
  name: string;
}

/** Where a transfer of the current call should go, or null when nothing (transferable) is selected. */
export function transferTarget(selected: DirectoryHit | null): TransferTarget | null {
  if (!selected) return null;
  const { card } = selected;
  const extension = card.numbers.find((n) => n.kind === 'extension')?.value;
  if (!card.sipUri && !extension) return null;
  return { name: card.name, ...(card.sipUri ? { sipUri: card.sipUri } : {}), ...(extension ? { extension } : {}) };
}
