// The one retry delay of the project: exponential backoff with "equal jitter". Used by the SIP
// registration (reconnect rounds, re-REGISTER), presence re-subscription, and the message outbox
// in main. Pure, so every runtime may import it.

export interface BackoffPolicy {
  /** The delay after the first failure (before jitter). */
  readonly baseMs: number;
  /** The cap (before jitter). */
  readonly maxMs: number;
  /**
   * Lowest share of the delay kept by the jitter: the delay is scaled by a random factor in
   * [jitterFloor, 1). 1 means no jitter. Default 0.5 ("equal jitter").
   */
  readonly jitterFloor?: number;
}

/** 1 s, 2 s, 4 s … capped at 30 s, each scaled by a random factor in [0.5, 1). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30000 };

/**
 * The delay before the next attempt after `failures` consecutive failures (1 = the first one):
 * min(maxMs, baseMs * 2^(failures-1)), scaled by the jitter. `random` returns [0, 1).
 */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 20));
  const floor = policy.jitterFloor ?? 0.5;
  return Math.round(exp * (floor + (1 - floor) * random()));
}
