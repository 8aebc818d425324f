// One source's sync against the cache: fetch, diff by id and hash, apply in one transaction. The
// same code runs inline (operator's CSV import, the inline baseline) and in the sync worker.
// Logs carry counts and codes only.
import type { DirectorySnapshot } from '../../../common/directory/model';
import type { SyncReportT } from '../../../common/directory/ipc';
import { deriveUnits } from '../../../common/directory/units';
import type { Logger } from '../log/logger';
import type { DirectoryCache } from './cache';
import { countedRemovals, diffSnapshot, rowKey } from './diff';
import { SyncError, type SourceFetch } from './source';

export interface AppliedCounts {
  added: number;
  changed: number;
  removed: number;
}

export type SourceReport = SyncReportT['sources'][number];

/** Diff a source's snapshot against the cache and apply it in one transaction; `rowsMoved` when any row was written or removed. */
export function applySourceSnapshot(cache: DirectoryCache, source: string, snapshot: DirectorySnapshot, at: string, keepIds: readonly string[] = []): AppliedCounts & { rowsMoved: boolean } {
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
  cache.apply(source, diff, at);
  return { added: diff.added, changed: diff.changed, removed: countedRemovals(diff), rowsMoved: diff.upserts.length > 0 || diff.removed.length > 0 };
}

/**
 * Fetches one source and applies it. A failure is recorded in the cache (the status line shows
 * it) and reported; the cache keeps the source's last good state.
 */
export async function syncSource(cache: DirectoryCache, source: string, fetch: () => Promise<SourceFetch>, log: Logger, now: () => number): Promise<SourceReport & { rowsMoved: boolean }> {
  const started = performance.now();
  const iso = () => new Date(now()).toISOString();
  try {
    const { report, ...snapshot } = await fetch();
    const { rowsMoved, ...counts } = applySourceSnapshot(cache, source, snapshot, iso(), report?.keepIds);
    const reported = report ? { unknownColumns: report.unknownColumns, rejected: report.rejected } : {};
    log.info('directory.sync-ok', { source, ...counts, rejected: report?.rejected ?? 0, unknownColumns: report?.unknownColumns.length ?? 0, ms: Math.round(performance.now() - started) });
    return { source, ok: true, ...counts, ...reported, rowsMoved };
  } catch (error) {
    const e = error instanceof SyncError ? error : new SyncError('failed', error instanceof Error ? error.message : String(error));
    recordFailure(cache, source, iso(), e, log);
    return { source, ok: false, added: 0, changed: 0, removed: 0, error: e.message, rowsMoved: false };
  }
}

/** Records a failed sync of a source and logs its code (never its message, which may quote data). */
export function recordFailure(cache: DirectoryCache, source: string, at: string, e: SyncError, log: Logger): void {
  try {
    cache.recordError(source, at, e.code, e.message);
  } catch (error) {
    log.warn('directory.record-error-failed', { source, reason: error instanceof Error ? error.name : 'unknown' });
  }
  log.warn('directory.sync-failed', { source, reason: e.code });
}
