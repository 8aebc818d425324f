// The SQLite directory cache (D-DIRECTORY, D-OFFLINE): what the console searches when the network
// is down. A sync's changes and its "last good sync" mark are written in one transaction, so the
// cache is always some source's complete last good state, never half of a sync.
import type { SqliteDatabase } from '../storage';
import type { Person, SharedNumber, Unit } from '../../../common/directory/model';
import { rowKey, type SnapshotDiff } from './diff';

export interface SourceMeta {
  source: string;
  lastGoodSyncAt?: string;
  lastAttemptAt?: string;
  lastError?: { at: string; code: string; message: string };
}

export interface CachedDirectory {
  persons: Person[];
  units: Unit[];
  shared: SharedNumber[];
  /** Where each person's and shared number's row is: its source and id, in the order above. */
  personRows: RowRef[];
  sharedRows: RowRef[];
}

/** The key of an entry's row besides its kind. */
export interface RowRef {
  source: string;
  id: string;
}

/** A stored search index and the generation it was built at. */
export interface StoredIndex {
  generation: number;
  format: number;
  data: Uint8Array;
}

export interface DirectoryCache {
  load(): CachedDirectory;
  /** Entries and the generation they are at, read in one transaction. */
  loadWithGeneration(): CachedDirectory & { generation: number };
  /** The stored index, if any; the caller checks generation and format. */
  storedIndex(): StoredIndex | undefined;
  /** The current generation and the stored index, read in one transaction (no entry is read). */
  storedIndexWithGeneration(): { generation: number; stored: StoredIndex | undefined };
  /** One entry's stored JSON, or undefined. */
  row(source: string, kind: 'person' | 'shared', id: string): string | undefined;
  /** Store an index built at a generation; ignored if the entries have changed since. */
  storeIndex(index: StoredIndex): void;
  count(): number;
  /** How many times the entries have changed (every applied sync that moved a row bumps it). */
  generation(): number;
  hashes(source: string): Map<string, string>;
  /** Apply a diff and mark the source synced, all or nothing. */
  apply(source: string, diff: SnapshotDiff, at: string): void;
  recordError(source: string, at: string, code: string, message: string): void;
  sources(): SourceMeta[];
}

interface SourceRow {
  source: string;
  last_good_sync_at: string | null;
  last_attempt_at: string | null;
  last_error_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
}

