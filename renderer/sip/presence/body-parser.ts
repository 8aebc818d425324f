// Where NOTIFY bodies are parsed: a Web Worker (./parse-worker.ts) in the console, so a burst of
// 500 lamp changes a second (or a 60 kB list NOTIFY) never costs the page a frame; inline where no
// Worker exists (the node tier) or it cannot start. Results come back in submission order, only
// lamp changes, several per message (the worker batches what it parsed in one turn).
import { parseNotify, type ParseJob, type ParseResult } from '../../../common/presence';

export interface BodyParser {
  /** `done` runs once with the job's result, in submission order. */
  submit(job: ParseJob, done: (result: ParseResult) => void): void;
  readonly where: 'worker' | 'inline';
  dispose(): void;
}

export function inlineParser(): BodyParser {
  return { where: 'inline', submit: (job, done) => done(parseNotify(job)), dispose: () => undefined };
}

/** The message the worker answers with: results of the jobs `first`… in order. */
export interface WorkerReply {
  readonly first: number;
  readonly results: readonly ParseResult[];
}

export function workerParser(onError: (code: string) => void): BodyParser {
  if (typeof Worker !== 'function') return inlineParser();
  let worker: Worker;
  try {
    worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'presence-parse' });
  } catch {
    onError('presence.worker-unavailable');
    return inlineParser();
  }
  let next = 0;
  const waiting = new Map<number, { job: ParseJob; done: (r: ParseResult) => void }>();
  let fallback: BodyParser | null = null;
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const { first, results } = e.data;
    results.forEach((r, i) => {
      const w = waiting.get(first + i);
      waiting.delete(first + i);
      w?.done(r);
    });
  };
  worker.onerror = (e) => {
    e.preventDefault();
    // the worker is gone: parse here from now on, the jobs in flight included (in order)
    onError('presence.worker-failed');
    worker.terminate();
    fallback = inlineParser();
    for (const [id, w] of [...waiting].sort((a, b) => a[0] - b[0])) {
      waiting.delete(id);
      fallback.submit(w.job, w.done);
    }
  };
  return {
    where: 'worker',
    submit(job, done) {
      if (fallback) return fallback.submit(job, done);
      const id = next++;
      waiting.set(id, { job, done });
      worker.postMessage({ id, job });
    },
    dispose() {
      worker.terminate();
      waiting.clear();
    },
  };
}
