// Names found in the directory for favourite extensions ('' = none), one store per console (built
// in its composition root, Console.tsx). Looked up two at a time, only for rows scrolled into view;
// cleared when a sync changed the directory, so visible rows ask again.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { VaxelApi } from '../../../common/ipc/contract';

export interface FavouriteNamesState {
  readonly names: Readonly<Record<string, string>>;
}

export interface FavouriteNames {
  readonly store: StoreApi<FavouriteNamesState>;
  /** Asks the directory for the extension's name once (queued, two in flight). */
  lookUp(ext: string): void;
  dispose(): void;
}

const IN_FLIGHT = 2;

export function createFavouriteNames(api: () => Pick<VaxelApi, 'directoryLookupNumber' | 'on'>): FavouriteNames {
  const store = createStore<FavouriteNamesState>()(() => ({ names: {} }));
  const waiting: string[] = [];
  let running = 0;
  let off: (() => void) | null = null;
  let disposed = false;

  const pump = (): void => {
    while (running < IN_FLIGHT && waiting.length && !disposed) {
      const ext = waiting.shift()!;
      running++;
      api()
        .directoryLookupNumber({ raw: ext })
        .then(
          (hits) => hits.find((h) => h.card.numbers.some((n) => n.kind === 'extension' && n.value === ext))?.card.name ?? '',
          () => '',
        )
        .then((name) => {
          running--;
          if (disposed) return;
          store.setState((s) => ({ names: { ...s.names, [ext]: name } }));
          pump();
        });
    }
  };

  return {
    store,
    lookUp(ext) {
      if (disposed) return;
      // listen only once a row needs a name: a console without favourites never subscribes
      off ??= api().on('directoryChanged', ({ cacheChanged }) => cacheChanged && store.setState({ names: {} }));
      if (store.getState().names[ext] !== undefined || waiting.includes(ext)) return;
      waiting.push(ext);
      pump();
    },
    dispose() {
      disposed = true;
      waiting.length = 0;
      off?.();
    },
  };
}
