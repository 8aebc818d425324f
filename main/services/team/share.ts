// What a service needs from the team store to share one of its kinds: record its own changes and
// apply the other consoles'. Services depend on this, not on PostgreSQL.
import type { TeamKindAdapter } from './sync';

export interface TeamShare {
  /** An own change (value null: deleted); queued and sent in order, applied locally at once. */
  record(kind: string, recordKey: string, value: unknown): void;
  register(adapter: TeamKindAdapter): void;
}
