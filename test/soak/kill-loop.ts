// The crash loop (issue 17 point 6, D-OFFLINE): a child process (crash-child.ts) writes call-log
// events, outbox messages and unit notices to the sealed stores and prints each write it got back;
// this parent kill -9's it at a seeded random moment, then opens every file with the same key and
// checks PRAGMA integrity_check = ok and that every write the child acknowledged is there. Then the
// next child starts on the same files. `npm run soak -- kill` runs 1,000 rounds; the node test
// test/node/crash-loop.test.ts runs 50. A failure names the round and the seed to replay it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { databaseKeyFile, loadOrCreateDatabaseKey, openSealedConnection, type DatabaseKey } from '../../main/services/storage';
import { seededRandom } from './seeded';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface KillLoopOptions {
  kills: number;
  seed: number;
  /** Most kills fall uniformly in [0, windowMs) after the stores are open, during the writes (default 40 ms). */
  windowMs?: number;
  /** The share of kills that fall instead before the stores are open: Node start, open, migration, WAL recovery (default 0.2). */
  openingShare?: number;
  dataDir?: string;
  onRound?: (round: number, figures: KillLoopFigures) => void;
}

export interface KillLoopFigures {
  seed: number;
  rounds: number;
  acknowledged: { calls: number; messages: number; notices: number };
  /** Acknowledged writes not found afterwards: must be 0. */
  lost: number;
  /** Rounds whose integrity_check was not ok in some file: must be 0. */
  integrityFailures: number;
  /** Kills that fell before the child reported its stores open (during open, migration or recovery). */
  killedWhileOpening: number;
  /** Children that ended by themselves (an error) instead of by the kill: must be 0. */
  exitedOnTheirOwn: number;
  openMs: { median: number; max: number };
  largestWalBytes: number;
  elapsedMs: number;
  failures: string[];
}

/** One plain Node file, so each restart costs a Node start, not a TypeScript compile. */
async function bundleChild(dir: string): Promise<string> {
  const outfile = path.join(dir, 'crash-child.mjs');
  // The bundle lives in a temp folder; its native modules are found through this link to the repository's.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await build({
    entryPoints: [path.join(ROOT, 'test/soak/crash-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

interface Round {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  /** From the spawn to the "ready" line, on the parent's clock (Node start, module load, opening the stores). */
  readyMs?: number;
}

/** When to kill: a time after the spawn, or a time after the child said its stores are open. */
type KillPlan = { afterSpawnMs: number } | { afterReadyMs: number };
/** A child that never gets its stores open is killed after this and reported. */
const READY_TIMEOUT_MS = 20_000;

function runChild(script: string, dataDir: string, round: number, seed: number, plan: KillPlan): Promise<Round> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [script, dataDir, String(round), String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const spawned = Date.now();
    let out = '';
    let stderr = '';
    let readyMs: number | undefined;
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (readyMs === undefined && out.includes('\n') && out.startsWith('ready ')) {
        readyMs = Date.now() - spawned;
        if ('afterReadyMs' in plan) {
          clearTimeout(timer);
          timer = setTimeout(() => proc.kill('SIGKILL'), plan.afterReadyMs);
        }
      }
    });
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    let timer = setTimeout(() => proc.kill('SIGKILL'), 'afterSpawnMs' in plan ? plan.afterSpawnMs : READY_TIMEOUT_MS);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      // The last line may be cut mid-write by the kill: only whole lines count as acknowledged.
      const lines = out.split('\n').slice(0, -1);
      resolve({ lines, signal, code, stderr, ...(readyMs !== undefined ? { readyMs } : {}) });
    });
  });
}

function loadKey(dataDir: string): DatabaseKey | undefined {
  if (!fs.existsSync(databaseKeyFile(dataDir))) return undefined;
  const log = createMemoryLogger();
  return loadOrCreateDatabaseKey(databaseKeyFile(dataDir), createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log);
}

/** Checks one file: integrity, and that every acknowledged id is in its table. Returns problems. */
function verifyFile(file: string, key: DatabaseKey, checks: { table: string; column: string; ids: string[] }[]): string[] {
  if (!fs.existsSync(file)) return checks.some((c) => c.ids.length) ? [`${path.basename(file)} is missing but had acknowledged writes`] : [];
  let db: ReturnType<typeof openSealedConnection>;
  try {
    db = openSealedConnection(file, key, { fileMustExist: true });
  } catch (error) {
    return [`${path.basename(file)}: cannot be opened (${error instanceof Error ? error.message : String(error)})`];
  }
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`${path.basename(file)}: integrity_check ${String(integrity).slice(0, 200)}`);
    for (const { table, column, ids } of checks) {
      if (!ids.length) continue;
      const has = db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).pluck();
      for (const id of ids) if (has.get(id) === undefined) problems.push(`${path.basename(file)}: acknowledged ${table} ${id} is lost`);
    }
    return problems;
  } catch (error) {
    return [`${path.basename(file)}: cannot be read (${error instanceof Error ? error.message : String(error)})`];
  } finally {
    db.close();
  }
}

export interface AcknowledgedIds {
  calls: string[];
  messages: string[];
  notices: string[];
}

