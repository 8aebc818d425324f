// The work of the directory sync worker (syncWorker.ts starts it): read the sources, diff and
// apply them to the cache file, build the index and the renderer's snapshot, store them, and hand
// them to main. It opens its own connection to the cache: SQLite in WAL lets main read (search,
// cards) while this thread writes, and this is the only writer of entries during a sync.
import type { SqliteDatabase } from '../storage/database';
import { openPlainConnection, openSealedConnection } from '../storage/sealed';
import type { Logger, LogFields, LogLevel } from '../log/logger';
import { createDirectoryCache, type DirectoryCache } from './cache';
import { buildIndex, encodeHead, storeBlob, withSnapshot } from './indexArtifacts';
import { sourceFromSpec } from './sourceSpec';
import { SyncError, type SyncErrorCode } from './source';
import { recordFailure, syncSource } from './syncApply';
import type { DirectoryJob, WorkerMessage } from './syncProtocol';

export type Post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void;

/** Test seams: a fixture worker wraps the cache to fail in the middle of a real sync. */
export interface JobHooks {
  cache?: (cache: DirectoryCache, db: SqliteDatabase) => DirectoryCache;
}

function forwardingLogger(post: Post): Logger {
  const at = (level: LogLevel) => (code: string, fields?: LogFields) => {
    const plain: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(fields ?? {})) if (v !== undefined) plain[k] = v;
    post({ type: 'log', level, code, fields: plain });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const SYNC_CODES: readonly string[] = ['unreachable', 'auth', 'empty-result', 'invalid-data', 'failed'] satisfies SyncErrorCode[];

/** Builds, stores and hands over the index over the cache as it is now. */
function buildAndHandOver(cache: DirectoryCache, post: Post, log: Logger): void {
  const started = Date.now();
  const loaded = cache.loadWithGeneration();
  const built = buildIndex(loaded);
  // The head goes first: main answers searches with it while the snapshot is built.
  const head = encodeHead(built);
  post({ type: 'index', generation: loaded.generation, head }, [head.buffer as ArrayBuffer]);
  const { snapshot, blob } = withSnapshot(built);
  try {
    storeBlob(cache, loaded.generation, blob);
  } catch (error) {
    // Only the next start's speed depends on it.
    log.warn('directory.index-store-failed', { reason: error instanceof Error ? error.name : 'unknown' });
  }
  log.info('directory.index-built', { entries: built.entries.length, ms: Date.now() - started, in: 'worker' });
  post({ type: 'snapshot', generation: loaded.generation, snapshot }, [snapshot.buffer as ArrayBuffer]);
}

export async function runDirectoryJob(job: DirectoryJob, post: Post, hooks: JobHooks = {}): Promise<void> {
  const log = forwardingLogger(post);
  let db: SqliteDatabase | undefined;
  try {
    // The key rides in workerData (memory only), so the worker opens the sealed cache as main does.
    db = job.key ? openSealedConnection(job.file, job.key, { fileMustExist: true }) : openPlainConnection(job.file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const plain = createDirectoryCache(db);
    const cache = hooks.cache ? hooks.cache(plain, db) : plain;
    let moved = job.kind === 'build';
    if (job.kind === 'sync') {
      // The sync is marked with the time main's clock gave when it started it.
      const now = () => job.now;
      for (const s of job.sources) {
        if ('error' in s) {
          const code = (SYNC_CODES.includes(s.error.code) ? s.error.code : 'failed') as SyncErrorCode;
          recordFailure(cache, s.name, new Date(now()).toISOString(), new SyncError(code, s.error.message), log);
          post({ type: 'source', report: { source: s.name, ok: false, added: 0, changed: 0, removed: 0, error: s.error.message } });
          continue;
        }
        const fetch = 'spec' in s ? sourceFromSpec(s.spec, log).fetch : async () => s.snapshot;
        const { rowsMoved, ...report } = await syncSource(cache, s.name, fetch, log, now);
        moved ||= rowsMoved;
        post({ type: 'source', report });
      }
    }
    if (moved) buildAndHandOver(cache, post, log);
    post({ type: 'done' });
  } catch (error) {
    // Names and numbers may be quoted in a message: the log gets the error's name, the operator the text.
    const name = error instanceof Error ? error.name : 'unknown';
    log.error('directory.worker-job-failed', { job: job.kind, reason: name });
    post({ type: 'failed', code: name.slice(0, 60), message: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
  } finally {
    db?.close();
  }
}
