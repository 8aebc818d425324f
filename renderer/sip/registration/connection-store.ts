// The connection to the SIP server as the operator should see it: is the WebSocket transport up
// (and answering keep-alives), which server, and whether a call was ended because it dropped.
// One store per SoftphoneStores object, found through it, so the engine and the status bar share
// it without a new field in the shared stores.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SoftphoneStores } from '../stores';

export type TransportStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionState {
  readonly transport: TransportStatus;
  /** The server in use or being tried; null before the first attempt. */
  readonly server: string | null;
  /** Consecutive rounds (all servers tried) that failed; 0 once registered. */
  readonly failedRounds: number;
  /** When the next reconnect attempt is due (ms since epoch), or null. */
  readonly nextAttemptAt: number | null;
  /** When an answered call was ended because the connection dropped (ms since epoch), or null. */
  readonly callLostAt: number | null;
}

const stores = new WeakMap<SoftphoneStores, StoreApi<ConnectionState>>();

export function createConnectionStore(): StoreApi<ConnectionState> {
  return createStore<ConnectionState>()(() => ({ transport: 'disconnected', server: null, failedRounds: 0, nextAttemptAt: null, callLostAt: null }));
}

/** The connection store that belongs to these softphone stores (created on first use). */
export function connectionStoreOf(softphoneStores: SoftphoneStores): StoreApi<ConnectionState> {
  let store = stores.get(softphoneStores);
  if (!store) {
    store = createConnectionStore();
    stores.set(softphoneStores, store);
  }
  return store;
}
