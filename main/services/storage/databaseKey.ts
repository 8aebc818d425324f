// The key that seals the console's databases at rest (P-SECRECY): 32 random bytes per data folder,
// kept only wrapped by the host's SecretCipher (Electron: the OS keychain through safeStorage; web
// host: the key-file cipher), in <dataDir>/database.key. The raw key is never written in clear.
// A key file that cannot be unwrapped is an error, never a reason to make a new key: a new key
// would leave the sealed files unreadable and, worse, invite opening them some other way.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import type { SecretCipher } from '../settings/cipher';
import { fileKind } from './sqliteFileKind';

const KEY_BYTES = 32;

/** The raw key in memory only; `hex` is what SQLCipher's raw-key syntax takes. */
export interface DatabaseKey {
  readonly hex: string;
}

export class DatabaseKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseKeyError';
  }
}

const KeyFile = z.object({ v: z.literal(1), cipher: z.string(), wrapped: z.string() });

export function databaseKeyFile(dataDir: string): string {
  return path.join(dataDir, 'database.key');
}

function unwrap(file: string, text: string, cipher: SecretCipher): DatabaseKey {
  let parsed: z.infer<typeof KeyFile>;
  try {
    parsed = KeyFile.parse(JSON.parse(text));
  } catch {
    throw new DatabaseKeyError(`The database key file ${path.basename(file)} is damaged; the sealed databases were not opened. Restore the file from a backup.`);
  }
  if (parsed.cipher !== cipher.kind) {
    throw new DatabaseKeyError(
      `The database key file ${path.basename(file)} was sealed by "${parsed.cipher}", but this start has "${cipher.kind}" (keychain missing or changed); the sealed databases were not opened.`,
    );
  }
  let hex: string;
  try {
    hex = cipher.decrypt(parsed.wrapped);
  } catch {
    throw new DatabaseKeyError(`The database key in ${path.basename(file)} could not be unwrapped with this user's keychain; the sealed databases were not opened.`);
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new DatabaseKeyError(`The database key in ${path.basename(file)} is not a valid key; the sealed databases were not opened.`);
  return { hex };
}

/**
 * Reads and unwraps the key, creating it on the first start. Throws DatabaseKeyError when it cannot
 * be used, and when it is missing while any of `sealedFiles` is already sealed: a new key would open
 * none of them, so the way back is to restore the old one.
 */
export function loadOrCreateDatabaseKey(file: string, cipher: SecretCipher, log: Logger, sealedFiles: readonly string[] = []): DatabaseKey {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new DatabaseKeyError(`The database key file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (text !== undefined) return unwrap(file, text, cipher);
  const orphaned = sealedFiles.filter((f) => fileKind(f) === 'sealed').map((f) => path.basename(f));
  if (orphaned.length) {
    throw new DatabaseKeyError(
      `The database key file ${path.basename(file)} is missing, but ${orphaned.join(' and ')} are sealed with it; they were not opened. Restore ${path.basename(file)} from a backup.`,
    );
  }
  const hex = crypto.randomBytes(KEY_BYTES).toString('hex');
  const body = JSON.stringify({ v: 1, cipher: cipher.kind, wrapped: cipher.encrypt(hex) });
  // Written beside and renamed, so a crash never leaves half a key file; 'wx' never replaces a key
  // another process made meanwhile (that one wins and is read back).
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, body);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    fs.rmSync(temp, { force: true });
    return unwrap(file, fs.readFileSync(file, 'utf8'), cipher);
  }
  fs.rmSync(temp, { force: true });
  log.info('storage.key-created', { cipher: cipher.kind });
  return { hex };
}
