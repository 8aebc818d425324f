// The browser's online/offline state as a vanilla store. NOT what the status bar shows as
// "Nätverk": navigator.onLine says nothing about the PBX (and is false in a loopback-only
// network); the status bar shows the SIP server connection (selectConnected in sip/registration/registration-store.ts),
// and the registration manager uses the online/offline events only as a hint to reconnect or
// probe sooner. Takes its sources as parameters so tests build it without a window.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface NetworkState {
  readonly online: boolean;
}

export function createNetworkStore(events: EventTarget, isOnline: () => boolean): StoreApi<NetworkState> & { dispose(): void } {
  const store = createStore<NetworkState>()(() => ({ online: isOnline() }));
  const update = () => store.setState({ online: isOnline() });
  events.addEventListener('online', update);
  events.addEventListener('offline', update);
  return Object.assign(store, {
    dispose() {
      events.removeEventListener('online', update);
      events.removeEventListener('offline', update);
    },
  });
}