/** Integrity of both files and every acknowledged id in its table; `lost` counts the missing ids. */
export function verifyStores(dataDir: string, ids: AcknowledgedIds): { lost: number; problems: string[] } {
  const key = loadKey(dataDir);
  if (!key) return ids.calls.length + ids.messages.length + ids.notices.length ? { lost: 0, problems: ['writes were acknowledged but there is no database key'] } : { lost: 0, problems: [] };
  const problems = [
    ...verifyFile(path.join(dataDir, 'vaxel.sqlite'), key, [
      { table: 'call_log', column: 'call_id', ids: ids.calls },
      { table: 'messages', column: 'id', ids: ids.messages },
    ]),
    ...verifyFile(path.join(dataDir, 'directory.sqlite'), key, [{ table: 'unit_notices', column: 'id', ids: ids.notices }]),
  ];
  return { lost: problems.filter((p) => p.includes(' is lost')).length, problems };
}

const walBytes = (file: string) => (fs.existsSync(file + '-wal') ? fs.statSync(file + '-wal').size : 0);

function countRows(file: string, key: DatabaseKey, table: string): number {
  if (!fs.existsSync(file)) return 0;
  const db = openSealedConnection(file, key, { fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0);

export async function runKillLoop(options: KillLoopOptions): Promise<KillLoopFigures> {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-kill-loop-'));
  const dataDir = options.dataDir ?? path.join(work, 'data');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const script = await bundleChild(work);
  const random = seededRandom(options.seed);
  const windowMs = options.windowMs ?? 40;
  const openingShare = options.openingShare ?? 0.2;
  const opens: number[] = [];
  const figures: KillLoopFigures = {
    seed: options.seed,
    rounds: 0,
    acknowledged: { calls: 0, messages: 0, notices: 0 },
    lost: 0,
    integrityFailures: 0,
    killedWhileOpening: 0,
    exitedOnTheirOwn: 0,
    openMs: { median: 0, max: 0 },
    largestWalBytes: 0,
    elapsedMs: 0,
    failures: [],
  };
  const calls = path.join(dataDir, 'vaxel.sqlite');
  const cache = path.join(dataDir, 'directory.sqlite');
  let expectedOpenMs = 300; // then learned from the last 50 rounds
  for (let round = 0; round < options.kills; round++) {
    const plan: KillPlan = random() < openingShare ? { afterSpawnMs: Math.floor(random() * expectedOpenMs) } : { afterReadyMs: Math.floor(random() * windowMs) };
    const r = await runChild(script, dataDir, round, Math.floor(random() * 2 ** 31), plan);
    figures.rounds++;
    const fail = (what: string) => figures.failures.push(`round ${round} (replay: seed ${options.seed}, kill ${JSON.stringify(plan)}): ${what}`);
    if (r.signal !== 'SIGKILL') {
      figures.exitedOnTheirOwn++;
      fail(`the child exited with ${r.code ?? r.signal} before the kill: ${r.stderr.slice(0, 500)}`);
    }
    if (r.readyMs === undefined) {
      figures.killedWhileOpening++;
      if ('afterReadyMs' in plan && r.signal === 'SIGKILL') fail(`the stores were not open after ${READY_TIMEOUT_MS} ms: ${r.stderr.slice(0, 500)}`);
    } else {
      opens.push(r.readyMs);
      expectedOpenMs = median(opens.slice(-50));
    }
    const ids: AcknowledgedIds = { calls: [], messages: [], notices: [] };
    const table = { c: ids.calls, m: ids.messages, n: ids.notices } as const;
    for (const line of r.lines) {
      const [kind, id] = line.split(' ');
      if ((kind === 'c' || kind === 'm' || kind === 'n') && id) table[kind].push(id);
    }
    figures.acknowledged.calls += ids.calls.length;
    figures.acknowledged.messages += ids.messages.length;
    figures.acknowledged.notices += ids.notices.length;
    figures.largestWalBytes = Math.max(figures.largestWalBytes, walBytes(calls), walBytes(cache));
    const { lost, problems } = verifyStores(dataDir, ids);
    figures.lost += lost;
    if (problems.length > lost) figures.integrityFailures++;
    for (const p of problems.slice(0, 5)) fail(p);
    options.onRound?.(round, figures);
    if (figures.failures.length > 20) break; // enough to go on; the seed replays the rest
  }
  // Nothing acknowledged in an earlier round may vanish later either: the totals must still be there.
  const key = loadKey(dataDir);
  if (key) {
    const stored = { calls: countRows(calls, key, 'call_log'), messages: countRows(calls, key, 'messages'), notices: countRows(cache, key, 'unit_notices') };
    for (const k of ['calls', 'messages', 'notices'] as const) {
      if (stored[k] < figures.acknowledged[k]) {
        figures.lost += figures.acknowledged[k] - stored[k];
        figures.failures.push(`at the end: ${stored[k]} ${k} stored, ${figures.acknowledged[k]} acknowledged (seed ${options.seed})`);
      }
    }
  }
  figures.openMs = { median: median(opens), max: Math.max(0, ...opens) };
  figures.elapsedMs = Date.now() - started;
  // The link first, on its own: the folder's removal must never reach the repository's node_modules.
  fs.unlinkSync(path.join(work, 'node_modules'));
  if (!options.dataDir) fs.rmSync(work, { recursive: true, force: true });
  else fs.rmSync(script, { force: true });
  return figures;
}