export function createDirectoryCache(db: SqliteDatabase): DirectoryCache {
  const all = db.prepare('SELECT source, kind, id, data FROM directory_entries ORDER BY source, kind, id').raw();
  const rowStmt = db.prepare('SELECT data FROM directory_entries WHERE source = ? AND kind = ? AND id = ?').pluck();
  const countStmt = db.prepare("SELECT count(*) FROM directory_entries WHERE kind != 'unit'").pluck();
  const hashesStmt = db.prepare('SELECT kind, id, hash FROM directory_entries WHERE source = ?').raw();
  const upsert = db.prepare(
    'INSERT INTO directory_entries (source, kind, id, hash, data) VALUES (?, ?, ?, ?, ?) ' + 'ON CONFLICT (source, kind, id) DO UPDATE SET hash = excluded.hash, data = excluded.data',
  );
  const remove = db.prepare('DELETE FROM directory_entries WHERE source = ? AND kind = ? AND id = ?');
  const markGood = db.prepare(
    'INSERT INTO directory_sources (source, last_good_sync_at, last_attempt_at) VALUES (?, ?, ?) ' +
      'ON CONFLICT (source) DO UPDATE SET last_good_sync_at = excluded.last_good_sync_at, last_attempt_at = excluded.last_attempt_at, ' +
      'last_error_at = NULL, last_error_code = NULL, last_error_message = NULL',
  );
  const markError = db.prepare(
    'INSERT INTO directory_sources (source, last_attempt_at, last_error_at, last_error_code, last_error_message) VALUES (?, ?, ?, ?, ?) ' +
      'ON CONFLICT (source) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_error_at = excluded.last_error_at, ' +
      'last_error_code = excluded.last_error_code, last_error_message = excluded.last_error_message',
  );
  const sourcesStmt = db.prepare('SELECT * FROM directory_sources ORDER BY source');
  const generationStmt = db.prepare('SELECT generation FROM directory_state WHERE id = 1').pluck();
  const bumpGeneration = db.prepare('UPDATE directory_state SET generation = generation + 1 WHERE id = 1');
  const indexStmt = db.prepare('SELECT generation, format, data FROM directory_index WHERE id = 1');
  const saveIndex = db.prepare(
    'INSERT INTO directory_index (id, generation, format, data) SELECT 1, ?, ?, ? WHERE (SELECT generation FROM directory_state WHERE id = 1) = ? ' +
      'ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, format = excluded.format, data = excluded.data',
  );

  const applyTx = db.transaction((source: string, diff: SnapshotDiff, at: string) => {
    for (const r of diff.removed) remove.run(source, r.kind, r.id);
    for (const r of diff.upserts) upsert.run(source, r.kind, r.id, r.hash, r.data);
    markGood.run(source, at, at);
    if (diff.removed.length || diff.upserts.length) bumpGeneration.run();
  });

  const load = (): CachedDirectory => {
    const out: CachedDirectory = { persons: [], units: [], shared: [], personRows: [], sharedRows: [] };
    // Rows were validated before they were written; parsing JSON is all a start needs. The order
    // (primary key) is stable, which a stored index relies on.
    for (const [source, kind, id, data] of all.iterate() as Iterable<[string, string, string, string]>) {
      const value = JSON.parse(data);
      if (kind === 'person') {
        out.persons.push(value);
        out.personRows.push({ source, id });
      } else if (kind === 'unit') out.units.push(value);
      else {
        out.shared.push(value);
        out.sharedRows.push({ source, id });
      }
    }
    return out;
  };
  const loadWithGeneration = db.transaction(() => ({ ...load(), generation: generationStmt.get() as number }));
  const readStoredIndex = (): StoredIndex | undefined => {
    const row = indexStmt.get() as { generation: number; format: number; data: Buffer } | undefined;
    return row ? { generation: row.generation, format: row.format, data: row.data } : undefined;
  };
  const storedWithGeneration = db.transaction(() => ({ generation: generationStmt.get() as number, stored: readStoredIndex() }));

  return {
    load,
    loadWithGeneration: () => loadWithGeneration.deferred(),
    storedIndex: readStoredIndex,
    storedIndexWithGeneration: () => storedWithGeneration.deferred(),
    row: (source, kind, id) => rowStmt.get(source, kind, id) as string | undefined,
    storeIndex: ({ generation, format, data }) => void saveIndex.run(generation, format, data, generation),
    count: () => countStmt.get() as number,
    generation: () => generationStmt.get() as number,
    hashes(source) {
      const map = new Map<string, string>();
      for (const [kind, id, hash] of hashesStmt.iterate(source) as Iterable<[Parameters<typeof rowKey>[0], string, string]>) map.set(rowKey(kind, id), hash);
      return map;
    },
    apply: (source, diff, at) => applyTx.immediate(source, diff, at),
    recordError: (source, at, code, message) => void markError.run(source, at, at, code, message.slice(0, 500)),
    sources: () =>
      (sourcesStmt.all() as SourceRow[]).map((r) => ({
        source: r.source,
        ...(r.last_good_sync_at ? { lastGoodSyncAt: r.last_good_sync_at } : {}),
        ...(r.last_attempt_at ? { lastAttemptAt: r.last_attempt_at } : {}),
        ...(r.last_error_at ? { lastError: { at: r.last_error_at, code: r.last_error_code ?? 'failed', message: r.last_error_message ?? '' } } : {}),
      })),
  };
}
