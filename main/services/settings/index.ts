export type { SecretCipher } from './cipher';
export { createKeyFileCipher, KEY_FILE_CIPHER_KIND } from './keyFileCipher';
export { createSettingsService, type SettingsService, type SettingsServiceOptions } from './settingsService';
export { confStoreFactory, type SettingsStore, type SettingsStoreFactory, type SettingsStoreOptions } from './store';
