// Whole units watched on demand ("Bevaka enhet"): every extension of the unit, listed with the
// directory's search API and a unit filter, watched under the owner "unit:<id>" (the manager paces
// the SUBSCRIBEs by its window of 32). Kept per presence manager, shown under "Favoriter".
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { VaxelApi } from '../../../common/ipc/contract';
import type { PresenceManager } from '../../sip/presence';

export interface WatchedMember {
  readonly ext: string;
  readonly name: string;
}
export interface WatchedUnit {
  readonly id: string;
  readonly name: string;
  readonly members: readonly WatchedMember[];
}
export interface WatchedUnitsState {
  readonly units: readonly WatchedUnit[];
}

/** The directory's largest answer (common/directory/ipc.ts): a bigger unit is watched in part. */
export const UNIT_LIMIT = 200;

const stores = new WeakMap<PresenceManager, StoreApi<WatchedUnitsState>>();

export function watchedUnitsOf(manager: PresenceManager): StoreApi<WatchedUnitsState> {
  let s = stores.get(manager);
  if (!s) {
    s = createStore<WatchedUnitsState>()(() => ({ units: [] }));
    stores.set(manager, s);
  }
  return s;
}

/** Watches every extension of the unit (and its sub-units); resolves with how many. */
export async function watchUnit(api: Pick<VaxelApi, 'directorySearch'>, manager: PresenceManager, unit: { id: string; name: string }): Promise<number> {
  const hits = await api.directorySearch({ query: '', filters: { unitId: unit.id }, limit: UNIT_LIMIT });
  const members: WatchedMember[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    const ext = h.card.numbers.find((n) => n.kind === 'extension')?.value;
    if (!ext || seen.has(ext)) continue;
    seen.add(ext);
    members.push({ ext, name: h.card.name });
  }
  manager.watch(
    `unit:${unit.id}`,
    members.map((m) => m.ext),
  );
  const store = watchedUnitsOf(manager);
  store.setState({ units: [...store.getState().units.filter((u) => u.id !== unit.id), { id: unit.id, name: unit.name, members }] });
  return members.length;
}

export function unwatchUnit(manager: PresenceManager, unitId: string): void {
  manager.watch(`unit:${unitId}`, []);
  const store = watchedUnitsOf(manager);
  store.setState({ units: store.getState().units.filter((u) => u.id !== unitId) });
}
