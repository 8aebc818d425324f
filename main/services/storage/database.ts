// Opens the console's SQLite database: WAL (readers never block the writer, and a crash loses at most
// the transaction in flight), foreign keys on, a busy timeout instead of instant SQLITE_BUSY, and
// migrations brought up to date. A file that is not a healthy SQLite database is moved aside with
// its -wal/-shm companions and a fresh one is created; the caller gets the reason and backup path.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { backupPathFor } from '../files/backup';
import type { Logger } from '../log/logger';
import { runMigrations } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  file: string;
  log: Logger;
  /** Defaults to every migration in migrations/index.ts. */
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
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
function diagnose(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const header = headerProblem(file);
  if (header) return header;
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const result = db.pragma('quick_check', { simple: true });
    return result === 'ok' ? undefined : `the integrity check failed (${String(result).slice(0, 200)})`;
  } catch (error) {
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
  const problem = diagnose(file);
  if (problem) {
    const backupPath = moveAsideWithCompanions(file);
    recovered = { reason: `The database ${path.basename(file)} could not be used: ${problem}. It was moved aside and a new, empty database was created.`, backupPath };
    log.error('storage.corrupt-database', { backup: path.basename(backupPath) });
  }
  const db = new Database(file);
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
