// What the busy lamps and absence codes show, per extension: a vanilla zustand store the presence
// manager writes (batched: one store update per task, however many NOTIFYs arrived) and the UI
// reads with one selector per extension, so a NOTIFY re-renders only that extension's lamp.
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

export interface PresenceState {
  readonly entries: Readonly<Record<string, PresenceEntry>>;
}

export const UNKNOWN: PresenceEntry = { lamp: 'unknown', dialog: null, absence: undefined, absenceAt: 0, absenceLive: false, lampAt: 0, stale: null };

export interface PresenceStore extends StoreApi<PresenceState> {
  /** Queues a change; applied with the others of this task in one store update. */
  patch(ext: string, patch: Partial<PresenceEntry>): void;
  /** Applies queued changes now. */
  flush(): void;
}

export function createPresenceStore(): PresenceStore {
  const store = createStore<PresenceState>()(() => ({ entries: {} }));
  const pending = new Map<string, Partial<PresenceEntry>>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending.size) return;
    const entries = { ...store.getState().entries };
    for (const [ext, p] of pending) entries[ext] = { ...(entries[ext] ?? UNKNOWN), ...p };
    pending.clear();
    store.setState({ entries });
  };
  return Object.assign(store, {
    patch(ext: string, p: Partial<PresenceEntry>) {
      pending.set(ext, { ...pending.get(ext), ...p });
      if (!scheduled) {
        scheduled = true;
        // a microtask, not a timer: timers are throttled in a background or starved window, and the
        // lamp must be painted by the next frame
        queueMicrotask(flush);
      }
    },
    flush,
  });
}

export const selectEntry = (ext: string) => (s: PresenceState): PresenceEntry => s.entries[ext] ?? UNKNOWN;
