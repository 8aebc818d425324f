// The directory as the console host runs it (D-DIRECTORY, D-OFFLINE): the cache file in the data
// dir is opened at start and searched at once (no network needed), the sources come from the
// settings (CSV file or LDAP), a scheduler syncs every 15 minutes, and every sync ends with a
// `directoryChanged` event so the renderer refreshes its status line and, when entries changed,
// its results. Only the directory service's public API is used here. Index builds and syncs run in
// the service's worker thread; searches wait only for the very first index (ready()).
import fs from 'node:fs';
import path from 'node:path';
import type { DirectoryChangedT } from '../../../common/ipc/directory';
import type { DirectorySource as SourceSetting, Settings } from '../../../common/settings/schema';
import type { ContractEvents } from '../app/events';
import type { Handlers } from '../ipc/dispatcher';
import type { Logger } from '../log/logger';
import type { SettingsService } from '../settings/settingsService';
import type { DatabaseKey, SqliteDatabase } from '../storage';
import { createCsvFileSource } from './csvFileSource';
import type { ImportMapping } from '../../../common/directory/importMapping';
import type { ImportPreviewT } from '../../../common/directory/importIpc';
import { toPreview } from './importPreview';
import { openDirectoryDatabase } from './database';
import { createLdapSource } from './ldapSource';
import { createSyncScheduler, type SyncScheduler, type TimerClock } from './scheduler';
import { createDirectoryService, type Clock, type DirectoryService } from './service';
import type { DirectorySource } from './source';
import type { WorkerScript } from './workerClient';
import type { TeamShare } from '../team/share';
import { UnitNoticeError, createUnitNoticeStore, type SharedHours, type SharedNotice, type UnitNoticeStore } from './unitNotices';

export const DIRECTORY_CACHE_FILE = 'directory.sqlite';
export const SYNC_INTERVAL_MS = 15 * 60 * 1000;
/** With a cache to search, the first sync waits a little so start-up and the first search come first. */
export const FIRST_SYNC_DELAY_MS = 3000;
/** The deferred full check of the cache file runs once the console shows. */
export const INTEGRITY_CHECK_DELAY_MS = 5000;

export type DirectoryHandlers = Pick<
  Handlers,
  | 'directorySearch'
  | 'directoryLookupNumber'
  | 'directorySyncNow'
  | 'directoryStatus'
  | 'directoryImportCsv'
  | 'directoryUnits'
  | 'directorySnapshot'
  | 'directoryCard'
  | 'directoryAddNotice'
  | 'directoryRemoveNotice'
  | 'directorySetOpeningHours'
  | 'directoryNoticeHistory'
  | 'directoryPreviewImport'
  | 'directorySaveMapping'
>;

export interface ConsoleDirectoryOptions {
  dataDir: string;
  /** Seals the cache at rest (P-SECRECY); both hosts pass it (createServices). */
  key?: DatabaseKey;
  /** Defaults to <dataDir>/directory.sqlite. */
  cacheFile?: string;
  settings: SettingsService;
  events: ContractEvents;
  log: Logger;
  intervalMs?: number;
  firstSyncDelayMs?: number;
  integrityCheckDelayMs?: number;
  clock?: Clock;
  timers?: TimerClock;
  /** The worker thread's script (tests pass a fixture that fails on purpose); defaults to the real one. */
  workerScript?: WorkerScript;
  /** The shared team store (notices and opening hours go to the other consoles); none: this console alone. */
  team?: TeamShare;
}

export interface ConsoleDirectory {
  handlers: DirectoryHandlers;
  /** Starts the scheduled sync (hosts call it once their transport is up). */
  start(): void;
  close(): void;
  readonly service: DirectoryService;
}

export function sourcesFor(setting: SourceSetting | undefined, log: Logger): DirectorySource[] {
  if (!setting || setting.kind === 'none') return [];
  if (setting.kind === 'csv') return [createCsvFileSource(setting.path, 'csv', setting.mapping)];
  return [
    createLdapSource({
      url: setting.url,
      baseDN: setting.baseDn,
      bindDN: setting.bindDn ?? '',
      bindPassword: setting.bindPassword ?? '',
      log,
      ...(setting.filter ? { filter: setting.filter } : {}),
      ...(setting.mapping ? { importMapping: setting.mapping } : {}),
    }),
  ];
}

