// SQLite connections sealed at rest (P-SECRECY): SQLite3 Multiple Ciphers (better-sqlite3-multiple-
// ciphers) with its SQLCipher 4 scheme, so `sqlcipher` itself opens a copy with the same raw key
// (PRAGMA key = "x'…'"). A raw key, not a passphrase: the key is already 32 random bytes, and a
// passphrase's PBKDF2 (256,000 rounds) would cost every open and every worker connection.
// This is the one module that imports the SQLite driver; every database opens through it.
import Database from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseKey } from './databaseKey';
import type { Logger } from '../log/logger';
import { fileKind } from './sqliteFileKind';

export type SqliteConnection = BetterSqlite3.Database;

export class SealedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedDatabaseError';
  }
}

function applyKey(db: SqliteConnection, key: DatabaseKey, pragma: 'key' | 'rekey'): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4'); // SQLCipher 4's page layout, HMAC and defaults
  db.pragma(`${pragma} = "x'${key.hex}'"`);
}

/** A plain (unsealed) connection: for plaintext files about to be sealed, and for tests of the schema. */
export function openPlainConnection(file: string, options: { fileMustExist?: boolean } = {}): SqliteConnection {
  return new Database(file, options) as unknown as SqliteConnection;
}

/**
 * A keyed connection. Throws SealedDatabaseError when the file exists but does not open with this
 * key (another workstation's key, a lost key, or not a database at all): it is never read any other way.
 */
export function openSealedConnection(file: string, key: DatabaseKey, options: { fileMustExist?: boolean } = {}): SqliteConnection {
  const db = new Database(file, options) as unknown as SqliteConnection;
  try {
    applyKey(db, key, 'key');
    // Temporary tables and sort spills stay in memory: SQLite's temp files are not sealed.
    db.pragma('temp_store = MEMORY');
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    return db;
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code ?? '';
    if (/NOTADB/.test(code)) {
      throw new SealedDatabaseError(
        `The database ${path.basename(file)} cannot be opened with this workstation's database key (sealed with another key, or not a database). It was not opened and not changed: restore the data folder's database.key and keychain that sealed it, or move the file away to start an empty one.`,
      );
    }
    throw error;
  }
}

export interface SealHooks {
  /** Called with the sealed copy complete, before it replaces the original (tests crash here). */
  beforeRename?: () => void;
}

/** Where a migration writes the sealed copy; a leftover one is from a crash and is removed. */
export const sealingPathFor = (file: string) => `${file}.sealing`;

/** Removes what a crash mid-migration left; the original file was never touched. */
export function removeSealingLeftovers(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(sealingPathFor(file) + suffix, { force: true });
}

function fsyncPath(p: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Seals an existing plaintext database in place. The original's WAL is folded in first, then a copy
 * is encrypted (SQLite3MC's rekey of a plaintext file) and verified, and only then renamed over the
 * original, so a crash at any point leaves either the old plaintext file or the sealed one, whole.
 */
export function sealPlaintextInPlace(file: string, key: DatabaseKey, log: Logger, hooks: SealHooks = {}): void {
  const started = Date.now();
  removeSealingLeftovers(file);
  const plain = openPlainConnection(file, { fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE'); // rekey needs a rollback journal; this also removes the -wal
  } finally {
    plain.close();
  }
  const sealing = sealingPathFor(file);
  fs.copyFileSync(file, sealing);
  const copy = openPlainConnection(sealing, { fileMustExist: true });
  try {
    applyKey(copy, key, 'rekey');
    copy.pragma('journal_mode = WAL');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new SealedDatabaseError(`sealing ${path.basename(file)} failed its check (${String(check).slice(0, 200)}); the plaintext file was kept`);
    copy.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    copy.close();
    removeSealingLeftovers(file);
    throw error;
  }
  copy.close();
  if (fileKind(sealing) !== 'sealed') {
    removeSealingLeftovers(file);
    throw new SealedDatabaseError(`sealing ${path.basename(file)} produced no sealed file; the plaintext file was kept`);
  }
  if (process.platform !== 'win32') fs.chmodSync(sealing, 0o600);
  fsyncPath(sealing);
  hooks.beforeRename?.();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(sealing, file);
  fsyncPath(path.dirname(file));
  removeSealingLeftovers(file);
  log.info('storage.sealed', { file: path.basename(file), ms: Date.now() - started });
}
