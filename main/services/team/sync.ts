// Keeps this console's local copy and the shared team store in step (issue 13 points 3 and 4).
// Own changes go into the SQLite queue first (record()), then to PostgreSQL in order, in batches of
// one statement each; a change id the server already has is skipped there, so a resend after a
// crash or a lost answer is applied once. Other consoles' changes arrive by LISTEN team_changes:
// each NOTIFY (and each reconnect) runs one pass "send the queue, then fetch every change since
// the last seq seen". There is no polling loop; only a lost connection is retried, with backoff.
// Conflicts are settled by the server (later change wins, the loser kept in team.history); this
// side tells its operator when their change lost. Logs carry codes and counts, never values.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { backoffDelay, type BackoffPolicy } from '../../../common/backoff';
import type { TeamConflict, TeamStatus, TeamStoreSettings } from '../../../common/team/settings';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../storage';
import { teamClientConfig } from './connection';
import { createLocalCopy, type CopiedRecord, type RemoteChange } from './localCopy';

/** A shared kind's hook into the console's own tables (e.g. unit_notices in the directory cache). */
export interface TeamKindAdapter {
  kind: string;
  /** Writes a value that came from the team store into the console's tables; null: deleted. Idempotent. */
  apply(recordKey: string, value: unknown): void;
}

export interface TeamSyncOptions {
  db: SqliteDatabase;
  settings: () => TeamStoreSettings | undefined;
  /** The operator's name as the console knows it (the audit's "operator"; the server adds the role). */
  operator: () => string;
  log: Logger;
  now?: () => number;
  onStatus?: (status: TeamStatus) => void;
  onConflict?: (conflict: TeamConflict) => void;
  /** After changes from other consoles were applied to the local copy: which kinds changed. */
  onRemote?: (kinds: ReadonlySet<string>) => void;
  reconnect?: BackoffPolicy;
  batchSize?: number;
}

export interface TeamSync {
  register(adapter: TeamKindAdapter): void;
  /** An own change: applied to the local copy and queued, in one transaction; returns its change id. */
  record(kind: string, recordKey: string, value: unknown): string;
  list(kind: string): CopiedRecord[];
  get(kind: string, recordKey: string): CopiedRecord | undefined;
  status(): TeamStatus;
  start(): void;
  stop(): Promise<void>;
  /** No pass running and no server connection: the local copy can be closed at once. */
  idle(): boolean;
  /** Resolves after the next pass in which the queue was empty (tests, benchmarks). */
  settled(): Promise<void>;
}

const CHANNEL = 'team_changes';

interface ServerOutcome {
  change_id: string;
  outcome: 'applied' | 'won' | 'lost';
  kind: string;
  record_key: string;
}

