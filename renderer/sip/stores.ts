// Vanilla zustand stores the SIP engine writes and React reads (through selectors). Built by
// factories, never as module singletons, so each test and each engine gets fresh ones.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GreetingKind } from '../../common/policy';
import { CallState, RegistrationState } from './states';

export interface QueueEntry {
  readonly id: string;
  /** The caller's number as received (SIP From user); '' when withheld. */
  readonly callerNumber: string;
  /** The From display name; '' when none. */
  readonly callerName: string;
  /** The number the caller dialled, as received; '' when none was found. */
  readonly dialledNumber: string;
  /** The P-GREET phrase, verbatim. */
  readonly greeting: string;
  readonly greetingKind: GreetingKind;
  readonly switchboardId: string | null;
  /** ms since epoch; the queue is ordered by it (longest waiting first). */
  readonly offeredAt: number;
}

export interface Call extends QueueEntry {
  readonly state: CallState;
  readonly answeredAt: number | null;
}

export type EndReason = 'remote-cancel' | 'remote-bye' | 'local-hangup' | 'failed';

export interface CallsState {
  /** Live calls by id. Ended calls are removed; the last one is kept in `lastEnded`. */
  readonly calls: Readonly<Record<string, Call>>;
  readonly lastEnded: { readonly id: string; readonly reason: EndReason; readonly at: number } | null;
  offer(entry: QueueEntry): void;
  setState(id: string, state: Exclude<CallState, CallState.Ringing | CallState.Ended>, at: number): void;
  end(id: string, reason: EndReason, at: number): void;
}

export function createCallsStore(): StoreApi<CallsState> {
  return createStore<CallsState>()((set) => ({
    calls: {},
    lastEnded: null,
    offer: (entry) => set((s) => ({ calls: { ...s.calls, [entry.id]: { ...entry, state: CallState.Ringing, answeredAt: null } } })),
    setState: (id, state, at) =>
      set((s) => {
        const call = s.calls[id];
        if (!call) return s; // already ended: a late SIP event must not resurrect it
        const answeredAt = call.answeredAt ?? (state === CallState.Answering ? at : null);
        return { calls: { ...s.calls, [id]: { ...call, state, answeredAt } } };
      }),
    end: (id, reason, at) =>
      set((s) => {
        if (!s.calls[id]) return s;
        const { [id]: _ended, ...rest } = s.calls;
        return { calls: rest, lastEnded: { id, reason, at } };
      }),
  }));
}

/** Waiting calls, longest waiting first (ties by id, so the order is stable). New array: use useShallow. */
export function selectQueue(s: Pick<CallsState, 'calls'>): Call[] {
  return Object.values(s.calls)
    .filter((c) => c.state === CallState.Ringing)
    .sort((a, b) => a.offeredAt - b.offeredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const ACTIVE = new Set([CallState.Answering, CallState.Talking, CallState.Held]);

/** The call the operator is on (the most recently answered one), or null. */
export function selectActiveCall(s: Pick<CallsState, 'calls'>): Call | null {
  let active: Call | null = null;
  for (const c of Object.values(s.calls)) {
    if (ACTIVE.has(c.state) && (!active || (c.answeredAt ?? 0) > (active.answeredAt ?? 0))) active = c;
  }
  return active;
}

export interface RegistrationStoreState {
  readonly state: RegistrationState;
  readonly accountId: string | null;
  /** The server in use: the first of `servers` until failover exists. */
  readonly server: string | null;
  /** The account's ordered server list (primary first), kept for failover. */
  readonly servers: readonly string[];
  /** A short code saying why the state is Failed; null otherwise. */
  readonly error: string | null;
  registering(accountId: string, servers: readonly string[], server: string): void;
  registered(): void;
  unregistered(): void;
  failed(code: string): void;
}

export function createRegistrationStore(): StoreApi<RegistrationStoreState> {
  return createStore<RegistrationStoreState>()((set) => ({
    state: RegistrationState.Unregistered,
    accountId: null,
    server: null,
    servers: [],
    error: null,
    registering: (accountId, servers, server) => set({ state: RegistrationState.Registering, accountId, servers: [...servers], server, error: null }),
    registered: () => set({ state: RegistrationState.Registered, error: null }),
    unregistered: () => set({ state: RegistrationState.Unregistered }),
    failed: (code) => set({ state: RegistrationState.Failed, error: code }),
  }));
}

export interface SoftphoneStores {
  readonly calls: StoreApi<CallsState>;
  readonly registration: StoreApi<RegistrationStoreState>;
}

export function createSoftphoneStores(): SoftphoneStores {
  return { calls: createCallsStore(), registration: createRegistrationStore() };
}