/** Preview the configured source with a candidate mapping; a source that cannot be read is a fatal line. */
async function previewConfigured(setting: SourceSetting | undefined, mapping: ImportMapping | undefined, log: Logger): Promise<ImportPreviewT> {
  if (!setting || setting.kind === 'none') throw new Error('no directory source is configured');
  const source = sourcesFor(setting, log)[0]!;
  const candidate = mapping ?? setting.mapping;
  try {
    return await source.preview!(candidate);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return toPreview({ source: setting.kind, fatal: reason.slice(0, 300), rows: 0, importable: 0, columns: [], stats: [], rejected: [], mapping: candidate });
  }
}

const directorySetting = (state: ReturnType<SettingsService['get']>): Settings['directory'] | undefined => (state.status === 'ok' ? state.settings.directory : undefined);

export function createConsoleDirectory(options: ConsoleDirectoryOptions): ConsoleDirectory {
  const { log, events } = options;
  const file = options.cacheFile ?? path.join(options.dataDir, DIRECTORY_CACHE_FILE);
  let opened = openDirectoryDatabase(file, log, options.key);
  let db: SqliteDatabase = opened.db;
  let integrityTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let started = false;

  let current = directorySetting(options.settings.get());
  let sources = sourcesFor(current, log);
  const newService = () =>
    createDirectoryService({
      db,
      sources,
      log,
      ...(options.clock ? { clock: options.clock } : {}),
      worker: { file, ...(options.key ? { key: options.key } : {}), ...(options.workerScript ? { script: options.workerScript } : {}) },
    });
  let service = newService();
  // The operator's notices and opening hours (P-CHANGES) live beside the entries, untouched by syncs.
  const now = () => (options.clock ?? Date).now();
  const openNotices = () => {
    const store = createUnitNoticeStore(db, log, now);
    try {
      store.purge();
    } catch (error) {
      log.warn('directory.notice-purge-failed', { reason: error instanceof Error ? error.name : 'unknown' });
    }
    return store;
  };
  let notices: UnitNoticeStore = openNotices();
  // Shared with the other consoles through the team store when one is configured (issue 13).
  const team: TeamShare | undefined = options.team;
  team?.register({
    kind: 'unit-notice',
    apply: (id, value) => {
      notices.applyNotice(id, value as SharedNotice | null);
      emit(false);
    },
  });
  team?.register({
    kind: 'unit-hours',
    apply: (unitId, value) => {
      notices.applyHours(unitId, value as SharedHours | null);
      emit(false);
    },
  });
  /** Who records a change: the console's SIP account in main's settings, never the renderer's word. */
  const operator = () => {
    const state = options.settings.get();
    const name = state.status === 'ok' ? state.settings.accounts[0]?.username : undefined;
    if (!name) throw new UnitNoticeError('no-operator', 'No operator: the settings have no SIP account yet, so the change cannot be recorded.');
    return name;
  };
  const knownUnit = (unitId: string) => {
    if (!service.units().some((u) => u.id === unitId)) throw new UnitNoticeError('unknown-unit', 'No such unit in the directory.');
  };
  const shownUnit = (unitId: string) => notices.overlay(service.units().filter((u) => u.id === unitId))[0]!;

  const emit = (cacheChanged: boolean) => {
    if (closed) return;
    const payload: DirectoryChangedT = { cacheChanged, status: service.status() };
    events.emit('directoryChanged', payload);
  };

  const sync = async () => {
    const report = await service.syncNow();
    emit(report.sources.some((s) => s.added + s.changed + s.removed > 0));
    return report;
  };

  let scheduler: SyncScheduler | undefined;
  const startScheduler = () => {
    scheduler?.stop();
    scheduler = undefined;
    if (!sources.length || closed) return;
    scheduler = createSyncScheduler({
      run: async () => (closed ? true : (await sync()).ok),
      intervalMs: options.intervalMs ?? SYNC_INTERVAL_MS,
      // An empty cache has nothing to search: sync at once. Otherwise let the start finish first.
      initialDelayMs: service.status().entries === 0 ? 0 : (options.firstSyncDelayMs ?? FIRST_SYNC_DELAY_MS),
      ...(options.timers ? { timers: options.timers } : {}),
    });
    scheduler.start();
  };

  // A changed source in the settings: new sources, same cache (rows are owned per source name).
  const offSettings = options.settings.onChange((state) => {
    const next = directorySetting(state);
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    sources = sourcesFor(next, log);
    service.close();
    service = newService();
    log.info('directory.sources-changed', { sources: sources.length });
    if (started) startScheduler();
  });

  // The opener defers the full integrity check so the first search is not delayed by it. A cache
  // that fails it is moved aside and refilled by a sync; until then the operator sees an empty directory.
  const checkIntegrityLater = () => {
    integrityTimer = setTimeout(() => {
      if (closed) return;
      const problem = opened.checkIntegrity();
      if (!problem) return;
      log.error('directory.cache-corrupt', { action: 'moved-aside' });
      service.close();
      db.close();
      const backup = `${file}.corrupt-${Date.now()}`;
      for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, backup + suffix);
      opened = openDirectoryDatabase(file, log, options.key);
      db = opened.db;
      notices = openNotices();
      service = newService();
      emit(true);
      startScheduler();
    }, options.integrityCheckDelayMs ?? INTEGRITY_CHECK_DELAY_MS);
    integrityTimer.unref?.();
  };

  // Answers that need the index wait for the first one (a start whose index the worker builds).
  const indexed = async () => {
    const s = service;
    await s.ready();
    return s;
  };
  const handlers: DirectoryHandlers = {
    directorySearch: async ({ query, filters, limit }) => (await indexed()).search(query, filters, limit),
    directoryLookupNumber: async ({ raw }) => (await indexed()).lookupNumber(raw),
    directorySyncNow: () => sync(),
    directoryStatus: () => service.status(),
    directoryImportCsv: ({ text, source }) => {
      // The configured CSV source's saved mapping applies to its own rows only.
      const mapping = current?.kind === 'csv' && (source ?? 'csv') === 'csv' ? current.mapping : undefined;
      const report = service.importCsv(text, source, mapping);
      emit(report.added + report.changed + report.removed > 0);
      return report;
    },
    // Kept by the service with its index: a query for kind = 'unit' would read every row of the cache.
    directoryUnits: async () => notices.overlay((await indexed()).units()),
    directorySnapshot: async ({ part }) => {
      const s = service;
      await s.snapshotReady();
      return s.snapshotPart(part);
    },
    directoryCard: async ({ kind, id }) => (await indexed()).card(kind, id),
    directoryPreviewImport: ({ mapping }) => previewConfigured(current, mapping, log),
    directorySaveMapping: ({ mapping }) => {
      const state = options.settings.get();
      if (state.status !== 'ok' || state.settings.directory.kind === 'none') throw new Error('no directory source is configured');
      options.settings.save({ ...state.settings, directory: { ...state.settings.directory, mapping } });
      log.info('directory.mapping-saved', { source: state.settings.directory.kind, columns: Object.keys(mapping.columns).length, noProtectedColumn: mapping.noProtectedColumn });
      return previewConfigured(current, mapping, log);
    },
    // A recorded change leaves the entries as they are (cacheChanged false): views refetch the units.
    directoryAddNotice: async (input) => {
      await indexed();
      knownUnit(input.unitId);
      const reporterCard = input.reportedById ? await (await indexed()).card('person', input.reportedById) : undefined;
      if (input.reportedById && !reporterCard) throw new UnitNoticeError('unknown-reporter', 'The manager who reported it is not in the directory: search again and pick them from the list.');
      const added = notices.add(input, operator(), reporterCard ? { id: reporterCard.id, name: reporterCard.name } : undefined);
      team?.record('unit-notice', added.id, notices.noticeRecord(added.id) ?? null);
      emit(false);
      return shownUnit(input.unitId);
    },
    directoryRemoveNotice: ({ id }) => {
      const removed = notices.remove(id, operator());
      if (removed) team?.record('unit-notice', id, notices.noticeRecord(id) ?? null);
      if (removed) emit(false);
      return { removed };
    },
    directoryNoticeHistory: ({ unitId }) => notices.history(unitId),
    directorySetOpeningHours: async (input) => {
      await indexed();
      knownUnit(input.unitId);
      notices.setHours(input, operator());
      team?.record('unit-hours', input.unitId, notices.hoursRecord(input.unitId));
      emit(false);
      return shownUnit(input.unitId);
    },
  };

  return {
    handlers,
    start() {
      started = true;
      startScheduler();
      checkIntegrityLater();
    },
    close() {
      closed = true;
      scheduler?.stop();
      if (integrityTimer) clearTimeout(integrityTimer);
      offSettings();
      service.close();
      db.close();
    },
    get service() {
      return service;
    },
  };
}
