// The directory service facade main hands to IPC: search and number lookup on the in-memory
// index, built from the SQLite cache at start (no network needed), and sync/import that write
// the cache in one transaction and then rebuild the index. Logs carry counts and codes only.
//
// Start with a stored index: only the index is read (one blob, its arrays used in place), not the
// entries. The stored index knows where each entry's row is, so a search reads and parses just
// the rows of its hits, once each; the 50 MB of entry JSON at 100k are never parsed at start.
import type { DirectorySnapshot, Unit } from '../../../common/directory/model';
import {
  buildSearchIndex,
  buildSearchIndexData,
  createSearchIndex,
  type DirectoryEntry,
  type EntryList,
  type SearchFilters,
  type SearchIndex,
  type SearchIndexData,
} from '../../../common/directory/searchIndex';
import { INDEX_FORMAT, decodeStoredIndex, encodeIndexData } from './indexCodec';
import { entryCard, toHit, type DirectoryHit, type EntryCard } from '../../../common/directory/card';
import { SNAPSHOT_PART_BYTES, buildSnapshot } from '../../../common/directory/snapshot';
import type { CsvImportReportT, DirectoryStatusT, SyncReportT } from '../../../common/directory/ipc';
import { deriveUnits } from '../../../common/directory/units';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../storage';
import { createDirectoryCache, type DirectoryCache, type RowRef } from './cache';
import { convertCsv } from './csvImport';
import type { ImportMapping } from '../../../common/directory/importMapping';
import { countedRemovals, diffSnapshot, rowKey } from './diff';
import { SyncError, type DirectorySource } from './source';

export interface Clock {
  now(): number;
}

