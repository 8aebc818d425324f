// A state machine as data: for each state, the states that may follow it. Modelled on SIP.js's
// SessionState/RegistererState, whose stateTransition() throws on a step its switch does not
// list. Here the table is a value (readable, testable, printable) and what happens on an invalid
// step is the caller's choice: throw (tests, development) or report it and refuse the step
// (production), so a late or out-of-order event can never put a store into a state its machine
// says cannot follow. Reports carry the machine and state names only, never call data.

export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly machine: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${machine}: invalid state transition from ${from} to ${to}`);
  }
}

/** What to do with an invalid transition. Returning means "refuse it": the state stays as it was. */
export type OnInvalidTransition = (error: InvalidTransitionError) => void;

/** The default: throw, so a test or a development build fails at the step that is wrong. */
export const throwOnInvalidTransition: OnInvalidTransition = (error) => {
  throw error;
};

/** The shape of a log entry (common/ipc/contract.ts LogReport), without importing the contract. */
export interface TransitionReport {
  readonly level: 'error';
  readonly code: 'state.invalid-transition';
  readonly detail: { readonly machine: string; readonly from: string; readonly to: string };
}

/** Production: log the state names (P-SECRECY: nothing else) and refuse the step. */
export function reportInvalidTransition(log: (entry: TransitionReport) => void): OnInvalidTransition {
  return (error) => log({ level: 'error', code: 'state.invalid-transition', detail: { machine: error.machine, from: error.from, to: error.to } });
}

export interface StateMachine<S extends string> {
  readonly name: string;
  readonly table: TransitionTable<S>;
  /** True when `to` may follow `from` (by the table alone). */
  allows(from: S, to: S): boolean;
  /**
   * The one check every setter goes through: true when the step may be taken; otherwise hands an
   * InvalidTransitionError to `onInvalid` (which may throw) and returns false (refused).
   */
  transition(from: S, to: S, onInvalid: OnInvalidTransition): boolean;
}

export function defineMachine<S extends string>(name: string, table: TransitionTable<S>): StateMachine<S> {
  const allows = (from: S, to: S) => table[from]?.includes(to) ?? false;
  return {
    name,
    table,
    allows,
    transition(from, to, onInvalid) {
      if (allows(from, to)) return true;
      onInvalid(new InvalidTransitionError(name, from, to));
      return false;
    },
  };
}

/** Every [from, to] pair the table allows (for tests and documentation). */
export function allowedTransitions<S extends string>(table: TransitionTable<S>): Array<[S, S]> {
  return (Object.keys(table) as S[]).flatMap((from) => table[from].map((to): [S, S] => [from, to]));
}
