// Bounded work per task for inbound WebSocket frames. Chromium may deliver a burst of frames in
// one task (one message event after another); handling each there (guard + SIP.js parse) froze
// the page for up to 0.8 s. The transport only enqueues in the event and this queue handles the
// frames in arrival order, in slices of at most `sliceMs` (always at least one frame), yielding
// to the event loop (MessageChannel, i.e. a new task with no timer clamping) between slices.
// Beyond `maxFrames` or `maxBytes` waiting, new frames are dropped and the drop is reported once
// per backlog with a count (codes only, P-SECRECY).

export interface InboundQueueLimits {
  /** Longest slice of work per task, ms; Infinity handles each frame at once (the old behaviour). */
  readonly sliceMs: number;
  /** Most frames waiting. */
  readonly maxFrames: number;
  /** Most bytes (UTF-16 units of strings, bytes of binaries) waiting. */
  readonly maxBytes: number;
}

// 10,000 small frames wait about 1 s at ~0.1 ms each (a keep-alive answer behind them still counts in
// time); 16 MiB bounds the memory of large frames (each cut to the guard's 64 KiB + 1 first).
export const DEFAULT_INBOUND_LIMITS: InboundQueueLimits = { sliceMs: 8, maxFrames: 10_000, maxBytes: 16 * 1024 * 1024 };

export interface InboundQueue<T> {
  /** False when the frame was dropped (queue full). */
  push(item: T, size: number): boolean;
  /** Frames waiting. */
  readonly length: number;
  /** Drops whatever waits and stops scheduling (the transport is gone). */
  dispose(): void;
}

export interface InboundQueueHooks<T> {
  readonly handle: (item: T) => void;
  /** The handler threw (it should catch its own errors). */
  readonly onError: (error: unknown) => void;
  /** A backlog started dropping (first drop), and how many it dropped when it drained. */
  readonly onDrop: (event: { readonly phase: 'started' | 'ended'; readonly dropped: number }) => void;
  /** After each slice: how many frames it handled and how many still wait (tests, benchmarks). */
  readonly onSlice?: (handled: number, waiting: number) => void;
  readonly now?: () => number;
}

/** A task soon, without setTimeout's 4 ms clamp after nesting; setTimeout(0) where no MessageChannel. */
function taskScheduler(run: () => void): { schedule(): void; close(): void } {
  if (typeof MessageChannel === 'undefined') return { schedule: () => void setTimeout(run, 0), close: () => undefined };
  const channel = new MessageChannel();
  channel.port1.onmessage = run;
  // Node: a port with a listener keeps the process alive; the queue must not.
  (channel.port1 as { unref?: () => void }).unref?.();
  return { schedule: () => channel.port2.postMessage(null), close: () => channel.port1.close() };
}

export function createInboundQueue<T>(limits: InboundQueueLimits, hooks: InboundQueueHooks<T>): InboundQueue<T> {
  const now = hooks.now ?? (() => performance.now());
  const items: Array<{ item: T; size: number }> = [];
  let head = 0;
  let bytes = 0;
  let scheduled = false;
  let disposed = false;
  let dropped = 0;

  const waiting = () => items.length - head;

  const drain = () => {
    scheduled = false;
    if (disposed || waiting() === 0) return;
    const start = now();
    let handled = 0;
    do {
      const next = items[head];
      items[head++] = undefined as never;
      bytes -= next.size;
      handled++;
      try {
        hooks.handle(next.item);
      } catch (error) {
        hooks.onError(error); // loses this frame only
      }
    } while (waiting() > 0 && now() - start < limits.sliceMs && !disposed);
    hooks.onSlice?.(handled, waiting());
    if (head > 1024 && head * 2 > items.length) {
      items.splice(0, head);
      head = 0;
    }
    if (waiting() > 0) {
      scheduled = true;
      scheduler.schedule();
    } else if (dropped > 0) {
      hooks.onDrop({ phase: 'ended', dropped });
      dropped = 0;
    }
  };
  const scheduler = taskScheduler(drain);

  return {
    push(item, size) {
      if (disposed) return false;
      if (waiting() >= limits.maxFrames || (waiting() > 0 && bytes + size > limits.maxBytes)) {
        if (dropped++ === 0) hooks.onDrop({ phase: 'started', dropped: 1 });
        return false;
      }
      items.push({ item, size });
      bytes += size;
      if (limits.sliceMs === Infinity) {
        // unsliced: handle in the event itself, as SIP.js's own transport does
        drain();
        return true;
      }
      if (!scheduled) {
        scheduled = true;
        scheduler.schedule();
      }
      return true;
    },
    get length() {
      return waiting();
    },
    dispose() {
      disposed = true;
      items.length = 0;
      head = 0;
      bytes = 0;
      scheduler.close();
    },
  };
}
