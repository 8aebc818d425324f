// Builds everything a host needs from the services: the contract's handlers, a dispatcher over them,
// and the event stream. Both hosts (Electron, web) call this and only add their transport.
import path from 'node:path';
import type { AppInfo } from '../../../common/ipc/contract';
import { openCallLog, type CallLogService } from '../callLog';
import { createConsoleDirectory, type ConsoleDirectory } from '../directory/consoleDirectory';
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
  /** The console's SQLite database (call log). Defaults to <dataDir>/vaxel.sqlite. */
  databaseFile?: string;
}

export interface Services {
  handlers: Handlers;
  dispatch: Dispatch;
  events: ContractEvents;
  settings: SettingsService;
  /** The call log; undefined when its database could not be opened (the console still answers calls). */
  callLog: CallLogService | undefined;
  /** The directory cache, open from the start; hosts call directory.start() to begin scheduled syncs. */
  directory: ConsoleDirectory;
  close(): void;
}

export function createServices(options: CreateServicesOptions): Services {
  const { log } = options;
  const settings = createSettingsService({ dir: options.dataDir, cipher: options.cipher, log, storeFactory: options.storeFactory });
  const events = createContractEvents();
  const offSettings = settings.onChange((state) => events.emit('settingsChanged', state));
  const directory = createConsoleDirectory({ dataDir: options.dataDir, settings, events, log });
  const callLog = openCallLogSafely(options, () => {
    const state = settings.get();
    return state.status === 'ok' ? state.settings.accounts[0]?.username : undefined;
  });
  const needCallLog = () => {
    if (!callLog) throw new Error('the call log database is not available (see the log at start-up)');
    return callLog;
  };
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
    recordCallEvent: (event) => needCallLog().record(event),
    listRecentCalls: (query) => needCallLog().listRecent(query),
    getCallStats: (period) => needCallLog().stats(period),
    ...directory.handlers,
  };
  const close = () => {
    offSettings();
    callLog?.close();
    directory.close();
  };
  return { handlers, dispatch: createDispatcher(handlers, log), events, settings, callLog, directory, close };
}

/** A database that cannot be opened (newer schema, disk full, permissions) must not stop the console. */
function openCallLogSafely(options: CreateServicesOptions, operator: () => string | undefined): CallLogService | undefined {
  try {
    return openCallLog({ file: options.databaseFile ?? path.join(options.dataDir, 'vaxel.sqlite'), log: options.log, operator }).callLog;
  } catch (error) {
    options.log.error('calllog.open-failed', { error: error instanceof Error ? error.name : 'unknown' });
    return undefined;
  }
}