export interface DirectoryServiceDeps {
  db: SqliteDatabase;
  sources: readonly DirectorySource[];
  log: Logger;
  clock?: Clock;
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

/** Stored with the index: where entry d's row is, and the units, so a start reads no entry. */
interface RowTable {
  /** Positions below this are persons, the rest shared numbers. */
  persons: number;
  sources: string[];
  /** Index into sources, per position. */
  source: number[];
  ids: string[];
  units: Unit[];
  /** The renderer's snapshot is stored after the index: the blob's last this many bytes. */
  snapshotBytes: number;
}

function rowTable(persons: readonly RowRef[], shared: readonly RowRef[], units: Unit[], snapshotBytes: number): RowTable {
  const sources: string[] = [];
  const at = new Map<string, number>();
  const source: number[] = [];
  const ids: string[] = [];
  for (const r of [...persons, ...shared]) {
    let i = at.get(r.source);
    if (i === undefined) at.set(r.source, (i = sources.push(r.source) - 1));
    source.push(i);
    ids.push(r.id);
  }
  return { persons: persons.length, sources, source, ids, units, snapshotBytes };
}

const isRowTable = (x: unknown, n: number): x is RowTable => {
  const t = x as Partial<RowTable> | undefined;
  return (
    !!t && typeof t.persons === 'number' && Array.isArray(t.sources) && Array.isArray(t.source) && Array.isArray(t.ids) &&
    Array.isArray(t.units) && t.ids.length === n && t.source.length === n && t.persons <= n && typeof t.snapshotBytes === 'number'
  );
};

/** Entries read from their rows on first use and kept. */
function lazyEntries(cache: DirectoryCache, rows: RowTable): EntryList {
  const n = rows.ids.length;
  const parsed: Array<DirectoryEntry | undefined> = new Array(n);
  return {
    length: n,
    at(position) {
      if (!(position >= 0 && position < n)) return undefined;
      let entry = parsed[position];
      if (entry) return entry;
      const kind = position < rows.persons ? 'person' : 'shared';
      const data = cache.row(rows.sources[rows.source[position]!]!, kind, rows.ids[position]!);
      if (data === undefined) return undefined;
      entry = kind === 'person' ? { kind, value: JSON.parse(data) } : { kind, value: JSON.parse(data) };
      parsed[position] = entry;
      return entry;
    },
  };
}

export function createDirectoryService({ db, sources, log, clock = { now: Date.now } }: DirectoryServiceDeps): DirectoryService {
  const cache = createDirectoryCache(db);
  let index: SearchIndex = buildSearchIndex([]);
  let units: Unit[] = [];
  let inFlight: Promise<SyncReportT> | undefined;
  // The renderer's snapshot at the index's generation, and what finds an entry's position by id.
  let generation = 0;
  let snapshot: Uint8Array = new Uint8Array(0);
  let ids: readonly string[] = [];
  let persons = 0;
  let positions: Map<string, number> | undefined;
  let entryList: EntryList = [];
  const positionOf = (kind: 'person' | 'shared', id: string) => {
    if (!positions) {
      positions = new Map();
      for (let i = ids.length - 1; i >= 0; i--) positions.set(`${i < persons ? 'person' : 'shared'}\u0000${ids[i]}`, i);
    }
    return positions.get(`${kind}\u0000${id}`);
  };

  /**
   * Load the cache and make the index. At start the index stored with the cache is used when it
   * was built at the cache's current generation (no tokenizing or sorting); otherwise, and after
   * every applied sync, the index is built and stored for the next start.
   */
  const rebuild = (useStored: boolean) => {
    const started = clock.now();
    if (useStored) {
      const { generation: at, stored } = cache.storedIndexWithGeneration();
      // SQLite's blob is ours alone: the index's arrays may be views into it.
      const decoded = stored && stored.generation === at && stored.format === INDEX_FORMAT ? decodeStoredIndex(stored.data, { alias: true }) : undefined;
      if (stored && decoded && isRowTable(decoded.extra, decoded.data.n) && decoded.extra.snapshotBytes <= stored.data.length) {
        const rows = decoded.extra;
        entryList = lazyEntries(cache, rows);
        index = createSearchIndex(decoded.data, entryList, rows.units);
        units = rows.units;
        generation = at;
        snapshot = stored.data.subarray(stored.data.length - rows.snapshotBytes);
        ids = rows.ids;
        persons = rows.persons;
        positions = undefined;
        log.info('directory.index-loaded', { entries: decoded.data.n, ms: clock.now() - started });
        return;
      }
    }
    const loaded = cache.loadWithGeneration();
    const entries: DirectoryEntry[] = [
      ...loaded.persons.map((value) => ({ kind: 'person' as const, value })),
      ...loaded.shared.map((value) => ({ kind: 'shared' as const, value })),
    ];
    const data: SearchIndexData = buildSearchIndexData(entries, loaded.units);
    index = createSearchIndex(data, entries, loaded.units);
    entryList = entries;
    units = loaded.units;
    generation = loaded.generation;
    snapshot = buildSnapshot(entries, loaded.units, data);
    ids = entries.map((e) => e.value.id);
    persons = loaded.persons.length;
    positions = undefined;
    log.info('directory.index-built', { entries: entries.length, ms: clock.now() - started });
    try {
      const rows = rowTable(loaded.personRows, loaded.sharedRows, loaded.units, snapshot.length);
      const head = encodeIndexData(data, rows);
      const blob = new Uint8Array(head.length + snapshot.length);
      blob.set(head);
      blob.set(snapshot, head.length);
      cache.storeIndex({ generation: loaded.generation, format: INDEX_FORMAT, data: blob });
    } catch (error) {
      // Only the next start's speed depends on it.
      log.warn('directory.index-store-failed', { reason: error instanceof Error ? error.name : 'unknown' });
    }
  };
  rebuild(true);

  const iso = () => new Date(clock.now()).toISOString();

  /** Diff a source's snapshot against the cache and apply it in one transaction. */
  const applySnapshot = (source: string, snapshot: DirectorySnapshot, keepIds: readonly string[] = []) => {
    const derived = deriveUnits(snapshot.persons, snapshot.units);
    const full = { persons: derived.persons, units: derived.units, shared: snapshot.shared };
    const cached = cache.hashes(source);
    // An empty answer from a source that used to deliver is far likelier a misconfiguration
    // (wrong base DN, filter) than a municipality without staff: keep the last good cache.
    if (full.persons.length === 0 && full.shared.length === 0 && cached.size > 0) {
      throw new SyncError('empty-result', 'the source returned no entries; the cached directory was kept');
    }
    const keep = new Set(keepIds.map((id) => rowKey('person', id)));
    // A kept person's units must stay too; without the rejected row we cannot tell which they are.
    if (keep.size) for (const key of cached.keys()) if (key.startsWith('unit\u0000')) keep.add(key);
    const diff = diffSnapshot(cached, full, keep);
    cache.apply(source, diff, iso());
    if (diff.upserts.length || diff.removed.length) rebuild(false);
    return { added: diff.added, changed: diff.changed, removed: countedRemovals(diff) };
  };

  const syncOne = async (source: DirectorySource): Promise<SyncReportT['sources'][number]> => {
    const started = clock.now();
    try {
      const { report, ...snapshot } = await source.fetch();
      const counts = applySnapshot(source.name, snapshot, report?.keepIds);
      const reported = report ? { unknownColumns: report.unknownColumns, rejected: report.rejected } : {};
      log.info('directory.sync-ok', { source: source.name, ...counts, rejected: report?.rejected, unknownColumns: report?.unknownColumns.length, ms: clock.now() - started });
      return { source: source.name, ok: true, ...counts, ...reported };
    } catch (error) {
      const e = error instanceof SyncError ? error : new SyncError('failed', error instanceof Error ? error.message : String(error));
      cache.recordError(source.name, iso(), e.code, e.message);
      log.warn('directory.sync-failed', { source: source.name, reason: e.code });
      return { source: source.name, ok: false, added: 0, changed: 0, removed: 0, error: e.message };
    }
  };

  return {
    search: (query, filters, limit) => index.search(query, filters, limit).map(toHit),
    lookupNumber: (raw) => index.lookupNumber(raw).map(toHit),

    syncNow() {
      // Concurrent requests (schedule + operator's button) share one run.
      inFlight ??= (async () => {
        const results: SyncReportT['sources'] = [];
        for (const s of sources) results.push(await syncOne(s));
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
        const counts = applySnapshot(source, conversion.snapshot, conversion.rejectedIds);
        log.info('directory.csv-imported', { source, rows: conversion.snapshot.persons.length, rejectedRows: conversion.rejected.length, unknownColumns: conversion.unknownColumns.length, ...counts });
        return { ok: true, ...base, imported: conversion.snapshot.persons.length, ...counts };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        cache.recordError(source, iso(), error instanceof SyncError ? error.code : 'failed', message);
        log.error('directory.csv-failed', { source });
        return { ok: false, ...base, error: `nothing was imported: ${message.slice(0, 200)}` };
      }
    },

    units: () => units,

    snapshotPart(part) {
      const parts = Math.max(1, Math.ceil(snapshot.length / SNAPSHOT_PART_BYTES));
      if (!(part >= 0 && part < parts)) return null;
      const bytes = snapshot.subarray(part * SNAPSHOT_PART_BYTES, (part + 1) * SNAPSHOT_PART_BYTES);
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
      return { generation, part, parts, bytes: snapshot.length, data };
    },

    card(kind, id) {
      const position = positionOf(kind, id);
      const entry = position === undefined ? undefined : entryList.at(position);
      return entry ? entryCard(entry) : null;
    },

    status() {
      const metas = cache.sources();
      const good = metas.map((m) => m.lastGoodSyncAt).filter((t): t is string => !!t).sort();
      // The data is as old as its oldest source's last good sync.
      const oldest = good[0];
      const errors = metas.filter((m) => m.lastError).sort((a, b) => (a.lastError!.at < b.lastError!.at ? 1 : -1));
      const last = errors[0];
      return {
        entries: index.size,
        ...(oldest ? { lastGoodSyncAt: oldest, ageMs: clock.now() - Date.parse(oldest) } : {}),
        ...(last?.lastError ? { lastError: { source: last.source, ...last.lastError } } : {}),
        syncing: inFlight !== undefined,
      };
    },
  };
}
