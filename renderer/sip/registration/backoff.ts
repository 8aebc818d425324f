// Reconnect timing: the project's one backoff (common/backoff.ts), per failed round (a round
// tries every configured server once, in order, starting with the current one), and the server
// order for failover.
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../../../common/backoff';

/** The server index after `index`, wrapping around. */
export function nextServer(index: number, count: number): number {
  return count > 0 ? (index + 1) % count : 0;
}
