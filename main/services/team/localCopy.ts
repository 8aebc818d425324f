// The console's SQLite side of the team store (SQLite migration 0007-team-sync): the queue of own
// changes and the local copy of every shared record. Synchronous (better-sqlite3), so a change is
// queued and applied locally in one transaction before record() returns: a crash right after
// loses nothing, and the resend is harmless (the change id is unique on the server).
import type { SqliteDatabase } from '../storage';

export interface QueuedChange {
  seq: number;
  changeId: string;
  kind: string;
  recordKey: string;
  /** JSON text, or null for a deletion. */
  value: string | null;
  baseChangeId: string | null;
  changedAt: number;
  operator: string;
}

export interface CopiedRecord {
  kind: string;
  recordKey: string;
  value: unknown;
  changeId: string;
  changedAt: number;
  operator: string;
}

export interface RemoteChange {
  seq: number;
  changeId: string;
  kind: string;
  recordKey: string;
  value: string | null;
  changedAt: number;
  operator: string;
}

export function createLocalCopy(db: SqliteDatabase) {
  const selectRecord = db.prepare('SELECT change_id FROM team_records WHERE kind = ? AND record_key = ?').pluck();
  const upsertRecord = db.prepare(
    'INSERT INTO team_records (kind, record_key, value, change_id, changed_at, operator) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (kind, record_key) DO UPDATE SET value = excluded.value, change_id = excluded.change_id, changed_at = excluded.changed_at, operator = excluded.operator',
  );
  const enqueue = db.prepare('INSERT INTO team_outbox (change_id, kind, record_key, value, base_change_id, changed_at, operator) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const pending = db.prepare('SELECT seq, change_id, kind, record_key, value, base_change_id, changed_at, operator FROM team_outbox ORDER BY seq LIMIT ?');
  const dequeue = db.prepare('DELETE FROM team_outbox WHERE change_id = ?');
  const countQueued = db.prepare('SELECT count(*) FROM team_outbox').pluck();
  const hasPending = db.prepare('SELECT 1 FROM team_outbox WHERE kind = ? AND record_key = ? LIMIT 1').pluck();
  const getState = db.prepare('SELECT value FROM team_state WHERE key = ?').pluck();
  const setState = db.prepare('INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const listKind = db.prepare('SELECT kind, record_key, value, change_id, changed_at, operator FROM team_records WHERE kind = ? AND value IS NOT NULL');
  const getOne = db.prepare('SELECT kind, record_key, value, change_id, changed_at, operator FROM team_records WHERE kind = ? AND record_key = ?');

  type Row = { kind: string; record_key: string; value: string | null; change_id: string; changed_at: number; operator: string };
  const toRecord = (r: Row): CopiedRecord => ({
    kind: r.kind,
    recordKey: r.record_key,
    value: r.value === null ? null : JSON.parse(r.value),
    changeId: r.change_id,
    changedAt: r.changed_at,
    operator: r.operator,
  });

  const queue = db.transaction((change: Omit<QueuedChange, 'seq' | 'baseChangeId'>): QueuedChange => {
    const base = (selectRecord.get(change.kind, change.recordKey) as string | undefined) ?? null;
    enqueue.run(change.changeId, change.kind, change.recordKey, change.value, base, change.changedAt, change.operator);
    upsertRecord.run(change.kind, change.recordKey, change.value, change.changeId, change.changedAt, change.operator);
    return { ...change, seq: 0, baseChangeId: base };
  });

  /** Applies remote changes (seq order) except on records with own changes still queued; returns those applied. */
  const applyRemote = db.transaction((changes: readonly RemoteChange[], lastSeq: number): RemoteChange[] => {
    const applied: RemoteChange[] = [];
    for (const c of changes) {
      if (hasPending.get(c.kind, c.recordKey)) continue; // the server settles it when the queue is sent
      upsertRecord.run(c.kind, c.recordKey, c.value, c.changeId, c.changedAt, c.operator);
      applied.push(c);
    }
    setState.run('last_seq', String(lastSeq));
    return applied;
  });

  return {
    queue: (change: Omit<QueuedChange, 'seq' | 'baseChangeId'>) => queue.immediate(change),
    pending: (limit: number): QueuedChange[] =>
      (pending.all(limit) as Array<Row & { seq: number; base_change_id: string | null }>).map((r) => ({
        seq: r.seq,
        changeId: r.change_id,
        kind: r.kind,
        recordKey: r.record_key,
        value: r.value,
        baseChangeId: r.base_change_id,
        changedAt: r.changed_at,
        operator: r.operator,
      })),
    /** After the server committed them. */
    confirm: db.transaction((ids: readonly string[]) => {
      for (const id of ids) dequeue.run(id);
    }),
    /** The server's current value after an own change lost. */
    overwrite: (r: CopiedRecord) => upsertRecord.run(r.kind, r.recordKey, r.value === null ? null : JSON.stringify(r.value), r.changeId, r.changedAt, r.operator),
    applyRemote: (changes: readonly RemoteChange[], lastSeq: number) => applyRemote.immediate(changes, lastSeq),
    queued: () => countQueued.get() as number,
    /** An own change to this record is still waiting for the server. */
    isPending: (kind: string, key: string) => !!hasPending.get(kind, key),
    lastSeq: () => Number((getState.get('last_seq') as string | undefined) ?? 0),
    list: (kind: string) => (listKind.all(kind) as Row[]).map(toRecord),
    get: (kind: string, key: string) => {
      const r = getOne.get(kind, key) as Row | undefined;
      return r ? toRecord(r) : undefined;
    },
  };
}
export type LocalCopy = ReturnType<typeof createLocalCopy>;
