// The file behind the settings service. conf in Node (web host, tests); the Electron host passes a
// factory built on electron-store, which is conf with Electron's paths: same options, same format.
import Conf from 'conf';

export interface SettingsStore {
  /** Absolute path of the JSON file. */
  readonly path: string;
  /** Reading parses the file (throws SyntaxError when it is not JSON); assigning writes it atomically. */
  store: Record<string, unknown>;
}

export interface SettingsStoreOptions {
  cwd: string;
  /** File name without extension; the extension is always .json. */
  configName: string;
  configFileMode: number;
}

export type SettingsStoreFactory = (options: SettingsStoreOptions) => SettingsStore;

export const confStoreFactory: SettingsStoreFactory = (options) => new Conf<Record<string, unknown>>({ ...options, fileExtension: 'json', accessPropertiesByDotNotation: false });
