// electron-store behind the settings service: conf with Electron's conventions. Same options, so
// the service and its tests do not care which one they get.
import ElectronStore from 'electron-store';
import type { SettingsStoreFactory } from '../services/settings/store';

export const electronStoreFactory: SettingsStoreFactory = (options) =>
  // electron-store names the file with `name` (it overwrites conf's configName with it).
  new ElectronStore<Record<string, unknown>>({
    name: options.configName,
    cwd: options.cwd,
    configFileMode: options.configFileMode,
    accessPropertiesByDotNotation: false,
  });
