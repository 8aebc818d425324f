// What the console's panels share: the engine, its stores, the network store, the operator's
// call actions, the search field's focus, the key layer, the directory's selection and the
// favourites' and callers' names. Built once per console mount (see Console.tsx, console-stores.ts).
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { Softphone, SoftphoneStores } from './sip';
import type { NetworkState } from './features/status/network-store';
import type { CallActions, NoticeState } from './features/call/actions';
import type { SearchFocus } from './features/directory/search-focus';
import type { KeyLayer } from './keyboard/key-layer';
import type { DirectorySelectionStore } from './features/directory/selection-store';
import type { FavouriteNames } from './features/absence/favourite-names';
import type { CallerNames } from './features/directory/caller-name';
import type { SwitchboardStatusFeed } from './features/switchboard/status-store';
import type { SwitchboardUi } from './features/switchboard/ui-store';

export interface ConsoleServices {
  readonly softphone: Softphone;
  readonly stores: SoftphoneStores;
  readonly network: StoreApi<NetworkState>;
  readonly notices: StoreApi<NoticeState>;
  readonly actions: CallActions;
  readonly searchFocus: SearchFocus;
  readonly keys: KeyLayer;
  readonly selection: DirectorySelectionStore;
  readonly favouriteNames: FavouriteNames;
  readonly callerNames: CallerNames;
  /** The switchboard's open/closed state from main, and which of its screens is open (P-AFTERHOURS). */
  readonly switchboard: SwitchboardStatusFeed;
  readonly switchboardUi: SwitchboardUi;
}

export const ConsoleContext = createContext<ConsoleServices | null>(null);

export function useConsole(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('useConsole outside <ConsoleContext>');
  return services;
}
