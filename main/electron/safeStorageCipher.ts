// Secrets encrypted by the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
// Linux). Where Linux has no keychain, safeStorage silently falls back to a hard-coded key
// ('basic_text'), which protects nothing; there we use the key-file cipher instead and say so.
import { safeStorage } from 'electron';
import path from 'node:path';
import type { Logger } from '../services/log/logger';
import type { SecretCipher } from '../services/settings/cipher';
import { createKeyFileCipher } from '../services/settings/keyFileCipher';

export const SAFE_STORAGE_CIPHER_KIND = 'electron-safestorage';

function keychainUsable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/** Call after app 'ready' (safeStorage needs it on Linux). */
export function createSecretCipher(dataDir: string, log: Logger): SecretCipher {
  if (!keychainUsable()) {
    log.warn('secrets.no-keychain', { fallback: 'key-file' });
    return createKeyFileCipher(path.join(dataDir, 'secret.key'), log);
  }
  return {
    kind: SAFE_STORAGE_CIPHER_KIND,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (encoded) => safeStorage.decryptString(Buffer.from(encoded, 'base64')),
  };
}
