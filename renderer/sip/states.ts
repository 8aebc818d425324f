// The console's state machines, each as one transition table (data, not code): the call, the
// transfer on a call, and the registration (the connection to the SIP server and the REGISTER on
// it, in one machine). They mirror SIP.js's SessionState/RegistererState in the operator's terms,
// so the UI never depends on SIP.js types, and like SIP.js's they refuse a step their table does
// not list: every store setter goes through `transition(from, to)` (common/state/machine.ts).
import { defineMachine, type OnInvalidTransition, type TransitionTable } from '../../common/state/machine';

/** Options of the store factories (stores.ts, registration/registration-store.ts). */
export interface StoreOptions {
  /** What an invalid transition does; default throw (tests). The console reports and refuses it. */
  readonly onInvalidTransition?: OnInvalidTransition;
}

export enum RegistrationState {
  /** Not started, or stopped: no connection, no registration. */
  Unregistered = 'Unregistered',
  /** Opening the WebSocket to `server` (the first try, failover to the next one, or a reconnect). */
  Connecting = 'Connecting',
  /** The transport is up and a REGISTER is on its way (first one, or again after a failure). */
  Registering = 'Registering',
  Registered = 'Registered',
  /**
   * Not registered because something failed (`error` says what). `retry` says what comes next:
   * 'reconnect' (the transport is down; a new round of servers at `nextAttemptAt`), 'register'
   * (the transport is still up; a new REGISTER at `nextAttemptAt`), or null (nothing will help,
   * e.g. an invalid account URI).
   */
  Failed = 'Failed',
}

export const REGISTRATION_TRANSITIONS: TransitionTable<RegistrationState> = {
  [RegistrationState.Unregistered]: [RegistrationState.Connecting],
  // Connecting → Connecting: the server failed to connect, the next one is tried.
  [RegistrationState.Connecting]: [RegistrationState.Connecting, RegistrationState.Registering, RegistrationState.Failed, RegistrationState.Unregistered],
  [RegistrationState.Registering]: [RegistrationState.Registered, RegistrationState.Failed, RegistrationState.Unregistered],
  // Registered → Connecting: back to the primary server after failover, once it is up again.
  [RegistrationState.Registered]: [RegistrationState.Connecting, RegistrationState.Failed, RegistrationState.Unregistered],
  // Failed → Failed: a further failure while waiting (the newest code and retry are kept).
  [RegistrationState.Failed]: [RegistrationState.Connecting, RegistrationState.Registering, RegistrationState.Failed, RegistrationState.Unregistered],
};

export const registrationMachine = defineMachine('registration', REGISTRATION_TRANSITIONS);

export enum CallState {
  /** Offered to the switchboard, waiting in the queue. */
  Ringing = 'Ringing',
  /** The operator pressed answer; media is being set up. */
  Answering = 'Answering',
  /** An outgoing call (dial-out, consultation, safe transfer) not yet answered. */
  Calling = 'Calling',
  Talking = 'Talking',
  Held = 'Held',
  Ended = 'Ended',
}

/** A call is born Ringing (offered) or Calling (dialled); Ended is final (the store drops the call). */
export const CALL_TRANSITIONS: TransitionTable<CallState> = {
  [CallState.Ringing]: [CallState.Answering, CallState.Ended],
  [CallState.Answering]: [CallState.Talking, CallState.Ended],
  [CallState.Calling]: [CallState.Talking, CallState.Ended],
  [CallState.Talking]: [CallState.Held, CallState.Ended],
  [CallState.Held]: [CallState.Talking, CallState.Ended],
  [CallState.Ended]: [],
};

export const callMachine = defineMachine('call', CALL_TRANSITIONS);

/**
 * A transfer on a call (TransferInfo.status), with 'none' for no transfer. An attempt starts at
 * 'trying'; after that the statuses follow the SIP events in whatever order they come (REFER
 * responses and NOTIFYs cross, one status repeats with a new SIP code). 'failed' is not final:
 * the consultation's BYE (which marks the announced transfer failed) can arrive before the
 * REFER's final NOTIFY, which then says done; and after a recall the operator tries again.
 * 'done' is final: only clearing the transfer follows it.
 */
export type TransferState = 'none' | 'trying' | 'ringing' | 'accepted' | 'done' | 'failed';

const UNDER_WAY = ['trying', 'ringing', 'accepted', 'done', 'failed', 'none'] as const;

export const TRANSFER_TRANSITIONS: TransitionTable<TransferState> = {
  none: ['trying'],
  trying: UNDER_WAY,
  ringing: UNDER_WAY,
  accepted: UNDER_WAY,
  failed: UNDER_WAY,
  done: ['none'],
};

export const transferMachine = defineMachine('transfer', TRANSFER_TRANSITIONS);
