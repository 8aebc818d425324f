// Builds everything a host needs from the services: the contract's handlers, a dispatcher over them,
// and the event stream. Both hosts (Electron, web) call this and only add their transport.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../../common/ipc/contract';
import type { DesktopStateReport } from '../../../common/ipc/desktop';
import { openCallLog, type CallLogService, type CallRow } from '../callLog';
import { createConsoleDirectory, type ConsoleDirectory } from '../directory/consoleDirectory';
import { openMessages, type EmployeeAddresses, type MessagesService } from '../messages';
import { databaseKeyFile, loadOrCreateDatabaseKey, type DatabaseKey } from '../storage';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import type { Logger } from '../log/logger';
import type { AdminConfig } from '../settings/adminFile';
import type { SecretCipher } from '../settings/cipher';
import { DEFAULT_VOICEMAIL_URI_TEMPLATE } from '../../../common/settings/schema';
import { createSettingsService, type SettingsService } from '../settings/settingsService';
import type { SettingsStoreFactory } from '../settings/store';
import { createContractEvents, type ContractEvents } from './events';
import { openTeamStore, type TeamStore } from '../team';
import { createCallRecordSharer } from '../team/shareCallRecords';
import { controlFromSettings, createSwitchboardService, type SwitchboardService } from '../switchboard';
import type { SpeechSynthesizer } from '../messages/speech';
import { switchboardHours, type HoursMunicipality } from '../../../common/switchboard/schema';
import { DEFAULT_SWITCHBOARDS } from '../../../common/policy/switchboards';
import { openOrders, type OrderPerson, type OrdersService } from '../orders';

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
  /** The switchboard-hours clock (tests place "now" at 18:00 or on midsommarafton). */
  switchboardNow?: () => number;
  switchboardSynthesizer?: SpeechSynthesizer;
  /** The machine's admin file, read by the host (loadAdminConfig); none: nothing provisioned or locked. */
  admin?: AdminConfig;
  /** The Electron host's tray and attention signals; the web host has none and ignores the reports. */
  onDesktopState?: (state: DesktopStateReport) => void;
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
  /** The message pad's outbox; undefined when its database could not be opened. Hosts call messages.start(). */
  messages: MessagesService | undefined;
  /** The shared team store (issue 13); 'off' without a team section in the settings. Undefined: its database could not be opened. */
  team: TeamStore | undefined;
  /** Switchboard hours and the closed message in the PBX (P-AFTERHOURS); started here. */
  switchboard: SwitchboardService;
  /** The orders register (P-ORDERS); undefined when its database could not be opened. */
  orders: OrdersService | undefined;
  close(): void;
}

