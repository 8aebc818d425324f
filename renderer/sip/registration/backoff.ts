// Reconnect timing: exponential backoff with jitter, per failed round (a round tries every
// configured server once, in order, starting with the current one).

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** 1 s, 2 s, 4 s … capped at 30 s, each scaled by a random factor in [0.5, 1) ("equal jitter"). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30000 };

export function backoffDelay(failedRounds: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(failedRounds - 1, 0), 20));
  return Math.round(exp * (0.5 + 0.5 * random()));
}

/** The server index after `index`, wrapping around. */
export function nextServer(index: number, count: number): number {
  return count > 0 ? (index + 1) % count : 0;
}
