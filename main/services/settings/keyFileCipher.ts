// AES-256-GCM with a random key kept in its own 0600 file in the data directory.
// What this protects against: the settings file being copied, backed up, attached to a support
// ticket or otherwise leaked on its own. What it does not protect against: anyone who can read the
// data directory as this user (or as root) — they can read the key file too. Electron uses the OS
// keychain instead (safeStorage), which is stronger where a keychain exists.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import type { SecretCipher } from './cipher';
import { backupPathFor } from '../files/backup';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'v1:';

export const KEY_FILE_CIPHER_KIND = 'aes-256-gcm-keyfile';

function loadOrCreateKey(keyPath: string, log?: Logger): Buffer {
  fs.mkdirSync(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  try {
    const key = fs.readFileSync(keyPath);
    if (key.length === KEY_BYTES) return key;
    // A damaged key cannot decrypt anything; keep it for inspection and start a new one.
    const backup = backupPathFor(keyPath);
    fs.renameSync(keyPath, backup);
    log?.warn('secrets.key-file-invalid', { bytes: key.length, backup: path.basename(backup) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = crypto.randomBytes(KEY_BYTES);
  // 'wx': never overwrite a key another process created in the meantime.
  try {
    fs.writeFileSync(keyPath, key, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(keyPath, log);
    throw error;
  }
  log?.info('secrets.key-file-created', { file: path.basename(keyPath) });
  return key;
}

export function createKeyFileCipher(keyPath: string, log?: Logger): SecretCipher {
  const key = loadOrCreateKey(keyPath, log);
  return {
    kind: KEY_FILE_CIPHER_KIND,
    encrypt(plain) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(encoded) {
      if (!encoded.startsWith(PREFIX)) throw new Error('not a v1 key-file ciphertext');
      const raw = Buffer.from(encoded.slice(PREFIX.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      // final() throws when the tag does not match: wrong key or tampered text.
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
