// Incremental sync: compare what a source delivers now with what the cache holds from it, by
// stable id and content hash, and produce only the rows to add, change and remove.
import { createHash } from 'node:crypto';
import type { DirectorySnapshot, EntryKind } from '../../../common/directory/model';

export interface EntryRow {
  kind: EntryKind;
  id: string;
  hash: string;
  data: string;
}

export interface SnapshotDiff {
  upserts: EntryRow[];
  removed: Array<{ kind: EntryKind; id: string }>;
  /** Counts of people and shared numbers (units are not counted). */
  added: number;
  changed: number;
}

export const countedRemovals = (diff: SnapshotDiff) => diff.removed.filter((r) => r.kind !== 'unit').length;

export const rowKey = (kind: EntryKind, id: string) => `${kind}\u0000${id}`;

export function toRows(snapshot: DirectorySnapshot): EntryRow[] {
  const rows: EntryRow[] = [];
  const push = (kind: EntryKind, record: { id: string }) => {
    const data = JSON.stringify(record);
    rows.push({ kind, id: record.id, data, hash: createHash('sha1').update(data).digest('base64url') });
  };
  snapshot.persons.forEach((p) => push('person', p));
  snapshot.units.forEach((u) => push('unit', u));
  snapshot.shared.forEach((s) => push('shared', s));
  return rows;
}

/**
 * @param cached  hash by rowKey of what the cache holds from this source
 * @param keep    rowKeys that must not be removed even though absent (e.g. CSV rows that failed)
 */
export function diffSnapshot(cached: ReadonlyMap<string, string>, snapshot: DirectorySnapshot, keep: ReadonlySet<string> = new Set()): SnapshotDiff {
  const rows = toRows(snapshot);
  const seen = new Set<string>();
  const upserts: EntryRow[] = [];
  let added = 0;
  let changed = 0;
  for (const row of rows) {
    const key = rowKey(row.kind, row.id);
    if (seen.has(key)) continue; // a source listing an id twice: the first one wins
    seen.add(key);
    const old = cached.get(key);
    if (old === row.hash) continue;
    upserts.push(row);
    // Units are derived from people; the counts the operator sees are of people and numbers.
    if (row.kind === 'unit') continue;
    if (old === undefined) added++;
    else changed++;
  }
  const removed: SnapshotDiff['removed'] = [];
  for (const key of cached.keys()) {
    if (seen.has(key) || keep.has(key)) continue;
    const [kind, id] = key.split('\u0000') as [EntryKind, string];
    removed.push({ kind, id });
  }
  return { upserts, removed, added, changed };
}
