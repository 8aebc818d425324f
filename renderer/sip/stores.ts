// Vanilla zustand stores the SIP engine writes and React reads (through selectors). Built by
// factories, never as module singletons, so each test and each engine gets fresh ones. Every
// change of a call's state or of its transfer's status is checked against its transition table
// (states.ts); an invalid one throws by default (tests) or is reported and refused (the console).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GreetingKind } from '../../common/policy';
import { throwOnInvalidTransition } from '../../common/state/machine';
import { createRegistrationStore, type RegistrationStoreState } from './registration/registration-store';
import { callMachine, CallState, transferMachine, type StoreOptions, type TransferState } from './states';

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
  /** The INVITE's Call-ID: the same at every console a forked call rings at (statistics join on it). */
  readonly sipCallId?: string;
}

/** A transfer in progress (or just failed) on a call, as the operator sees it. */
export interface TransferInfo {
  readonly kind: 'blind' | 'announced' | 'safe' | 'voicemail';
  /** What the operator asked for: an extension, number or SIP URI. */
  readonly target: string;
  /** trying: REFER sent / employee being called; ringing: 1xx seen; done: 2xx; failed: >= 300 or no answer. */
  readonly status: 'trying' | 'ringing' | 'accepted' | 'done' | 'failed';
  /** The last SIP status seen in a NOTIFY or response, 0 when none yet. */
  readonly code: number;
}

export interface Call extends QueueEntry {
  readonly state: CallState;
  readonly answeredAt: number | null;
  /** 'in': a caller; 'out': dialled by the operator (dial-out or consultation). */
  readonly direction: 'in' | 'out';
  readonly muted: boolean;
  /** Park slot 1-9 when parked (held with hold music and listed under "Parkerade samtal"). */
  readonly parkSlot: number | null;
  /** For a consultation or safe-transfer leg: the caller it is for. */
  readonly consultFor: string | null;
  /** 'call': a caller or a dial-out; 'consult': an announced transfer's talk with the employee;
   *  'safe': a safe transfer's call to the employee (runs by itself, never the active call). */
  readonly legKind: 'call' | 'consult' | 'safe';
  readonly transfer: TransferInfo | null;
  /** Set when a transfer did not reach the employee and the caller is back with the operator. */
  readonly recall: { readonly target: string; readonly reason: 'no-answer' | 'failed' } | null;
}

/** Fields the engine may change on a live call after it exists. */
export type CallPatch = Partial<Pick<Call, 'muted' | 'parkSlot' | 'consultFor' | 'transfer' | 'recall' | 'callerName'>>;

const at = (entry: QueueEntry) => entry.offeredAt;
const CALL_DEFAULTS = { direction: 'in', muted: false, parkSlot: null, consultFor: null, legKind: 'call', transfer: null, recall: null } as const;

/** remote-cancel: the caller hung up while ringing; answered-elsewhere and pbx-cancel: the PBX
 *  cancelled the offer because another console answered it, or because it gave up (RFC 3326 Reason). */
export type EndReason = 'remote-cancel' | 'answered-elsewhere' | 'pbx-cancel' | 'remote-bye' | 'local-hangup' | 'failed';

export interface CallsState {
  /** Live calls by id. Ended calls are removed; the last one is kept in `lastEnded`. */
  readonly calls: Readonly<Record<string, Call>>;
  readonly lastEnded: { readonly id: string; readonly reason: EndReason; readonly at: number } | null;
  offer(entry: QueueEntry): void;
  /** An outgoing call the operator placed; starts in Calling. */
  dialled(entry: QueueEntry, consultFor: string | null, legKind?: Call['legKind']): void;
  patch(id: string, patch: CallPatch): void;
  setState(id: string, state: Exclude<CallState, CallState.Ringing | CallState.Ended>, at: number): void;
  end(id: string, reason: EndReason, at: number): void;
}

