// The search panel's state and the calls behind it. Every keystroke sends a search at once (no
// debounce); each request carries a sequence number and a response older than the one shown is
// dropped, so a slow answer can never overwrite a newer one. Entries change only by sync, which
// main announces with `directoryChanged`: then the status, the unit list and the results refresh.
//
// Once the renderer's copy of the directory (snapshot.ts) has loaded, a keystroke is answered in the
// input event itself: the typed text and its results are committed and painted together. Until then,
// and after a change until the new copy has loaded, the search goes to main over IPC. The card on
// Enter always comes from main (the full card, with the protected rule of card.ts).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DirectoryHit, EntryCard } from '../../../common/directory/card';
import type { Municipality, Unit } from '../../../common/directory/model';
import type { DirectoryStatusT } from '../../../common/directory/ipc';
import type { VaxelApi } from '../../../common/ipc/contract';
import type { DirectorySelectionStore } from './selection-store';
import { idle, loadLocalDirectory, type LoadedDirectory } from './local-directory';

export const RESULT_LIMIT = 100;
/** With no search typed, the renderer's copy of the directory starts loading this long after start. */
const FIRST_LOAD_DELAY_MS = 1000;

export interface DirectoryState {
  query: string;
  municipality: Municipality | '';
  unitId: string;
  hits: DirectoryHit[];
  /** The query (and filters) the shown hits answer; lets tests and benchmarks see what is painted. */
  shownKey: string;
  active: number;
  card: EntryCard | null;
  status: DirectoryStatusT | null;
  /** Date.now() when `status` was fetched, to age it locally between fetches. */
  statusAt: number;
  units: Unit[];
  searchError: string | null;
  syncing: boolean;
  /** Where keystrokes are answered: main over IPC, or the renderer's loaded copy. */
  searchSource: 'ipc' | 'local';
}

export interface DirectoryController {
  store: StoreApi<DirectoryState>;
  setQuery(query: string): void;
  setMunicipality(m: Municipality | ''): void;
  setUnit(unitId: string): void;
  move(delta: number): void;
  setActive(index: number): void;
  /** Opens the active hit's card and makes it the selection; returns false with no hits. */
  openActive(): boolean;
  syncNow(): Promise<void>;
  dispose(): void;
}

export const searchKey = (s: Pick<DirectoryState, 'query' | 'municipality' | 'unitId'>) => `${s.query}|${s.municipality}|${s.unitId}`;

