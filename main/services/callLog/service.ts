// The call log (issue 3 item 9): one row per call in the console's SQLite database, written as the
// renderer reports events, read back as "recent calls" and as P-FAST figures (time to answer, time
// to connect). Writes are idempotent upserts by call id inside an IMMEDIATE transaction, so a
// retried or reordered event never duplicates a call, and a call is on disk (WAL) before the
// renderer hears "ok": a kill -9 after that loses nothing.
// P-SECRECY: log lines carry codes, kinds and counts; never call ids, numbers or operators.
import type { CallEvent, CallLogEntry, CallOutcome, CallStats, DurationFigures } from '../../../common/ipc/contract';
import { CallOutcome as CallOutcomes } from '../../../common/ipc/contract';
import type { Logger } from '../log/logger';
import { openDatabase, type DatabaseKey, type OpenedDatabase, type SqliteDatabase } from '../storage';
import { mergeCallEvent, type CallRow } from './merge';

export class CallLogError extends Error {
  constructor(
    readonly code: 'no-operator' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'CallLogError';
  }
}

export interface CallLogService {
  /** Stores one event; `changed` is false for a duplicate or older news. Throws only on a broken database or missing operator. */
  record(event: CallEvent): { changed: boolean };
  /** Newest first (by offered time). */
  listRecent(options: { limit: number; before?: number }): CallLogEntry[];
  /** Calls offered in [from, to), optionally of one operator. */
  stats(period: { from: number; to: number; operator?: string }): CallStats;
  close(): void;
}

export interface CallLogOptions {
  db: SqliteDatabase;
  log: Logger;
  /** Who is at the console: from main's settings, never from the renderer. Undefined before setup. */
  operator: () => string | undefined;
  /** Close the database on close() (openCallLog sets this; tests sharing a db do not). */
  ownsDatabase?: boolean;
  /** After a call's row changed (the team store shares it for statistics, without the caller's number). */
  onChange?: (row: CallRow) => void;
}

const COLUMNS =
  'call_id, offered_at, offered_at_estimated, answered_at, transferred_at, ended_at, outcome, dialled_number, switchboard_id, referral, dial_out_country, dial_out_calling_code, operator, call_key, queue_end, transfers';

function toEntry(row: CallRow): CallLogEntry {
  return {
    callId: row.call_id,
    offeredAt: row.offered_at,
    offeredAtEstimated: row.offered_at_estimated === 1,
    answeredAt: row.answered_at,
    transferredAt: row.transferred_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    dialledNumber: row.dialled_number,
    switchboardId: row.switchboard_id,
    referral: row.referral,
    operator: row.operator,
    dialOut: row.dial_out_calling_code === null ? null : { country: row.dial_out_country, callingCode: row.dial_out_calling_code },
  };
}

