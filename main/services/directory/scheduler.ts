// Scheduled sync: run, wait the interval, run again; after a failure retry sooner. The clock is
// injected so tests drive time by hand instead of waiting.

export interface TimerClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: TimerClock = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.(); // a pending sync must not keep the process alive
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface SyncScheduler {
  start(): void;
  stop(): void;
  readonly running: boolean;
}

export interface SchedulerOptions {
  /** Runs one sync; resolves true when it succeeded. */
  run: () => Promise<boolean>;
  intervalMs: number;
  /** Wait after a failed sync; defaults to a fifth of the interval. */
  retryMs?: number;
  /** Wait before the first run; defaults to 0 (sync soon after start). */
  initialDelayMs?: number;
  timers?: TimerClock;
}

export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const timers = options.timers ?? systemTimers;
  let handle: unknown;
  let running = false;
  const schedule = (ms: number) => {
    handle = timers.setTimeout(tick, ms);
  };
  const tick = () => {
    handle = undefined;
    options.run().then(
      (ok) => running && schedule(ok ? options.intervalMs : (options.retryMs ?? Math.ceil(options.intervalMs / 5))),
      () => running && schedule(options.retryMs ?? Math.ceil(options.intervalMs / 5)),
    );
  };
  return {
    start() {
      if (running) return;
      running = true;
      schedule(options.initialDelayMs ?? 0);
    },
    stop() {
      running = false;
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
    },
    get running() {
      return running;
    },
  };
}
