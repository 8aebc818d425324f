// Builds everything a host needs from the services: the contract's handlers, a dispatcher over them,
// and the event stream. Both hosts (Electron, web) call this and only add their transport.
import type { AppInfo } from '../../../common/ipc/contract';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import type { Logger } from '../log/logger';
import type { SecretCipher } from '../settings/cipher';
import { createSettingsService, type SettingsService } from '../settings/settingsService';
import type { SettingsStoreFactory } from '../settings/store';
import { createContractEvents, type ContractEvents } from './events';

export interface CreateServicesOptions {
  host: AppInfo['host'];
  appName?: string;
  appVersion: string;
  dataDir: string;
  cipher: SecretCipher;
  log: Logger;
  storeFactory?: SettingsStoreFactory;
}

export interface Services {
  handlers: Handlers;
  dispatch: Dispatch;
  events: ContractEvents;
  settings: SettingsService;
  close(): void;
}

export function createServices(options: CreateServicesOptions): Services {
  const { log } = options;
  const settings = createSettingsService({ dir: options.dataDir, cipher: options.cipher, log, storeFactory: options.storeFactory });
  const events = createContractEvents();
  const offSettings = settings.onChange((state) => events.emit('settingsChanged', state));
  const info: AppInfo = { name: options.appName ?? 'Växel', version: options.appVersion, host: options.host, dataDir: options.dataDir };

  const handlers: Handlers = {
    getAppInfo: () => info,
    getSettings: () => settings.get(),
    saveSettings: (input) => settings.save(input),
    reportLog: (report) => {
      // The code is namespaced so a renderer line can never pose as a main-process event.
      log[report.level](`renderer.${report.code}`, report.detail);
      return undefined;
    },
  };
  return { handlers, dispatch: createDispatcher(handlers, log), events, settings, close: () => offSettings() };
}
