import type { Database } from 'better-sqlite3';

/** One schema step. `version` is the PRAGMA user_version after it ran; versions run 1, 2, 3… */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