export function createTeamSync(options: TeamSyncOptions): TeamSync {
  const { log } = options;
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 500;
  const local = createLocalCopy(options.db);
  const adapters = new Map<string, TeamKindAdapter>();
  let client: pg.Client | undefined;
  let state: TeamStatus['state'] = options.settings() ? 'connecting' : 'off';
  let lastError: string | null = null;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = true;
  let passRunning: Promise<void> | undefined;
  let passAgain = false;
  let waiters: Array<() => void> = [];

  const status = (): TeamStatus => ({ state, queued: local.queued(), error: lastError });
  const setState = (next: TeamStatus['state'], error: string | null = lastError) => {
    const changed = next !== state || error !== lastError;
    state = next;
    lastError = error;
    if (changed) {
      log.info('team.state', { state: next });
      options.onStatus?.(status());
    }
  };

  const applyAdapters = (kind: string, key: string, value: string | null) => {
    const adapter = adapters.get(kind);
    if (!adapter) return;
    try {
      adapter.apply(key, value === null ? null : JSON.parse(value));
    } catch (error) {
      log.error('team.apply-failed', { kind, error: error instanceof Error ? error.name : 'unknown' });
    }
  };

  /** Sends the queue in order; returns false when the connection failed. */
  async function sendQueue(c: pg.Client): Promise<void> {
    for (;;) {
      const batch = local.pending(batchSize);
      if (!batch.length) return;
      const rows = batch.map((b) => ({
        change_id: b.changeId,
        kind: b.kind,
        record_key: b.recordKey,
        value: b.value === null ? null : JSON.parse(b.value),
        base_change_id: b.baseChangeId,
        changed_at: new Date(b.changedAt).toISOString(),
        operator: b.operator,
      }));
      // One statement: the whole batch commits or none of it; the trigger skips known change ids.
      await c.query(
        `INSERT INTO team.changes (change_id, kind, record_key, value, base_change_id, changed_at, operator)
         SELECT change_id, kind, record_key, NULLIF(value, 'null'::jsonb), base_change_id, changed_at, operator
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, ord),
                LATERAL jsonb_to_record(e.doc) AS x(change_id uuid, kind text, record_key text, value jsonb, base_change_id uuid, changed_at timestamptz, operator text)
          ORDER BY e.ord`,
        [JSON.stringify(rows)],
      );
      const ids = batch.map((b) => b.changeId);
      const outcomes = await c.query<ServerOutcome>(`SELECT change_id, outcome, kind, record_key FROM team.changes WHERE change_id = ANY($1::uuid[])`, [ids]);
      const lost = outcomes.rows.filter((o) => o.outcome === 'lost');
      if (outcomes.rowCount !== ids.length) throw new Error(`the server confirmed ${outcomes.rowCount} of ${ids.length} changes`);
      for (const o of lost) {
        // Someone else's later change holds the record: show theirs, and tell this operator.
        const cur = await c.query(`SELECT value, change_id, changed_at, operator FROM team.records WHERE kind = $1 AND record_key = $2`, [o.kind, o.record_key]);
        const r = cur.rows[0];
        if (r) {
          local.overwrite({ kind: o.kind, recordKey: o.record_key, value: r.value, changeId: r.change_id, changedAt: r.changed_at.getTime(), operator: r.operator });
          applyAdapters(o.kind, o.record_key, r.value === null ? null : JSON.stringify(r.value));
          options.onConflict?.({ kind: o.kind, recordKey: o.record_key, winner: r.operator, at: now() });
        }
      }
      local.confirm(ids);
      log.info('team.sent', { changes: ids.length, lost: lost.length });
    }
  }

  /** Fetches every change since the last seq seen and applies those of other consoles. */
  async function catchUp(c: pg.Client): Promise<void> {
    const me = options.settings()?.user;
    const operator = options.operator();
    for (;;) {
      const since = local.lastSeq();
      const r = await c.query(
        `SELECT seq, change_id, kind, record_key, value, changed_at, operator, outcome, loser_operator, loser_db_role
           FROM team.changes WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [since, batchSize],
      );
      if (!r.rowCount) return;
      const changes: RemoteChange[] = [];
      const told: TeamConflict[] = [];
      for (const row of r.rows) {
        if (row.outcome === 'lost') continue; // never the current value; its sender was told
        changes.push({
          seq: Number(row.seq),
          changeId: row.change_id,
          kind: row.kind,
          recordKey: row.record_key,
          value: row.value === null ? null : JSON.stringify(row.value),
          changedAt: row.changed_at.getTime(),
          operator: row.operator,
        });
        if (row.outcome === 'won' && row.loser_db_role === me && row.loser_operator === operator) {
          told.push({ kind: row.kind, recordKey: row.record_key, winner: row.operator, at: now() });
        }
      }
      const lastSeq = Number(r.rows[r.rows.length - 1].seq);
      // Own tables first, then the copy and the seq: a crash in between re-applies (idempotent).
      for (const ch of changes) if (!local.isPending(ch.kind, ch.recordKey)) applyAdapters(ch.kind, ch.recordKey, ch.value);
      const applied = local.applyRemote(changes, lastSeq);
      for (const t of told) options.onConflict?.(t);
      if (applied.length) options.onRemote?.(new Set(applied.map((a) => a.kind)));
    }
  }

  async function pass(): Promise<void> {
    const c = client;
    if (!c || state !== 'online') return;
    await sendQueue(c);
    await catchUp(c);
    if (local.queued() === 0) {
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    }
    options.onStatus?.(status());
  }

  /** Runs passes one at a time; a request during a pass runs one more after it. */
  function schedule(): void {
    if (passRunning) {
      passAgain = true;
      return;
    }
    passRunning = (async () => {
      do {
        passAgain = false;
        try {
          await pass();
        } catch (error) {
          lost(error);
          return;
        }
      } while (passAgain);
    })().finally(() => (passRunning = undefined));
  }

  function lost(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    log.warn('team.unreachable', { failures: failures + 1 });
    const c = client;
    client = undefined;
    c?.removeAllListeners();
    c?.on('error', () => {});
    void c?.end().catch(() => {});
    setState('offline', message.slice(0, 300));
    if (stopped) return;
    failures++;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, backoffDelay(failures, options.reconnect));
  }

  async function connect(): Promise<void> {
    const settings = options.settings();
    if (stopped) return;
    if (!settings) return setState('off', null);
    const c = new pg.Client(teamClientConfig(settings));
    c.on('error', (error) => client === c && lost(error));
    c.on('end', () => client === c && lost(new Error('the connection to the team store ended')));
    c.on('notification', (n) => n.channel === CHANNEL && schedule());
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      c.removeAllListeners();
      c.on('error', () => {});
      void c.end().catch(() => {});
      client = c; // so lost() schedules the retry
      return lost(error);
    }
    if (stopped) return void c.end().catch(() => {});
    client = c;
    failures = 0;
    setState('online', null);
    schedule();
  }

  return {
    register(adapter) {
      adapters.set(adapter.kind, adapter);
    },
    record(kind, recordKey, value) {
      const changeId = randomUUID();
      local.queue({ changeId, kind, recordKey, value: value === null || value === undefined ? null : JSON.stringify(value), changedAt: now(), operator: options.operator() });
      if (state === 'online') schedule();
      else options.onStatus?.(status());
      return changeId;
    },
    list: (kind) => local.list(kind),
    get: (kind, key) => local.get(kind, key),
    status,
    start() {
      if (!stopped) return;
      stopped = false;
      if (options.settings()) {
        setState('connecting', null);
        void connect();
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await passRunning;
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      c?.on('error', () => {});
      await c?.end().catch(() => {});
    },
    idle: () => !passRunning && !client,
    settled() {
      if (state === 'online' && !passRunning && local.queued() === 0) return Promise.resolve();
      return new Promise((resolve) => {
        waiters.push(resolve);
        if (state === 'online') schedule();
      });
    },
  };
}