/** A transfer's state for its machine: its status, or 'none' when there is none. */
const transferState = (t: TransferInfo | null): TransferState => t?.status ?? 'none';

export function createCallsStore(options: StoreOptions = {}): StoreApi<CallsState> {
  const onInvalid = options.onInvalidTransition ?? throwOnInvalidTransition;
  return createStore<CallsState>()((set) => ({
    calls: {},
    lastEnded: null,
    offer: (entry) => set((s) => ({ calls: { ...s.calls, [entry.id]: { ...CALL_DEFAULTS, ...entry, state: CallState.Ringing, answeredAt: null } } })),
    dialled: (entry, consultFor, legKind = 'call') =>
      set((s) => ({
        calls: { ...s.calls, [entry.id]: { ...CALL_DEFAULTS, ...entry, direction: 'out', consultFor, legKind, state: CallState.Calling, answeredAt: at(entry) } },
      })),
    patch: (id, patch) =>
      set((s) => {
        const call = s.calls[id];
        if (!call) return s;
        if (patch.transfer !== undefined) {
          const from = transferState(call.transfer);
          const to = transferState(patch.transfer);
          // The whole patch is refused with its transfer step: a recall belongs to its status.
          if (!(from === 'none' && to === 'none') && !transferMachine.transition(from, to, onInvalid)) return s;
        }
        return { calls: { ...s.calls, [id]: { ...call, ...patch } } };
      }),
    setState: (id, state, at) =>
      set((s) => {
        const call = s.calls[id];
        if (!call) return s; // already ended: a late SIP event must not resurrect it
        if (!callMachine.transition(call.state, state, onInvalid)) return s;
        const answeredAt = call.answeredAt ?? (state === CallState.Answering || state === CallState.Calling || state === CallState.Talking ? at : null);
        return { calls: { ...s.calls, [id]: { ...call, state, answeredAt } } };
      }),
    end: (id, reason, at) =>
      set((s) => {
        const call = s.calls[id];
        if (!call) return s;
        if (!callMachine.transition(call.state, CallState.Ended, onInvalid)) return s;
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

const ACTIVE = new Set([CallState.Answering, CallState.Calling, CallState.Talking]);

/** The call the operator is on (not held; the most recently answered one), or null. */
export function selectActiveCall(s: Pick<CallsState, 'calls'>): Call | null {
  let active: Call | null = null;
  for (const c of Object.values(s.calls)) {
    if (ACTIVE.has(c.state) && c.legKind !== 'safe' && (!active || (c.answeredAt ?? 0) > (active.answeredAt ?? 0))) active = c;
  }
  return active;
}

/** Held calls that are not parked, longest held first (by answer time). New array: use useShallow. */
export function selectHeld(s: Pick<CallsState, 'calls'>): Call[] {
  return Object.values(s.calls)
    .filter((c) => c.state === CallState.Held && c.parkSlot === null)
    .sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0) || (a.id < b.id ? -1 : 1));
}

/** Parked calls by slot. New array: use useShallow. */
export function selectParked(s: Pick<CallsState, 'calls'>): Call[] {
  return Object.values(s.calls)
    .filter((c) => c.parkSlot !== null)
    .sort((a, b) => (a.parkSlot ?? 0) - (b.parkSlot ?? 0));
}

/** Every call the operator holds a leg of (answered or dialled, not ringing in the queue). */
export function selectLiveCalls(s: Pick<CallsState, 'calls'>): Call[] {
  return Object.values(s.calls)
    .filter((c) => c.state !== CallState.Ringing)
    .sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0) || (a.id < b.id ? -1 : 1));
}

export interface SoftphoneStores {
  readonly calls: StoreApi<CallsState>;
  /** The one registration state (connection and REGISTER): registration/registration-store.ts. */
  readonly registration: StoreApi<RegistrationStoreState>;
}

export function createSoftphoneStores(options: StoreOptions = {}): SoftphoneStores {
  return { calls: createCallsStore(options), registration: createRegistrationStore(options) };
}
