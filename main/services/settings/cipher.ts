// Secrets (SIP and LDAP passwords) are encrypted before they reach the settings file (P-SECRECY).
// Each host supplies a cipher: Electron uses the OS keychain through safeStorage (main/electron),
// the web host and tests use the key-file cipher in keyFileCipher.ts.
export interface SecretCipher {
  /** Written next to the ciphertexts, so a file encrypted by another cipher is recognised, not mis-decrypted. */
  readonly kind: string;
  encrypt(plain: string): string;
  /** Throws when the text was not produced by this cipher with this key. */
  decrypt(encoded: string): string;
}