export function createServices(options: CreateServicesOptions): Services {
  const { log } = options;
  const settings = createSettingsService({ dir: options.dataDir, cipher: options.cipher, log, storeFactory: options.storeFactory, admin: options.admin });
  const events = createContractEvents();
  const offSettings = settings.onChange((state) => events.emit('settingsChanged', state));
  const sealing = loadDatabaseKeySafely(options);
  const team = openTeamSafely(options, sealing, settings, events);
  const directory = createConsoleDirectory({ dataDir: options.dataDir, settings, events, log, ...directorySealing(options, sealing), ...(team ? { team } : {}) });
  const unavailable: Unavailable = {};
  const callLog = openCallLogSafely(
    options,
    sealing,
    unavailable,
    () => {
      const state = settings.get();
      return state.status === 'ok' ? state.settings.accounts[0]?.username : undefined;
    },
    createCallRecordSharer({ team: () => team, resolve: (target) => resolveTransferTarget(target, directory), log }),
  );
  const operator = () => {
    const state = settings.get();
    return state.status === 'ok' ? state.settings.accounts[0]?.username : undefined;
  };
  const messages = openMessagesSafely(options, sealing, unavailable, operator, (target) => resolveEmployee(target, directory, settings), team);
  // Started here, not by the hosts: a message queued before a crash goes out as soon as main is up.
  messages?.start();
  const needMessages = () => {
    if (!messages) throw new Error(`the message outbox is not available: ${unavailable.messages ?? 'see the log at start-up'}`);
    return messages;
  };
  const needCallLog = () => {
    if (!callLog) throw new Error(`the call log database is not available: ${unavailable.callLog ?? 'see the log at start-up'}`);
    return callLog;
  };
  const switchboard = createSwitchboardForSettings(options, settings, operator, team);
  const orders = openOrdersSafely(options, sealing, operator, directory, () => messages?.settings().smtp, team, events);
  // The message list follows the outbox (deliveries, callbacks done here or at another console): pushed, not polled.
  messages?.outbox.onChange(() => events.emit('messagesChanged', {}));
  orders?.start();
  const needOrders = () => {
    if (!orders) throw new Error('the orders register is not available (see the log at start-up)');
    return orders;
  };
  void switchboard.start();
  // After every shared kind registered its adapter: the first pass applies what the other consoles did.
  team?.start();
  const offHours = settings.onChange(() => void switchboard.refresh());
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
    messageSend: (draft) => needMessages().send(draft),
    messageList: ({ limit, openOnly }) => needMessages().list(limit, openOnly),
    messageFindOpen: ({ numbers }) => needMessages().findOpen(numbers),
    messageCloseCallback: ({ id }) => needMessages().closeCallback(id),
    messageClaimJob: ({ channels }) => needMessages().claimJob(channels),
    messageReportJob: (report) => needMessages().reportJob(report),
    messageNudge: () => needMessages().nudge(),
    messageGetSettings: () => needMessages().settings(),
    messageSaveSettings: (input) => needMessages().saveSettings(input),
    switchboardStatus: () => switchboard.status(),
    switchboardSetNightService: ({ municipality, closed }) => switchboard.setNightService(municipality, closed),
    switchboardGetHours: () => switchboard.hours(),
    switchboardSaveHours: (hours) => switchboard.saveHours(hours),
    switchboardGetClosedMessage: ({ municipality }) => switchboard.closedMessage(municipality),
    switchboardSaveClosedMessage: ({ municipality, text, recordingFile }) => switchboard.saveClosedMessage(municipality, { text, recordingFile }),
    teamStatus: () => team?.sync.status() ?? { state: 'off', queued: 0, error: 'the team store database could not be opened' },
    reportDesktopState: (state) => {
      options.onDesktopState?.(state);
      return undefined;
    },
    ordersList: (filter) => needOrders().list(filter),
    ordersCreate: (input) => needOrders().create(input),
    ordersSetStatus: ({ id, to }) => needOrders().setStatus(id, to),
    ordersForPerson: ({ personId, name }) => needOrders().forPerson(personId, name),
    ordersExportCsv: (filter) => needOrders().exportCsv(filter),
  };
  const close = () => {
    offSettings();
    offHours();
    switchboard.close();
    callLog?.close();
    messages?.close();
    orders?.closeDatabase();
    directory.close();
    void team?.close();
  };
  return { handlers, dispatch: createDispatcher(handlers, log), events, settings, callLog, directory, messages, switchboard, orders, team, close };
}

/** Why a database is not open, for the operator's error (file names and causes, never call data). */
type Unavailable = { callLog?: string; messages?: string };

/** The key that seals the call log and messages (P-SECRECY); without it neither opens (fail closed). */
type Sealing = { key: DatabaseKey } | { error: Error };