export function createDirectoryController(api: VaxelApi, selection: DirectorySelectionStore): DirectoryController {
  const store = createStore<DirectoryState>()(() => ({
    query: '',
    municipality: '',
    unitId: '',
    hits: [],
    shownKey: searchKey({ query: '', municipality: '', unitId: '' }),
    active: -1,
    card: null,
    status: null,
    statusAt: 0,
    units: [],
    searchError: null,
    syncing: false,
    searchSource: 'ipc',
  }));
  // Never throw synchronously into React, even from a host without the directory methods.
  const call = <T>(f: () => Promise<T>): Promise<T> => Promise.resolve().then(f);
  let sent = 0;
  let shown = 0;
  let disposed = false;
  let local: LoadedDirectory | undefined;
  let loads = 0;
  let opening = 0;

  // The copy loads after first paint, and after the first answer from main if the operator types at
  // once (or a quiet second): its parts share the connection and the main thread with that answer.
  let firstAnswer: () => void = () => undefined;
  const firstAnswered = new Promise<void>((resolve) => {
    firstAnswer = resolve;
    setTimeout(resolve, FIRST_LOAD_DELAY_MS);
  });
  const loadLocal = async () => {
    const ticket = ++loads;
    await firstAnswered;
    await idle();
    const got = await loadLocalDirectory(api, () => disposed || ticket !== loads);
    if (!got || disposed || ticket !== loads) return;
    local = got;
    store.setState({ searchSource: 'local' });
  };

  const search = () => {
    const s = store.getState();
    const key = searchKey(s);
    const seq = ++sent;
    const query = s.query.trim();
    if (!query && !s.municipality && !s.unitId) {
      shown = seq;
      store.setState({ hits: [], active: -1, shownKey: key, searchError: null });
      return;
    }
    const filters = {
      ...(s.municipality ? { municipality: s.municipality } : {}),
      ...(s.unitId ? { unitId: s.unitId } : {}),
    };
    if (local) {
      let hits: DirectoryHit[] | undefined;
      try {
        hits = local.index.search(query, filters, RESULT_LIMIT).map((h) => ({ card: h.entry, matched: h.field }));
      } catch {
        local = undefined; // never expected; main still answers
        store.setState({ searchSource: 'ipc' });
      }
      if (hits) {
        shown = seq;
        store.setState({ hits, active: hits.length ? 0 : -1, shownKey: key, searchError: null });
        return;
      }
    }
    // Sent from the input event itself: no microtask or effect between the key and the request.
    let request: Promise<DirectoryHit[]>;
    try {
      request = api.directorySearch({ query, filters, limit: RESULT_LIMIT });
    } catch (error) {
      request = Promise.reject(error);
    }
    request
      .then((hits) => {
        if (disposed || seq <= shown) return; // stale: a newer answer is already on screen
        shown = seq;
        store.setState({ hits, active: hits.length ? 0 : -1, shownKey: key, searchError: null });
        firstAnswer();
      })
      .catch((error: unknown) => {
        if (disposed || seq <= shown) return;
        shown = seq;
        store.setState({ hits: [], active: -1, shownKey: key, searchError: error instanceof Error ? error.message : String(error) });
      });
  };

  const refreshStatus = () =>
    call(() => api.directoryStatus()).then(
      (status) => !disposed && store.setState({ status, statusAt: Date.now(), syncing: status.syncing }),
      () => undefined,
    );
  const refreshUnits = () =>
    call(() => api.directoryUnits()).then(
      (units) => !disposed && store.setState({ units: [...units].sort((a, b) => a.name.localeCompare(b.name, 'sv')) }),
      () => undefined,
    );

  void refreshStatus();
  void refreshUnits();
  const off = api.on('directoryChanged', ({ cacheChanged, status }) => {
    store.setState({ status, statusAt: Date.now(), syncing: status.syncing });
    void refreshUnits();
    if (cacheChanged) {
      // The loaded copy is stale: main answers until the new one has loaded.
      local = undefined;
      store.setState({ searchSource: 'ipc' });
      search();
      void loadLocal();
    }
  });
  void loadLocal();

  return {
    store,
    setQuery(query) {
      store.setState({ query });
      search();
    },
    setMunicipality(municipality) {
      const { unitId, units } = store.getState();
      const unit = units.find((u) => u.id === unitId);
      // A unit of the other municipality would give no hits at all: clear it.
      store.setState({ municipality, unitId: unit && municipality && unit.municipality !== municipality ? '' : unitId });
      search();
    },
    setUnit(unitId) {
      store.setState({ unitId });
      search();
    },
    move(delta) {
      const { hits, active } = store.getState();
      if (!hits.length) return;
      store.setState({ active: Math.max(0, Math.min(hits.length - 1, (active < 0 ? -1 : active) + delta)) });
    },
    setActive(index) {
      const { hits } = store.getState();
      if (index >= 0 && index < hits.length) store.setState({ active: index });
    },
    openActive() {
      const { hits, active } = store.getState();
      const hit = hits[active];
      if (!hit) return false;
      const ticket = ++opening;
      const row = hit.card as EntryCard & { partial?: true };
      if (!row.partial) {
        store.setState({ card: hit.card });
        selection.setState({ selected: hit });
        return true;
      }
      // A row from the local copy shows only what a result row shows: the card comes from main.
      call(() => api.directoryCard({ kind: row.kind, id: row.id })).then(
        (card) => {
          if (disposed || ticket !== opening || !card) return;
          store.setState({ card });
          selection.setState({ selected: { card, matched: hit.matched } });
        },
        () => undefined,
      );
      return true;
    },
    async syncNow() {
      store.setState({ syncing: true });
      try {
        await call(() => api.directorySyncNow());
      } catch {
        // the status line shows the failure from directoryStatus
      } finally {
        await refreshStatus();
      }
    },
    dispose() {
      disposed = true;
      local = undefined;
      off();
    },
  };
}
