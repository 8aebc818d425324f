// Network online/offline as a vanilla store, fed by the browser's online/offline events.
// Takes its sources as parameters so tests build it without a window.
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
