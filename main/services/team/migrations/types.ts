import type { ClientBase } from 'pg';

/** One step of the team store's PostgreSQL schema, run by the admin role (never by the console). */
export interface TeamMigration {
  readonly version: number;
  readonly name: string;
  up(client: ClientBase): Promise<void>;
}
