// What a built directory index is made of, and the two ways main gets one: built here from the
// cache's rows (the inline way, and what the sync worker runs), or installed from stored bytes
// (a start with a stored index, and every index the worker hands over). Both the service and the
// worker use these functions, so the two paths build the same bytes from the same rows.
//
// The stored blob is `head` (the encoded index plus the row table) followed by the renderer's
// snapshot; the row table says where each entry's row is, so entries are parsed on first use only.
import type { Unit } from '../../../common/directory/model';
import { buildSearchIndexData, createSearchIndex, type DirectoryEntry, type EntryList, type SearchIndex, type SearchIndexData } from '../../../common/directory/searchIndex';
import { buildSnapshot } from '../../../common/directory/snapshot';
import type { CachedDirectory, DirectoryCache, RowRef } from './cache';
import { INDEX_FORMAT, decodeStoredIndex, encodeIndexData } from './indexCodec';

/** Stored with the index: where entry d's row is, and the units, so a start reads no entry. */
export interface RowTable {
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

/** The index main searches, with what it needs to answer cards and ship the snapshot. */
export interface IndexState {
  index: SearchIndex;
  units: Unit[];
  generation: number;
  /** The renderer's snapshot at this generation; empty until it is known. */
  snapshot: Uint8Array;
  ids: readonly string[];
  persons: number;
  entries: EntryList;
}

export function rowTable(persons: readonly RowRef[], shared: readonly RowRef[], units: Unit[], snapshotBytes: number): RowTable {
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
    !!t &&
    typeof t.persons === 'number' &&
    Array.isArray(t.sources) &&
    Array.isArray(t.source) &&
    Array.isArray(t.ids) &&
    Array.isArray(t.units) &&
    t.ids.length === n &&
    t.source.length === n &&
    t.persons <= n &&
    typeof t.snapshotBytes === 'number'
  );
};

/** Entries read from their rows on first use and kept. */
export function lazyEntries(cache: DirectoryCache, rows: RowTable): EntryList {
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

/** The cache's rows as index entries, persons first (the order the row table records). */
export function entriesOf(loaded: CachedDirectory): DirectoryEntry[] {
  return [...loaded.persons.map((value) => ({ kind: 'person' as const, value })), ...loaded.shared.map((value) => ({ kind: 'shared' as const, value }))];
}

/** An index built over loaded rows, with the row table that says where each entry's row is. */
export interface BuiltIndex {
  entries: DirectoryEntry[];
  data: SearchIndexData;
  rows: RowTable;
}

export function buildIndex(loaded: CachedDirectory): BuiltIndex {
  const entries = entriesOf(loaded);
  const data = buildSearchIndexData(entries, loaded.units);
  return { entries, data, rows: rowTable(loaded.personRows, loaded.sharedRows, loaded.units, 0) };
}

/**
 * The head alone (index + row table, no snapshot yet): what the worker hands main first, so a
 * search is answered before the snapshot is built. Install it with stateFromBytes(…, headOnly).
 */
export function encodeHead(built: BuiltIndex): Uint8Array {
  return encodeIndexData(built.data, built.rows);
}

/** The renderer's snapshot over the built entries, and the blob to store (head + snapshot). */
export function withSnapshot(built: BuiltIndex): { snapshot: Uint8Array; blob: Uint8Array } {
  const snapshot = buildSnapshot(built.entries, built.rows.units, built.data);
  // The stored row table records the snapshot's size, so a head sent ahead is encoded again here.
  const head = encodeIndexData(built.data, { ...built.rows, snapshotBytes: snapshot.length });
  const blob = new Uint8Array(head.length + snapshot.length);
  blob.set(head);
  blob.set(snapshot, head.length);
  return { snapshot, blob };
}

/** Stores a built blob for the next start; only the next start's speed depends on it. */
export function storeBlob(cache: DirectoryCache, generation: number, blob: Uint8Array): void {
  cache.storeIndex({ generation, format: INDEX_FORMAT, data: blob });
}

/** The state of an index built here, over entries held in memory. */
export function stateFromBuilt(built: BuiltIndex, generation: number, snapshot: Uint8Array): IndexState {
  return {
    index: createSearchIndex(built.data, built.entries, built.rows.units),
    units: built.rows.units,
    generation,
    snapshot,
    ids: built.rows.ids,
    persons: built.rows.persons,
    entries: built.entries,
  };
}

/**
 * Installs an index from bytes: a stored blob (head + snapshot) or a head alone (`headOnly`, the
 * snapshot follows later). The bytes are handed over: the index's arrays may be views into them.
 * Undefined when they are of another format or do not hold together.
 */
export function stateFromBytes(cache: DirectoryCache, bytes: Uint8Array, generation: number, headOnly = false): IndexState | undefined {
  const decoded = decodeStoredIndex(bytes, { alias: true });
  if (!decoded || !isRowTable(decoded.extra, decoded.data.n)) return undefined;
  const rows = decoded.extra;
  if (!headOnly && !(rows.snapshotBytes >= 0 && rows.snapshotBytes <= bytes.length)) return undefined;
  const entries = lazyEntries(cache, rows);
  return {
    index: createSearchIndex(decoded.data, entries, rows.units),
    units: rows.units,
    generation,
    snapshot: headOnly ? new Uint8Array(0) : bytes.subarray(bytes.length - rows.snapshotBytes),
    ids: rows.ids,
    persons: rows.persons,
    entries,
  };
}
