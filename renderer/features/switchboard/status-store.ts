// The switchboard's state in the renderer (P-AFTERHOURS), one store per console: read from main
// (switchboardStatus) at start, just after each next change, every 60 s, after every change the
// operator makes here, and when a caller joins the queue (so the closing warning decides on fresh
// data). The renderer keeps main's clock: `now()` is main's time as of the last read plus the time
// since, so a test that injects main's clock (switchboardNow) moves the console's words with it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { VaxelApi } from '../../../common/ipc/contract';
import type { SwitchboardStatus } from '../../../common/switchboard/ipc';
import { nextRefreshIn } from '../queue/switchboard-hours';

export interface SwitchboardStatusState {
  readonly status: SwitchboardStatus | null;
  /** main's clock minus ours at the last read (ms). */
  readonly offset: number;
}

export interface SwitchboardStatusFeed {
  readonly store: StoreApi<SwitchboardStatusState>;
  /** main's time now, as far as the renderer knows it. */
  now(): number;
  /** Reads the state now (after a change); a failure keeps the last state and is reported. */
  refresh(): Promise<void>;
  /** Takes a state main already returned (switchboardSetNightService answers with one). */
  accept(status: SwitchboardStatus): void;
  start(): () => void;
}

export function createSwitchboardStatus(api: () => Pick<VaxelApi, 'switchboardStatus'>, onError: (code: string) => void): SwitchboardStatusFeed {
  const store = createStore<SwitchboardStatusState>()(() => ({ status: null, offset: 0 }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const accept = (status: SwitchboardStatus) => {
    store.setState({ status, offset: status.at - Date.now() });
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), nextRefreshIn(status.municipalities, status.at));
  };
  async function refresh(): Promise<void> {
    try {
      accept(await api().switchboardStatus());
    } catch {
      onError('switchboard.status-failed');
      if (running) {
        clearTimeout(timer);
        timer = setTimeout(() => void refresh(), 60_000);
      }
    }
  }
  return {
    store,
    now: () => Date.now() + store.getState().offset,
    refresh,
    accept,
    start() {
      running = true;
      void refresh();
      return () => {
        running = false;
        clearTimeout(timer);
      };
    },
  };
}
