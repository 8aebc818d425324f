// Which delay for which fault (issue 17, point 3). A drop of a WORKING connection (one that got a
// REGISTER through) is a blip, not a dead server: the first retry goes at once, with no backoff.
// Backoff is for a server that refuses the connection or does not answer (a whole round of servers
// failed), and for a connection that drops before anything registered on it (a server that
// accepts and hangs up at once would otherwise be hammered). A last guard: more than
// `maxImmediate` at-once retries inside `windowMs` counts as flapping and backs off too.
// Pure, so the decision is tested without sockets (test/node/faults-reconnect-policy.test.ts).
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../../../common/backoff';

export type ConnectionFault =
  /** A connection that had registered closed, or stopped answering the keep-alive. */
  | 'working-dropped'
  /** A connection closed before any REGISTER on it succeeded. */
  | 'unproven-dropped'
  /** Every server of a round refused the connection or did not answer in time. */
  | 'round-failed';

export interface ReconnectHistory {
  /** Consecutive failed rounds (reset when registered). */
  readonly failedRounds: number;
  /** Consecutive drops before registering (reset when registered). */
  readonly unprovenDrops: number;
  /** When the recent at-once retries were taken (ms), newest last. */
  readonly immediateAt: readonly number[];
}

export interface ReconnectPolicy {
  readonly backoff: BackoffPolicy;
  readonly maxImmediate: number;
  readonly windowMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { backoff: DEFAULT_BACKOFF, maxImmediate: 20, windowMs: 60_000 };

/** Failed rounds after which the status bar stops saying "Återansluter …" and says "Ej ansluten". */
export const GIVE_UP_ROUNDS = 3;

export const EMPTY_HISTORY: ReconnectHistory = { failedRounds: 0, unprovenDrops: 0, immediateAt: [] };

export interface ReconnectDecision {
  readonly delayMs: number;
  readonly history: ReconnectHistory;
}

/** The delay before the next round after `fault`, and the history to keep for the next decision. */
export function decideReconnect(fault: ConnectionFault, history: ReconnectHistory, now: number, policy: ReconnectPolicy = DEFAULT_RECONNECT, random: () => number = Math.random): ReconnectDecision {
  const recent = history.immediateAt.filter((at) => now - at < policy.windowMs);
  switch (fault) {
    case 'working-dropped': {
      if (recent.length < policy.maxImmediate) return { delayMs: 0, history: { ...history, immediateAt: [...recent, now] } };
      // Flapping: treat as a drop before registering.
      const unprovenDrops = history.unprovenDrops + 1;
      return { delayMs: backoffDelay(unprovenDrops, policy.backoff, random), history: { ...history, unprovenDrops, immediateAt: recent } };
    }
    case 'unproven-dropped': {
      const unprovenDrops = history.unprovenDrops + 1;
      return { delayMs: backoffDelay(unprovenDrops, policy.backoff, random), history: { ...history, unprovenDrops, immediateAt: recent } };
    }
    case 'round-failed': {
      const failedRounds = history.failedRounds + 1;
      return { delayMs: backoffDelay(failedRounds, policy.backoff, random), history: { ...history, failedRounds, immediateAt: recent } };
    }
  }
}

/** Registered again: the next drop is a blip again. The at-once retries stay counted (flapping guard). */
export function afterRegistered(history: ReconnectHistory): ReconnectHistory {
  return { failedRounds: 0, unprovenDrops: 0, immediateAt: history.immediateAt };
}
