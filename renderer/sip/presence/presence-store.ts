// What the busy lamps and absence codes show, per extension. One small vanilla zustand store per
// extension, so a NOTIFY wakes only the rows showing that extension: with one store for all, each
// of the 2,000 favourites rows ran its selector on every NOTIFY (a profile put a sixth of the
// console's time there). Changes are batched per animation frame: one update per extension per
// frame, however many NOTIFYs arrived, applied just before the frame is painted.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Absence, DialogRef, LampState, StaleReason } from '../../../common/presence';

export interface PresenceEntry {
  readonly lamp: LampState;
  /** The dialog behind a ringing/busy lamp (for pick-up), null otherwise. */
  readonly dialog: DialogRef | null;
  /** Last-known absence (null: available), undefined: never heard. */
  readonly absence: Absence | null | undefined;
  /** When the absence was last confirmed by a NOTIFY (ms since epoch), 0 when never. */
  readonly absenceAt: number;
  /** false while the presence subscription is down: the absence is last-known, show its age. */
  readonly absenceLive: boolean;
  /** When the lamp last changed (ms since epoch). */
  readonly lampAt: number;
  /**
   * Why the absence was already stale when its NOTIFY arrived (until passed, lunch outside lunch
   * hours), raised as its own notice at once; null when it was not. The UI also re-checks with the clock.
   */
  readonly stale: StaleReason | null;
}

export const UNKNOWN: PresenceEntry = { lamp: 'unknown', dialog: null, absence: undefined, absenceAt: 0, absenceLive: false, lampAt: 0, stale: null };

export interface PresenceStore {
  /** The entry's own store, made on first use (a row subscribes to it with useStore). */
  entryStore(ext: string): StoreApi<PresenceEntry>;
  /** The entry as last applied (UNKNOWN when never heard). */
  get(ext: string): PresenceEntry;
  /** Every extension heard of, with its entry. */
  all(): IterableIterator<[string, PresenceEntry]>;
  /** Queues a change; applied with the others before the next frame. */
  patch(ext: string, patch: Partial<PresenceEntry>): void;
  /** Applies queued changes now. */
  flush(): void;
}

/** How long a change may wait when no frame comes (hidden window). */
const FALLBACK_MS = 250;

export function createPresenceStore(): PresenceStore {
  const stores = new Map<string, StoreApi<PresenceEntry>>();
  const entries = new Map<string, PresenceEntry>();
  const pending = new Map<string, Partial<PresenceEntry>>();
  let scheduled = false;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const entryStore = (ext: string) => {
    let s = stores.get(ext);
    if (!s) {
      s = createStore<PresenceEntry>()(() => entries.get(ext) ?? UNKNOWN);
      stores.set(ext, s);
    }
    return s;
  };
  const flush = () => {
    scheduled = false;
    clearTimeout(fallback);
    const changes = [...pending];
    pending.clear();
    for (const [ext, p] of changes) {
      const next = { ...(entries.get(ext) ?? UNKNOWN), ...p };
      entries.set(ext, next);
      stores.get(ext)?.setState(next, true);
    }
  };
  return {
    entryStore,
    get: (ext) => entries.get(ext) ?? UNKNOWN,
    all: () => entries.entries(),
    patch(ext, p) {
      pending.set(ext, { ...pending.get(ext), ...p });
      if (!scheduled) {
        scheduled = true;
        // in the frame's own callbacks, so the lamp is painted in the frame that applies it; a
        // hidden window runs no frames, so a timer applies it there (for pick-up, stale notices)
        if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
        fallback = setTimeout(flush, FALLBACK_MS);
      }
    },
    flush,
  };
}
