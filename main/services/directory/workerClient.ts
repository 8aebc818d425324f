// Main's side of the directory sync worker: starts one worker thread per job (its heap, tens of MB
// at 100k, goes with it), checks every message it sends, and turns a crash, an early exit or a bad
// message into a logged, typed failure. Main's index is only ever replaced by a complete, valid
// hand-over, so a failed job leaves the last good one searchable (D-OFFLINE).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';
import type { SourceReport } from './syncApply';
import { WorkerMessage, type DirectoryJob } from './syncProtocol';

/** Which script runs the worker, and how. */
export interface WorkerScript {
  url: URL;
  execArgv: string[];
  /** Merged into workerData beside the job (fixture workers read their fault from it). */
  workerData?: Record<string, unknown>;
}

/**
 * From source (tsx: tests, benches, the lab) the worker is syncWorker.ts with tsx's loader; built,
 * it is directory-worker.mjs beside the host's bundle (out/web, out/electron). A packaged Electron
 * app keeps it unpacked from app.asar (electron-builder.yml), where a worker thread can start it.
 * VAXEL_DIRECTORY_WORKER, when set, is the path of a built worker to use instead.
 */
export function defaultWorkerScript(): WorkerScript {
  // A host run from source may name a built worker (benches that built out/ measure the bundle).
  const built = process.env.VAXEL_DIRECTORY_WORKER;
  if (built) return { url: pathToFileURL(built), execArgv: [] };
  const here = import.meta.url;
  if (here.endsWith('.ts')) return typeScriptWorker(new URL('./syncWorker.ts', here));
  const url = new URL('./directory-worker.mjs', here);
  return { url: new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/')), execArgv: [] };
}

/**
 * A worker script in TypeScript. Node 20 does not apply tsx's `--import` hooks to a worker's entry,
 * so a tiny ESM entry (a data: URL) loads the script through tsx's API (tsImport) instead.
 */
export function typeScriptWorker(url: URL, workerData?: Record<string, unknown>): WorkerScript {
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const boot = `const { tsImport } = await import(${JSON.stringify(api)}); await tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(boot)}`), execArgv: [], ...(workerData ? { workerData } : {}) };
}

export type WorkerFailure = 'crashed' | 'exited' | 'bad-message' | 'failed' | 'stopped';

export class WorkerJobError extends Error {
  constructor(
    readonly code: WorkerFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerJobError';
  }
}

export interface JobCallbacks {
  onSource?(report: SourceReport): void;
  /** The index head at a generation; false when it cannot be used (the job fails as a bad message). */
  onIndex?(generation: number, head: Uint8Array): boolean;
  onSnapshot?(generation: number, snapshot: Uint8Array): void;
}

export interface RunningJob {
  /** Resolves when the worker says done; rejects with a WorkerJobError otherwise. */
  done: Promise<void>;
  /** Ends the worker (an open transaction is rolled back by SQLite); done rejects with 'stopped'. */
  stop(): void;
}

export function startWorkerJob(job: DirectoryJob, script: WorkerScript, log: Logger, callbacks: JobCallbacks): RunningJob {
  const worker = new Worker(script.url, { workerData: { ...script.workerData, job }, execArgv: script.execArgv });
  // Not unref'd: someone awaits the job. Hosts end it with the service's close().
  let settled = false;
  let stop = () => undefined as void;
  const done = new Promise<void>((resolve, reject) => {
    const fail = (code: WorkerFailure, message: string, detail: Record<string, string | number> = {}) => {
      if (settled) return;
      settled = true;
      if (code === 'stopped') log.info('directory.worker-stopped', { job: job.kind });
      else log.error('directory.worker-failed', { job: job.kind, reason: code, ...detail });
      void worker.terminate();
      reject(new WorkerJobError(code, message));
    };
    stop = () => fail('stopped', 'the directory worker was stopped');
    worker.on('message', (raw: unknown) => {
      if (settled) return;
      const parsed = WorkerMessage.safeParse(raw);
      if (!parsed.success) return fail('bad-message', 'the directory worker sent a message that could not be read; the cached directory was kept');
      const m = parsed.data;
      try {
        if (m.type === 'log') log[m.level](m.code, m.fields);
        else if (m.type === 'source') callbacks.onSource?.(m.report);
        else if (m.type === 'index') {
          if (callbacks.onIndex && !callbacks.onIndex(m.generation, m.head)) {
            fail('bad-message', 'the directory worker handed over an index that could not be read; the previous one is kept');
          }
        } else if (m.type === 'snapshot') callbacks.onSnapshot?.(m.generation, m.snapshot);
        else if (m.type === 'done') {
          settled = true;
          resolve();
        } else fail('failed', `the directory sync failed in its worker: ${m.message}`, { error: m.code });
      } catch (error) {
        fail('bad-message', 'what the directory worker handed over could not be used; the previous index is kept', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    });
    worker.on('error', (error) => fail('crashed', `the directory worker crashed (${error.name}); the cached directory was kept`, { error: error.name }));
    worker.on('exit', (code) => fail('exited', `the directory worker stopped (exit code ${code}) before it finished; the cached directory was kept`, { exitCode: code }));
  });
  return { done, stop: () => stop() };
}
