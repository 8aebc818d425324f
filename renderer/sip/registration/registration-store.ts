// The one registration state: the connection to the SIP server and the REGISTER on it, as one
// machine (REGISTRATION_TRANSITIONS in ../states.ts) in one store. The registration manager writes
// it; the status bar, presence and the message agent read it. What the status bar shows is derived
// here (registrationLabel, selectConnected), so the texts keep their meaning while the machine
// says more than they do.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { throwOnInvalidTransition } from '../../../common/state/machine';
import { RegistrationState, registrationMachine, type StoreOptions } from '../states';
import { GIVE_UP_ROUNDS } from './reconnect-policy';

/** After a failure: what the manager does next (see RegistrationState.Failed). */
export type RegistrationRetry = 'reconnect' | 'register';

export interface RegistrationStoreState {
  readonly state: RegistrationState;
  readonly accountId: string | null;
  /** The server in use or being tried; null before the first attempt. */
  readonly server: string | null;
  /** The account's ordered server list (primary first), kept for failover. */
  readonly servers: readonly string[];
  /** A short code saying what failed last; kept until registered again (or a new start). */
  readonly error: string | null;
  /** In Failed: what comes next, or null when nothing will be retried. */
  readonly retry: RegistrationRetry | null;
  /** In Failed: when the next attempt is due (ms since epoch), or null. */
  readonly nextAttemptAt: number | null;
  /** Consecutive rounds (all servers tried) that failed; 0 once registered. */
  readonly failedRounds: number;
  /** When an answered call was ended because the connection dropped (ms since epoch), or null. */
  readonly callLostAt: number | null;
  /** A new start for this account: remembers it and forgets the last error. No state change. */
  begin(accountId: string, servers: readonly string[]): void;
  connecting(server: string): void;
  /** The transport to `server` is up; a REGISTER goes out. */
  registering(): void;
  registered(): void;
  failed(code: string, retry: RegistrationRetry | null, nextAttemptAt?: number | null, failedRounds?: number): void;
  /** The next attempt was (re)scheduled while Failed. No state change. */
  retryAt(nextAttemptAt: number, failedRounds: number): void;
  unregistered(): void;
  callLost(at: number): void;
  /** The operator has seen the lost call (answered the next one). */
  callLostSeen(): void;
}

export function createRegistrationStore(options: StoreOptions = {}): StoreApi<RegistrationStoreState> {
  const onInvalid = options.onInvalidTransition ?? throwOnInvalidTransition;
  return createStore<RegistrationStoreState>()((set, get) => {
    /** The one place the state changes: checked against the table, refused when not allowed. */
    const go = (to: RegistrationState, fields: Partial<RegistrationStoreState> = {}) => {
      if (registrationMachine.transition(get().state, to, onInvalid)) set({ ...fields, state: to });
    };
    return {
      state: RegistrationState.Unregistered,
      accountId: null,
      server: null,
      servers: [],
      error: null,
      retry: null,
      nextAttemptAt: null,
      failedRounds: 0,
      callLostAt: null,
      begin: (accountId, servers) => set({ accountId, servers: [...servers], error: null, failedRounds: 0 }),
      connecting: (server) => go(RegistrationState.Connecting, { server, retry: null, nextAttemptAt: null }),
      registering: () => go(RegistrationState.Registering, { retry: null, nextAttemptAt: null }),
      registered: () => go(RegistrationState.Registered, { error: null, failedRounds: 0 }),
      failed: (code, retry, nextAttemptAt = null, failedRounds = get().failedRounds) => go(RegistrationState.Failed, { error: code, retry, nextAttemptAt, failedRounds }),
      retryAt: (nextAttemptAt, failedRounds) => {
        if (get().state === RegistrationState.Failed) set({ nextAttemptAt, failedRounds });
      },
      unregistered: () => {
        if (get().state !== RegistrationState.Unregistered) go(RegistrationState.Unregistered, { retry: null, nextAttemptAt: null });
      },
      callLost: (at) => set({ callLostAt: at }),
      callLostSeen: () => set({ callLostAt: null }),
    };
  });
}

/** True while the WebSocket to the server is up (whether or not registered): presence and "Nätverk" follow it. */
export function selectConnected(s: Pick<RegistrationStoreState, 'state' | 'retry'>): boolean {
  return s.state === RegistrationState.Registering || s.state === RegistrationState.Registered || (s.state === RegistrationState.Failed && s.retry === 'register');
}

/**
 * What the status bar says. 'Failed' is for the REGISTER (refused, or nothing will help); a
 * connection being mended is 'Reconnecting' ("Återansluter …"), and 'NotConnected' ("Ej
 * ansluten") once GIVE_UP_ROUNDS rounds of servers failed (the manager still retries, slowly).
 */
export type RegistrationLabel = 'Unregistered' | 'Registering' | 'Registered' | 'Failed' | 'Reconnecting' | 'NotConnected';

/** Codes that mean the connection (not the REGISTER) is what failed: the manager reconnects. */
const CONNECTION_CODES: ReadonlySet<string> = new Set(['sip.transport-lost', 'sip.keepalive-timeout', 'sip.transport-connect-failed', 'sip.user-agent-failed']);

/** What the status bar says: after a failure it says which until registered again, also while retrying. */
export function registrationLabel(s: Pick<RegistrationStoreState, 'state' | 'error' | 'retry' | 'failedRounds'>): RegistrationLabel {
  const mending = s.error !== null && CONNECTION_CODES.has(s.error);
  const connectionLabel = (): RegistrationLabel => (s.failedRounds >= GIVE_UP_ROUNDS ? 'NotConnected' : 'Reconnecting');
  switch (s.state) {
    case RegistrationState.Unregistered:
      return 'Unregistered';
    case RegistrationState.Registered:
      return 'Registered';
    case RegistrationState.Failed:
      return s.retry === 'reconnect' && mending ? connectionLabel() : 'Failed';
    case RegistrationState.Connecting:
    case RegistrationState.Registering:
      return s.error === null ? 'Registering' : mending ? connectionLabel() : 'Failed';
  }
}