/** Nearest-rank percentile of ascending values: always a value that was observed. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

function figures(sorted: readonly number[]): DurationFigures {
  return { count: sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
}

export function createCallLogService(options: CallLogOptions): CallLogService {
  const { db, log } = options;
  const select = db.prepare<[string], CallRow>(`SELECT ${COLUMNS} FROM call_log WHERE call_id = ?`);
  const upsert = db.prepare<CallRow>(
    `INSERT INTO call_log (${COLUMNS}) VALUES (@call_id, @offered_at, @offered_at_estimated, @answered_at, @transferred_at, @ended_at, @outcome, @dialled_number, @switchboard_id, @referral, @dial_out_country, @dial_out_calling_code, @operator, @call_key, @queue_end, @transfers)
     ON CONFLICT (call_id) DO UPDATE SET
       offered_at = excluded.offered_at, offered_at_estimated = excluded.offered_at_estimated,
       answered_at = excluded.answered_at, transferred_at = excluded.transferred_at, ended_at = excluded.ended_at,
       outcome = excluded.outcome, dialled_number = excluded.dialled_number, switchboard_id = excluded.switchboard_id, referral = excluded.referral,
       dial_out_country = excluded.dial_out_country, dial_out_calling_code = excluded.dial_out_calling_code,
       call_key = excluded.call_key, queue_end = excluded.queue_end, transfers = excluded.transfers`,
  );
  const recent = db.prepare<[number], CallRow>(`SELECT ${COLUMNS} FROM call_log ORDER BY offered_at DESC, id DESC LIMIT ?`);
  const recentBefore = db.prepare<[number, number], CallRow>(`SELECT ${COLUMNS} FROM call_log WHERE offered_at < ? ORDER BY offered_at DESC, id DESC LIMIT ?`);
  type Period = { from: number; to: number; operator: string | null };
  // A leg another console answered is that console's call, not one this switchboard missed.
  const PERIOD = "offered_at >= @from AND offered_at < @to AND (@operator IS NULL OR operator = @operator) AND queue_end IS NOT 'elsewhere'";
  const outcomeCounts = db.prepare<Period, { outcome: CallOutcome | null; n: number }>(`SELECT outcome, count(*) AS n FROM call_log WHERE ${PERIOD} GROUP BY outcome`);
  const answerTimes = db.prepare<Period, number>(`SELECT answered_at - offered_at FROM call_log WHERE ${PERIOD} AND offered_at_estimated = 0 AND answered_at IS NOT NULL ORDER BY 1`).pluck();
  const connectTimes = db
    .prepare<Period, number>(
      `SELECT transferred_at - answered_at FROM call_log WHERE ${PERIOD} AND answered_at IS NOT NULL AND transferred_at IS NOT NULL AND transferred_at >= answered_at ORDER BY 1`,
    )
    .pluck();

  let open = true;
  const ensureOpen = () => {
    if (!open) throw new CallLogError('closed', 'The call log is closed.');
  };

  const write = db.transaction((event: CallEvent) => {
    const stored = select.get(event.callId);
    const operator = stored ? stored.operator : options.operator();
    if (operator === undefined) throw new CallLogError('no-operator', 'No operator: the settings have no SIP account yet, so the call cannot be logged.');
    const result = mergeCallEvent(stored, event, operator);
    if (result.changed) upsert.run(result.row);
    return result;
  });

  return {
    record(event) {
      ensureOpen();
      const { changed, clockSkew, row } = write.immediate(event);
      if (changed) options.onChange?.(row);
      if (clockSkew) log.warn('calllog.clock-skew', { kind: event.kind });
      log.debug('calllog.event', { kind: event.kind, changed });
      return { changed };
    },
    listRecent({ limit, before }) {
      ensureOpen();
      const rows = before === undefined ? recent.all(limit) : recentBefore.all(before, limit);
      return rows.map(toEntry);
    },
    stats({ from, to, operator }) {
      ensureOpen();
      const period: Period = { from, to, operator: operator ?? null };
      const outcomes = Object.fromEntries(CallOutcomes.options.map((o) => [o, 0])) as Record<CallOutcome, number>;
      let offered = 0;
      let openCalls = 0;
      for (const { outcome, n } of outcomeCounts.all(period)) {
        offered += n;
        if (outcome === null) openCalls += n;
        else outcomes[outcome] = n;
      }
      return {
        from,
        to,
        offered,
        outcomes,
        open: openCalls,
        timeToAnswer: figures(answerTimes.all(period)),
        timeToConnect: figures(connectTimes.all(period)),
      };
    },
    close() {
      if (!open) return;
      open = false;
      if (options.ownsDatabase) db.close();
    },
  };
}

export interface OpenCallLogOptions {
  /** The console's database file, e.g. <dataDir>/vaxel.sqlite. */
  file: string;
  log: Logger;
  operator: () => string | undefined;
  /** Seals the file at rest (P-SECRECY); both hosts pass it. */
  key: DatabaseKey | null;
  onChange?: (row: CallRow) => void;
}

/** Opens (creating, migrating or recovering) the database and the call log over it; close() closes both. */
export function openCallLog(options: OpenCallLogOptions): { callLog: CallLogService; recovered?: OpenedDatabase['recovered'] } {
  const { db, recovered } = openDatabase({ file: options.file, log: options.log, key: options.key });
  const callLog = createCallLogService({ db, log: options.log, operator: options.operator, ownsDatabase: true, ...(options.onChange ? { onChange: options.onChange } : {}) });
  const calls = db.prepare('SELECT count(*) FROM call_log').pluck().get() as number;
  options.log.info('calllog.opened', { calls, recovered: recovered !== undefined });
  return { callLog, ...(recovered ? { recovered } : {}) };
}