function loadDatabaseKeySafely(options: CreateServicesOptions): Sealing {
  try {
    const sealedFiles = [options.databaseFile ?? path.join(options.dataDir, 'vaxel.sqlite'), path.join(options.dataDir, 'directory.sqlite')];
    return { key: loadOrCreateDatabaseKey(databaseKeyFile(options.dataDir), options.cipher, options.log, sealedFiles) };
  } catch (error) {
    options.log.error('storage.key-unavailable', { error: error instanceof Error ? error.name : 'unknown' });
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/**
 * The directory is needed to connect callers even when the key is lost, so then it runs on a cache
 * of its own sealed with a key that lives only for this run (the sync refills it). The sealed
 * directory.sqlite is left alone for the day the key can be unwrapped again; nothing is plaintext.
 */
function directorySealing(options: CreateServicesOptions, sealing: Sealing): { key: DatabaseKey; cacheFile?: string } {
  if ('key' in sealing) return { key: sealing.key };
  const cacheFile = path.join(options.dataDir, 'directory.this-run.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(cacheFile + suffix, { force: true });
  options.log.warn('directory.cache-this-run-only', {});
  return { key: { hex: randomBytes(32).toString('hex') }, cacheFile };
}

/** The team store's queue and copy live in the console's SQLite file; a failure leaves the console on its own. */
function openTeamSafely(options: CreateServicesOptions, sealing: Sealing, settings: SettingsService, events: ContractEvents): TeamStore | undefined {
  try {
    if ('error' in sealing) throw sealing.error;
    return openTeamStore({ file: options.databaseFile ?? path.join(options.dataDir, 'vaxel.sqlite'), key: sealing.key, settings, events, log: options.log });
  } catch (error) {
    options.log.error('team.open-failed', { error: error instanceof Error ? error.name : 'unknown' });
    return undefined;
  }
}

/** A database that cannot be opened (newer schema, disk full, permissions, no key) must not stop the console. */
function openCallLogSafely(
  options: CreateServicesOptions,
  sealing: Sealing,
  unavailable: Unavailable,
  operator: () => string | undefined,
  onChange: (row: CallRow) => void,
): CallLogService | undefined {
  try {
    if ('error' in sealing) throw sealing.error;
    return openCallLog({ file: options.databaseFile ?? path.join(options.dataDir, 'vaxel.sqlite'), log: options.log, operator, key: sealing.key, onChange }).callLog;
  } catch (error) {
    options.log.error('calllog.open-failed', { error: error instanceof Error ? error.name : 'unknown' });
    unavailable.callLog = error instanceof Error ? error.message : String(error);
    return undefined;
  }
}

function openMessagesSafely(
  options: CreateServicesOptions,
  sealing: Sealing,
  unavailable: Unavailable,
  operator: () => string | undefined,
  resolve: (target: string) => Promise<EmployeeAddresses | null>,
  team: TeamStore | undefined,
): MessagesService | undefined {
  try {
    if ('error' in sealing) throw sealing.error;
    const file = options.databaseFile ?? path.join(options.dataDir, 'vaxel.sqlite');
    return openMessages({ file, log: options.log, cipher: options.cipher, operator, resolveEmployee: resolve, key: sealing.key, ...(team ? { team } : {}) });
  } catch (error) {
    options.log.error('messages.open-failed', { error: error instanceof Error ? error.name : 'unknown' });
    unavailable.messages = error instanceof Error ? error.message : String(error);
    return undefined;
  }
}

function openOrdersSafely(
  options: CreateServicesOptions,
  sealing: Sealing,
  operator: () => string | undefined,
  directory: ConsoleDirectory,
  smtp: () => ReturnType<MessagesService['settings']>['smtp'] | undefined,
  team: TeamStore | undefined,
  events: ContractEvents,
): (OrdersService & { closeDatabase(): void }) | undefined {
  const lookupPerson = async (id: string): Promise<OrderPerson | null> => {
    const card = await directory.handlers.directoryCard({ kind: 'person', id });
    return card ? { name: card.name, email: card.email ?? null, unitId: card.unitId ?? null, unitName: card.unit } : null;
  };
  try {
    if ('error' in sealing) throw sealing.error;
    return openOrders({
      file: options.databaseFile ?? path.join(options.dataDir, 'vaxel.sqlite'),
      log: options.log,
      key: sealing.key,
      operator,
      lookupPerson,
      smtp: () => smtp() ?? null,
      onChanged: (source) => events.emit('ordersChanged', { source }),
      ...(team ? { team } : {}),
    });
  } catch (error) {
    options.log.error('orders.open-failed', { error: error instanceof Error ? error.name : 'unknown' });
    return undefined;
  }
}

/** A transfer target's directory ids for statistics; a protected person is counted for the unit only (P-SECRECY). */
async function resolveTransferTarget(target: string, directory: ConsoleDirectory): Promise<{ personId: string | null; unitId: string | null } | null> {
  const hits = await directory.handlers.directoryLookupNumber({ raw: target });
  const card = hits.find((h) => h.card.kind === 'person')?.card ?? hits[0]?.card;
  if (!card) return null;
  return { personId: card.kind === 'person' && !card.warning ? card.id : null, unitId: card.unitId ?? null };
}

/**
 * The employee a message is for, from the directory cache: name, e-mail, SIP and voicemail URIs
 * (the card's own, else the account's templates), and the numbers they may call in from. A target
 * the directory does not know (a typed extension) still gets the SIP and voicemail URIs.
 */
async function resolveEmployee(target: string, directory: ConsoleDirectory, settings: SettingsService): Promise<EmployeeAddresses | null> {
  const state = settings.get();
  const account = state.status === 'ok' ? state.settings.accounts[0] : undefined;
  const domain = account?.domain ?? '';
  const ext = /^sips?:([^@;]+)@/i.exec(target.trim())?.[1] ?? target.replace(/[\s\-()/.]/g, '');
  let hits: Awaited<ReturnType<Handlers['directoryLookupNumber']>>;
  try {
    hits = await directory.handlers.directoryLookupNumber({ raw: ext });
  } catch {
    hits = [];
  }
  const card = hits.find((h) => h.card.kind === 'person')?.card ?? hits[0]?.card;
  const extension = card?.numbers.find((n) => n.kind === 'extension')?.value ?? (/^\d{2,8}$/.test(ext) ? ext : null);
  const template = account?.voicemailUriTemplate ?? DEFAULT_VOICEMAIL_URI_TEMPLATE;
  if (!card && !extension) return null;
  return {
    name: card?.name ?? target,
    extension,
    numbers: [...(card?.numbers.map((n) => n.value) ?? []), ...(extension ? [extension] : [])],
    email: card?.email ?? null,
    sipUri: card?.sipUri ?? (extension && domain ? `sip:${extension}@${domain}` : null),
    voicemailUri: card?.voicemailUri ?? (extension && domain ? template.replaceAll('{ext}', extension).replaceAll('{domain}', domain) : null),
  };
}

/** The switchboard-hours service over the settings: hours, PBX control and numbers come from there. */
function createSwitchboardForSettings(options: CreateServicesOptions, settings: SettingsService, operator: () => string | undefined, team: TeamStore | undefined): SwitchboardService {
  const current = () => {
    const state = settings.get();
    return state.status === 'ok' ? state.settings : undefined;
  };
  const hours = () => switchboardHours(current() ?? {});
  return createSwitchboardService({
    control: controlFromSettings(() => hours().pbx),
    hours,
    saveHours: async (next) => {
      const s = current();
      if (!s) throw new Error('the console is not set up yet: save the first settings before the switchboard hours');
      await settings.save({ ...s, switchboardHours: next });
    },
    numbers: () => {
      const boards = current()?.switchboards.length ? current()!.switchboards : DEFAULT_SWITCHBOARDS;
      const out: Partial<Record<HoursMunicipality, string[]>> = {};
      for (const b of boards) if (b.municipality !== 'internal') (out[b.municipality] ??= []).push(...b.numbers);
      return out;
    },
    operator,
    dataDir: options.dataDir,
    log: options.log,
    now: options.switchboardNow,
    synthesizer: options.switchboardSynthesizer,
    ...(team ? { team } : {}),
  });
}
