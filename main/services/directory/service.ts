// The directory service facade main hands to IPC: search and number lookup on the in-memory
// index, built from the SQLite cache at start (no network needed), and sync/import that write
// the cache in one transaction and then rebuild the index. Logs carry counts and codes only.
//
// Start with a stored index: only the index is read (one blob, its arrays used in place), not the
// entries. The stored index knows where each entry's row is, so a search reads and parses just
// the rows of its hits, once each; the 50 MB of entry JSON at 100k are never parsed at start.
//
// Two ways to do the heavy work. Inline (no `worker` option): on the caller's thread, as tests of
// the rules and the inline baseline of bench/directory/sync.bench.ts use it. With `worker` (the
// console hosts): building an index that is not stored, and the whole sync (reading the source,
// diffing, writing, building, storing), run in a worker thread (syncJob.ts); main only installs
// what it hands over, so its event loop stays free, and keeps answering from the index it has
// until then. The operator's CSV import stays inline: it is synchronous in the contract.
import type { Unit } from '../../../common/directory/model';
import { entryCard, toHit, type DirectoryHit, type EntryCard } from '../../../common/directory/card';
import { SNAPSHOT_PART_BYTES } from '../../../common/directory/snapshot';
import type { SearchFilters } from '../../../common/directory/searchIndex';
import type { CsvImportReportT, DirectoryStatusT, SyncReportT } from '../../../common/directory/ipc';
import type { Logger } from '../log/logger';
import type { DatabaseKey, SqliteDatabase } from '../storage';
import { createDirectoryCache } from './cache';
import { convertCsv } from './csvImport';
import type { ImportMapping } from '../../../common/directory/importMapping';
import { buildIndex, stateFromBuilt, stateFromBytes, storeBlob, withSnapshot, type IndexState } from './indexArtifacts';
import { INDEX_FORMAT } from './indexCodec';
import { SyncError, type DirectorySource } from './source';
import { applySourceSnapshot, recordFailure, syncSource, type SourceReport } from './syncApply';
import type { DirectoryJob, JobSource } from './syncProtocol';
import { defaultWorkerScript, startWorkerJob, type JobCallbacks, type RunningJob, type WorkerScript } from './workerClient';

export interface Clock {
  now(): number;
}

export interface DirectoryServiceDeps {
  db: SqliteDatabase;
  sources: readonly DirectorySource[];
  log: Logger;
  clock?: Clock;
  /** Run index builds and syncs in a worker thread over this cache file (the file `db` is open on). */
  worker?: { file: string; key?: DatabaseKey; script?: WorkerScript };
}

export interface DirectoryService {
  search(query: string, filters?: SearchFilters, limit?: number): DirectoryHit[];
  lookupNumber(raw: string): DirectoryHit[];
  syncNow(): Promise<SyncReportT>;
  /** A CSV export pasted or picked by the operator, with that source's saved mapping (issue 11). */
  importCsv(text: string, source?: string, mapping?: ImportMapping): CsvImportReportT;
  status(): DirectoryStatusT;
  /** Every unit and förvaltning in the cache (without reading the entries). */
  units(): Unit[];
  /** One base64 part of the renderer's snapshot (common/directory/snapshot.ts), or null past the end. */
  snapshotPart(part: number): SnapshotPart | null;
  /** The full card of one entry (the protected rule applies), or null. */
  card(kind: 'person' | 'shared', id: string): EntryCard | null;
  /** Resolves once there is an index to search (at once, unless the worker builds the first one). */
  ready(): Promise<void>;
  /** Resolves once there is a snapshot to ship. */
  snapshotReady(): Promise<void>;
  /** Stops a running worker (its open transaction is rolled back); the service answers nothing new after. */
  close(): void;
}

export interface SnapshotPart {
  /** The cache generation the snapshot was built at; parts of different generations do not fit together. */
  generation: number;
  part: number;
  parts: number;
  /** Size of the whole snapshot in bytes. */
  bytes: number;
  data: string;
}

