// Opens the console's SQLite database: WAL (readers never block the writer, and a crash loses at most
// the transaction in flight), foreign keys on, a busy timeout instead of instant SQLITE_BUSY, and
// migrations brought up to date. A file that is not a healthy SQLite database is moved aside with
// its -wal/-shm companions and a fresh one is created; the caller gets the reason and backup path.
// With a key (both hosts give one) the file is sealed at rest (sealed.ts): a plaintext file is
// sealed in place on first open, and a sealed file this key does not open is refused, untouched.
import fs from 'node:fs';
import path from 'node:path';
import { backupPathFor } from '../files/backup';
import type { Logger } from '../log/logger';
import { runMigrations } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';
import type { DatabaseKey } from './databaseKey';
import { openPlainConnection, openSealedConnection, removeSealingLeftovers, sealPlaintextInPlace, type SealHooks, type SqliteConnection } from './sealed';
import { fileKind } from './sqliteFileKind';

export type SqliteDatabase = SqliteConnection;

export interface OpenDatabaseOptions {
  file: string;
  log: Logger;
  /** Defaults to every migration in migrations/index.ts. */
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
  /**
   * Seals the file at rest. Required so that no caller can forget it (fail closed, P-SECRECY):
   * null, a plaintext file, is only for tests of the schema itself; both hosts pass a key.
   */
  key: DatabaseKey | null;
  sealHooks?: SealHooks;
}

export interface OpenedDatabase {
  db: SqliteDatabase;
  version: number;
  /** Set when the file was not a usable database and was moved aside. */
  recovered?: { reason: string; backupPath: string };
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Why the file does not start like an SQLite database, or undefined (also when it does not exist or is empty). */
export function headerProblem(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const head = Buffer.alloc(HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read === 0) return undefined; // an empty file is a valid, empty database
    return read < HEADER.length || !head.equals(HEADER) ? 'the file is not an SQLite database (bad header)' : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Why the file is not a usable SQLite database, or undefined when it is (or does not exist yet). */
function diagnose(file: string, key: DatabaseKey | undefined): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  // Sealed: a file this key cannot open throws SealedDatabaseError out of here (refused, kept as it is).
  const sealed = key !== undefined && fileKind(file) === 'sealed';
  if (!sealed) {
    const header = headerProblem(file);
    if (header) return header;
  }
  let db: SqliteDatabase | undefined;
  try {
    db = sealed ? openSealedConnection(file, key, { fileMustExist: true }) : openPlainConnection(file, { fileMustExist: true });
    const result = db.pragma('quick_check', { simple: true });
    return result === 'ok' ? undefined : `the integrity check failed (${String(result).slice(0, 200)})`;
  } catch (error) {
    if (error instanceof Error && error.name === 'SealedDatabaseError') throw error;
    return `SQLite could not read it (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db?.close();
  }
}

/** Moves a bad database aside with its -wal/-shm files; returns the backup path. */
export function moveAsideWithCompanions(file: string): string {
  const backup = backupPathFor(file);
  fs.renameSync(file, backup);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, backup + suffix);
  }
  return backup;
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { file, log } = options;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let recovered: OpenedDatabase['recovered'];
  if (options.key) removeSealingLeftovers(file);
  const problem = diagnose(file, options.key ?? undefined);
  if (problem) {
    const backupPath = moveAsideWithCompanions(file);
    recovered = { reason: `The database ${path.basename(file)} could not be used: ${problem}. It was moved aside and a new, empty database was created.`, backupPath };
    log.error('storage.corrupt-database', { backup: path.basename(backupPath) });
  }
  if (options.key && fileKind(file) === 'plaintext') sealPlaintextInPlace(file, options.key, log, options.sealHooks);
  const db = options.key ? openSealedConnection(file, options.key) : openPlainConnection(file);
  try {
    if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // safe with WAL: a power loss may lose the last commit, never corrupt
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    const version = runMigrations(db, options.migrations ?? allMigrations, log);
    return { db, version, ...(recovered ? { recovered } : {}) };
  } catch (error) {
    db.close();
    throw error;
  }
}
