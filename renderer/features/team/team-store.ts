// The team store's state for the status line (issue 13 point 4): online, or working on the local
// copy with how many own changes wait, and the last conflict this operator lost. Fed by main's
// teamStatusChanged / teamConflict events over the existing IPC event channel; asked once at start.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { VaxelApi } from '../../../common/ipc/contract';
import type { TeamConflict, TeamStatus } from '../../../common/team/settings';

export interface TeamViewState {
  readonly status: TeamStatus;
  /** The conflicts this operator lost, newest last, until dismissed. */
  readonly lost: readonly TeamConflict[];
  dismiss(): void;
}

export function createTeamView(api: Pick<VaxelApi, 'teamStatus' | 'on'>): { store: StoreApi<TeamViewState>; dispose(): void } {
  const store = createStore<TeamViewState>()((set) => ({
    status: { state: 'off', queued: 0, error: null },
    lost: [],
    dismiss: () => set({ lost: [] }),
  }));
  let disposed = false;
  const offStatus = api.on('teamStatusChanged', (status) => store.setState({ status }));
  const offConflict = api.on('teamConflict', (conflict) => store.setState((s) => ({ lost: [...s.lost.slice(-4), conflict] })));
  api
    .teamStatus()
    .then((status) => !disposed && store.setState({ status }))
    .catch(() => {});
  return {
    store,
    dispose() {
      disposed = true;
      offStatus();
      offConflict();
    },
  };
}