function later(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const asSyncError = (error: unknown) => (error instanceof SyncError ? error : new SyncError('failed', error instanceof Error ? error.message : String(error)));

export function createDirectoryService({ db, sources, log, clock = { now: Date.now }, worker }: DirectoryServiceDeps): DirectoryService {
  const cache = createDirectoryCache(db);
  const script = worker ? (worker.script ?? defaultWorkerScript()) : undefined;
  // The index main searches, undefined only while the worker builds the first one.
  let state: IndexState | undefined;
  // The renderer's snapshot; it may lag the index for the seconds the worker takes to build it.
  let shipped: { generation: number; bytes: Uint8Array } | undefined;
  let positions: Map<string, number> | undefined;
  const indexed = later();
  const snapshotted = later();
  let inFlight: Promise<SyncReportT> | undefined;
  let running: RunningJob | undefined;
  let closed = false;

  const install = (next: IndexState) => {
    state = next;
    positions = undefined;
    indexed.resolve();
  };
  const ship = (generation: number, bytes: Uint8Array) => {
    shipped = { generation, bytes };
    snapshotted.resolve();
  };
  const positionOf = (kind: 'person' | 'shared', id: string) => {
    if (!state) return undefined;
    if (!positions) {
      positions = new Map();
      const { ids, persons } = state;
      for (let i = ids.length - 1; i >= 0; i--) positions.set(`${i < persons ? 'person' : 'shared'}\u0000${ids[i]}`, i);
    }
    return positions.get(`${kind}\u0000${id}`);
  };

  /** The index stored with the cache, when it was built at the cache's current generation (no tokenizing or sorting). */
  const loadStored = (): boolean => {
    const started = clock.now();
    const { generation, stored } = cache.storedIndexWithGeneration();
    if (!stored || stored.generation !== generation || stored.format !== INDEX_FORMAT) return false;
    // SQLite's blob is ours alone: the index's arrays may be views into it.
    const next = stateFromBytes(cache, stored.data, generation);
    if (!next) return false;
    install(next);
    ship(generation, next.snapshot);
    log.info('directory.index-loaded', { entries: next.ids.length, ms: clock.now() - started });
    return true;
  };

  /** Builds the index here over the cache's rows, and stores it for the next start. */
  const buildInline = () => {
    const started = clock.now();
    const loaded = cache.loadWithGeneration();
    const built = buildIndex(loaded);
    const { snapshot, blob } = withSnapshot(built);
    install(stateFromBuilt(built, loaded.generation, snapshot));
    ship(loaded.generation, snapshot);
    log.info('directory.index-built', { entries: built.entries.length, ms: clock.now() - started });
    try {
      storeBlob(cache, loaded.generation, blob);
    } catch (error) {
      // Only the next start's speed depends on it.
      log.warn('directory.index-store-failed', { reason: error instanceof Error ? error.name : 'unknown' });
    }
  };

  /** One worker job; what it hands over replaces main's index only when it is newer and readable. */
  const runJob = async (job: DirectoryJob, extra: JobCallbacks = {}) => {
    const r = startWorkerJob(job, script!, log, {
      ...extra,
      onIndex(generation, head) {
        if (closed || (state && generation < state.generation)) return true; // an import came in meanwhile
        const next = stateFromBytes(cache, head, generation, true);
        if (!next) return false;
        install(next);
        return true;
      },
      onSnapshot(generation, bytes) {
        if (!closed && generation === state?.generation) ship(generation, bytes);
      },
    });
    running = r;
    try {
      await r.done;
    } finally {
      if (running === r) running = undefined;
    }
  };

  /** The worker builds; if it cannot, main does, since an index that matches the cache comes first. */
  const buildInWorker = async () => {
    try {
      await runJob({ kind: 'build', file: worker!.file, ...(worker!.key ? { key: worker!.key } : {}) });
    } catch {
      if (closed) return;
      log.warn('directory.index-built-inline', { reason: 'worker-failed' });
      buildInline();
    }
  };

  let startup: Promise<void> = Promise.resolve();
  if (!loadStored()) {
    if (worker && cache.count() > 0) startup = buildInWorker();
    else buildInline(); // nothing to build, or the inline way
  }

  const iso = () => new Date(clock.now()).toISOString();

  const syncInline = async (): Promise<SourceReport[]> => {
    const reports: SourceReport[] = [];
    for (const s of sources) {
      const { rowsMoved, ...report } = await syncSource(
        cache,
        s.name,
        () => s.fetch(),
        log,
        () => clock.now(),
      );
      if (rowsMoved) buildInline();
      reports.push(report);
    }
    return reports;
  };

  const syncInWorker = async (): Promise<SourceReport[]> => {
    await startup;
    const jobSources: JobSource[] = [];
    for (const s of sources) {
      if (s.spec) {
        jobSources.push({ name: s.name, spec: s.spec });
        continue;
      }
      // A source made in code, not from the settings: fetched here, diffed and written there.
      try {
        jobSources.push({ name: s.name, snapshot: await s.fetch() });
      } catch (error) {
        const e = asSyncError(error);
        jobSources.push({ name: s.name, error: { code: e.code, message: e.message } });
      }
    }
    const reports: SourceReport[] = [];
    try {
      await runJob({ kind: 'sync', file: worker!.file, ...(worker!.key ? { key: worker!.key } : {}), now: clock.now(), sources: jobSources }, { onSource: (r) => reports.push(r) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (closed) return [...reports, ...sources.slice(reports.length).map((s) => failed(s.name, reason))];
      const at = iso();
      for (const s of sources.slice(reports.length)) {
        recordFailure(cache, s.name, at, new SyncError('failed', reason), log);
        reports.push(failed(s.name, reason));
      }
      // A source committed before the failure, or the snapshot never came: match the cache again.
      if (cache.generation() !== state?.generation || shipped?.generation !== state?.generation) await buildInWorker();
    }
    return reports;
  };
  const failed = (source: string, error: string): SourceReport => ({ source, ok: false, added: 0, changed: 0, removed: 0, error });

  return {
    search: (query, filters, limit) => (state ? state.index.search(query, filters, limit).map(toHit) : []),
    lookupNumber: (raw) => (state ? state.index.lookupNumber(raw).map(toHit) : []),

    syncNow() {
      // Concurrent requests (schedule + operator's button) share one run.
      inFlight ??= (async () => {
        const results = worker ? await syncInWorker() : await syncInline();
        return { ok: results.every((r) => r.ok), sources: results };
      })().finally(() => (inFlight = undefined));
      return inFlight;
    },

    importCsv(text, source = 'csv', mapping) {
      const conversion = convertCsv(text, mapping);
      const base = { imported: 0, added: 0, changed: 0, removed: 0, rejected: conversion.rejected, unknownColumns: conversion.unknownColumns };
      if (conversion.fatal) {
        log.warn('directory.csv-rejected', { source, rejectedRows: conversion.rejected.length });
        return { ok: false, ...base, error: conversion.fatal };
      }
      try {
        const { rowsMoved, ...counts } = applySourceSnapshot(cache, source, conversion.snapshot, iso(), conversion.rejectedIds);
        if (rowsMoved) buildInline();
        log.info('directory.csv-imported', { source, rows: conversion.snapshot.persons.length, rejectedRows: conversion.rejected.length, unknownColumns: conversion.unknownColumns.length, ...counts });
        return { ok: true, ...base, imported: conversion.snapshot.persons.length, ...counts };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        cache.recordError(source, iso(), error instanceof SyncError ? error.code : 'failed', message);
        log.error('directory.csv-failed', { source });
        return { ok: false, ...base, error: `nothing was imported: ${message.slice(0, 200)}` };
      }
    },

    units: () => state?.units ?? [],

    snapshotPart(part) {
      const bytes = shipped?.bytes ?? new Uint8Array(0);
      const parts = Math.max(1, Math.ceil(bytes.length / SNAPSHOT_PART_BYTES));
      if (!(part >= 0 && part < parts)) return null;
      const slice = bytes.subarray(part * SNAPSHOT_PART_BYTES, (part + 1) * SNAPSHOT_PART_BYTES);
      const data = Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('base64');
      return { generation: shipped?.generation ?? 0, part, parts, bytes: bytes.length, data };
    },

    card(kind, id) {
      const position = positionOf(kind, id);
      const entry = position === undefined ? undefined : state?.entries.at(position);
      return entry ? entryCard(entry) : null;
    },

    status() {
      const metas = cache.sources();
      const good = metas
        .map((m) => m.lastGoodSyncAt)
        .filter((t): t is string => !!t)
        .sort();
      // The data is as old as its oldest source's last good sync.
      const oldest = good[0];
      const errors = metas.filter((m) => m.lastError).sort((a, b) => (a.lastError!.at < b.lastError!.at ? 1 : -1));
      const last = errors[0];
      return {
        // While the worker builds the first index, what the cache holds.
        entries: state ? state.index.size : cache.count(),
        ...(oldest ? { lastGoodSyncAt: oldest, ageMs: clock.now() - Date.parse(oldest) } : {}),
        ...(last?.lastError ? { lastError: { source: last.source, ...last.lastError } } : {}),
        syncing: inFlight !== undefined,
      };
    },

    ready: () => indexed.promise,
    snapshotReady: () => snapshotted.promise,
    close() {
      closed = true;
      running?.stop();
    },
  };
}
