// Opens the directory cache file with its own migrations. A separate file keeps its user_version
// independent of the console's main database, and lets the cache be thrown away and rebuilt by a
// sync.
//
// Why not the shared opener (storage/database.ts): it runs PRAGMA quick_check on every open,
// which reads the whole file (about 100 ms for 100k entries, more on a slow disk) before the
// operator can search. For this file a full check is not worth delaying the start: it is a
// cache that the next sync rewrites. So this opener does the cheap checks up front (the header;
// SQLite refusing to open or read the file) with the same move-aside recovery, and returns
// checkIntegrity() for the caller to run once the console shows (main: after first paint). If
// that check fails, the caller should close the file, move it aside and let a sync refill it.
// With a key the cache is sealed at rest like the call log (storage/sealed.ts): the entries include
// protected people and the notices are the operator's own words (P-SECRECY).
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import { headerProblem, moveAsideWithCompanions, runMigrations, type DatabaseKey, type OpenedDatabase, type SqliteDatabase } from '../storage';
import { openPlainConnection, openSealedConnection, removeSealingLeftovers, sealPlaintextInPlace } from '../storage/sealed';
import { fileKind } from '../storage/sqliteFileKind';
import { directoryMigrations } from './migrations';

export interface OpenedDirectoryDatabase extends OpenedDatabase {
  /** PRAGMA quick_check, deferred: undefined when healthy, else the reason. Logged when it fails. */
  checkIntegrity(): string | undefined;
}

function openOnce(file: string, log: Logger, key: DatabaseKey | undefined): { db: SqliteDatabase; version: number } {
  const db = key ? openSealedConnection(file, key) : openPlainConnection(file);
  try {
    if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const version = runMigrations(db, directoryMigrations, log);
    // Reading the schema touches the first pages: a file SQLite cannot read fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    return { db, version };
  } catch (error) {
    db.close();
    throw error;
  }
}

const isCorruption = (error: unknown) => error instanceof Error && /SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i.test(`${(error as { code?: string }).code ?? ''} ${error.message}`);

/**
 * With a key, a plaintext cache is sealed in place first; a sealed file the key does not open is
 * moved aside like a corrupt one (kept for IT, never read as plaintext) and a sync fills a new one.
 */
export function openDirectoryDatabase(file: string, log: Logger, key?: DatabaseKey): OpenedDirectoryDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let recovered: OpenedDatabase['recovered'];
  const recover = (problem: string) => {
    const backupPath = moveAsideWithCompanions(file);
    recovered = { reason: `The directory cache ${path.basename(file)} could not be used: ${problem}. It was moved aside; the next sync fills a new one.`, backupPath };
    log.error('directory.corrupt-cache', { backup: path.basename(backupPath) });
  };
  if (key) removeSealingLeftovers(file);
  const kind = fileKind(file);
  const header = key && kind === 'sealed' ? undefined : headerProblem(file);
  if (header) recover(header);
  let opened: { db: SqliteDatabase; version: number };
  try {
    if (key && !recovered && kind === 'plaintext') sealPlaintextInPlace(file, key, log);
    opened = openOnce(file, log, key);
  } catch (error) {
    const sealedElsewhere = error instanceof Error && error.name === 'SealedDatabaseError';
    if (recovered || !(isCorruption(error) || sealedElsewhere)) throw error;
    recover(sealedElsewhere ? "it does not open with this workstation's database key" : `SQLite could not read it (${error instanceof Error ? error.message : String(error)})`);
    opened = openOnce(file, log, key);
  }
  const { db, version } = opened;
  return {
    db,
    version,
    ...(recovered ? { recovered } : {}),
    checkIntegrity() {
      let result: string;
      try {
        result = String(db.pragma('quick_check', { simple: true }));
      } catch (error) {
        result = error instanceof Error ? error.message : String(error);
      }
      if (result === 'ok') return undefined;
      log.error('directory.integrity-check-failed', {});
      return `the integrity check failed (${result.slice(0, 200)})`;
    },
  };
}
