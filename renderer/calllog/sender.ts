// Delivers call-log events to main without ever holding up the UI: fire-and-forget into a bounded
// queue, one request in flight, retried with backoff when main is unreachable or fails. An event
// main rejects as invalid is dropped at once (it can never succeed). When the queue is full the
// oldest event goes, and the log says how many were lost. Reports carry codes and counts only.
import type { CallEvent } from '../../common/ipc/contract';
import type { ReportLog } from '../sip';
import { backoffDelay } from '../../common/backoff';

export interface CallLogSenderOptions {
  send(event: CallEvent): Promise<unknown>;
  report: ReportLog;
  /** Events waiting at most; default 500 (a busy day's worth of minutes of downtime). */
  maxQueue?: number;
  /** Tries per event before it is dropped; default 10. */
  maxAttempts?: number;
  /** First retry delay, doubled per try up to maxDelayMs; defaults 500 ms and 30 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A request that has not settled by then counts as failed (main merges a late duplicate). Default 15 s. */
  timeoutMs?: number;
}

export interface CallLogSender {
  enqueue(event: CallEvent): void;
  /** Events not yet acknowledged by main (including the one in flight). */
  pending(): number;
  /** Resolves when the queue is empty (for tests and orderly shutdown). */
  drained(): Promise<void>;
  /** Stops retrying; what is still queued is forgotten. */
  dispose(): void;
}

/** Errors that will not go away by trying again. */
const PERMANENT = new Set(['invalid-payload', 'unknown-method', 'forbidden']);
const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.slice(0, 32) : error instanceof Error ? error.name.slice(0, 32) : 'unknown';
};

export function createCallLogSender(options: CallLogSenderOptions): CallLogSender {
  const maxQueue = options.maxQueue ?? 500;
  const maxAttempts = options.maxAttempts ?? 10;
  const baseDelay = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const queue: CallEvent[] = [];
  let running = false;
  let disposed = false;
  let attempts = 0;
  let droppedSinceReport = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiters: (() => void)[] = [];

  const settleWaiters = () => {
    if (queue.length) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const attempt = (event: CallEvent): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'timeout' })), timeoutMs);
      // A bridge without the method (an older main) throws synchronously: treat it like any failure.
      Promise.resolve()
        .then(() => options.send(event))
        .then(resolve, reject)
        .finally(() => clearTimeout(timeout));
    });

  const pump = async (): Promise<void> => {
    if (running || disposed) return;
    running = true;
    try {
      while (queue.length && !disposed) {
        const event = queue[0]!;
        try {
          await attempt(event);
          if (queue[0] === event) queue.shift();
          attempts = 0;
          if (droppedSinceReport) {
            options.report({ level: 'warn', code: 'calllog.events-lost', detail: { count: droppedSinceReport } });
            droppedSinceReport = 0;
          }
        } catch (error) {
          const code = codeOf(error);
          attempts++;
          if (PERMANENT.has(code) || attempts >= maxAttempts) {
            if (queue[0] === event) queue.shift();
            attempts = 0;
            options.report({ level: 'error', code: 'calllog.event-dropped', detail: { kind: event.kind, error: code } });
            continue;
          }
          if (attempts === 1) options.report({ level: 'warn', code: 'calllog.send-failed', detail: { kind: event.kind, error: code } });
          const delay = backoffDelay(attempts, { baseMs: baseDelay, maxMs: maxDelay, jitterFloor: 1 }); // no jitter: one sender per console
          await new Promise<void>((resolve) => (timer = setTimeout(resolve, delay)));
          timer = undefined;
        }
      }
    } finally {
      running = false;
      settleWaiters();
    }
  };

  return {
    enqueue(event) {
      if (disposed) return;
      queue.push(event);
      // Never drop the one in flight: it may be delivered yet, and its removal is by identity.
      while (queue.length > maxQueue) {
        queue.splice(running ? 1 : 0, 1);
        if (droppedSinceReport++ === 0) options.report({ level: 'warn', code: 'calllog.queue-full', detail: { max: maxQueue } });
      }
      void pump();
    },
    pending: () => queue.length,
    drained: () => (queue.length && !disposed ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      queue.length = 0;
      settleWaiters();
    },
  };
}
