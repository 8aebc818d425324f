// Runs pending migrations, each in its own transaction together with its PRAGMA user_version bump,
// so a migration that throws leaves the database exactly at the previous version.
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';
import type { Migration } from './migrations/types';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly version: number,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
  });
}

/** Returns the version the database is at afterwards. */
export function runMigrations(db: Database, list: readonly Migration[], log: Logger): number {
  checkOrder(list);
  const current = userVersion(db);
  const latest = list.length;
  if (current > latest) {
    throw new MigrationError(`The database is at schema version ${current}, newer than this version of Växel knows (${latest}). Update Växel; the database was not changed.`, current);
  }
  for (const m of list.slice(current)) {
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (error) {
      log.error('storage.migration-failed', { version: m.version, name: m.name });
      const cause = error instanceof Error ? error.message : String(error);
      throw new MigrationError(`Migration ${m.version} (${m.name}) failed and was rolled back; the database stays at version ${m.version - 1}: ${cause}`, m.version);
    }
    log.info('storage.migrated', { version: m.version, name: m.name });
  }
  return userVersion(db);
}
