// What the console's panels share: the engine, its stores, the network store, the operator's
// call actions and the search field's focus. Built once per console mount (see Console.tsx).
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { Softphone, SoftphoneStores } from './sip';
import type { NetworkState } from './features/status/network-store';
import type { CallActions, NoticeState } from './features/call/actions';
import type { SearchFocus } from './features/directory/search-focus';

export interface ConsoleServices {
  readonly softphone: Softphone;
  readonly stores: SoftphoneStores;
  readonly network: StoreApi<NetworkState>;
  readonly notices: StoreApi<NoticeState>;
  readonly actions: CallActions;
  readonly searchFocus: SearchFocus;
}

export const ConsoleContext = createContext<ConsoleServices | null>(null);

export function useConsole(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('useConsole outside <ConsoleContext>');
  return services;
}
