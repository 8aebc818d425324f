// A throwaway PostgreSQL (Debian's packaged server) for tests and the lab: initdb into a temp dir,
// postgres listening on 127.0.0.1:<free port> and a socket in that dir, password (SCRAM) logins
// only. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user
// (setpriv, which execs, so the child's PID is the server's). stop() ends it by its PID (fast shutdown); start() again reuses the same data dir, so
// tests can take the server away mid-work and bring it back. remove() deletes the directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Postgres {
  host: '127.0.0.1';
  port: number;
  /** The superuser, for migrations and role administration in tests. */
  admin: { user: string; password: string };
  database: string;
  dir: string;
  pid(): number | undefined;
  /** Starts (again) on the same port and data dir. */
  start(): Promise<void>;
  /** Stops the server (fast shutdown: open sessions are cut). */
  stop(): Promise<void>;
  /** Stops and deletes the data dir. */
  remove(): Promise<void>;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, 'bin') : undefined;
}

/** Why no server can be started here, or undefined. */
export function postgresAvailable(): string | undefined {
  return binDir() ? undefined : 'PostgreSQL is not installed (Debian: apt-get install postgresql)';
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
/** As root, the command runs as the postgres user (the server refuses root); setpriv execs it. */
const asServerUser = (cmd: string, args: string[]): [string, string[]] => (isRoot() ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]] : [cmd, args]);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(port: number, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}: ${output().slice(-800)}`);
    // Ready when the log says so: the port accepts TCP a moment before it accepts logins.
    if (/ready to accept connections/.test(output())) {
      const ok = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      if (ok) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`postgres did not get ready on port ${port} within ${timeoutMs} ms: ${output().slice(-800)}`);
}

/** settings: extra postgresql.conf settings (name → value), e.g. ssl and its files for a TLS test. */
export async function startPostgres(options: { port?: number; dir?: string; settings?: Record<string, string> } = {}): Promise<Postgres> {
  const bin = binDir();
  if (!bin) throw new Error(postgresAvailable());
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-pg-'));
  const dataDir = path.join(dir, 'data');
  const admin = { user: 'vaxel_admin', password: crypto.randomBytes(15).toString('base64url') };
  const pwFile = path.join(dir, 'admin.pw');
  fs.writeFileSync(pwFile, admin.password + '\n', { mode: 0o600 });
  if (isRoot()) {
    fs.chmodSync(dir, 0o755); // the postgres user must reach its data and socket dir
    spawnSync('chown', ['postgres:postgres', dir, pwFile]);
  }
  const [initCmd, initArgs] = asServerUser(path.join(bin, 'initdb'), ['-D', dataDir, '-U', admin.user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  fs.rmSync(pwFile, { force: true });
  if (init.status !== 0) throw new Error(`initdb failed: ${(init.stderr || init.stdout).slice(-800)}`);

  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let log = '';

  const start = async (): Promise<void> => {
    if (child && child.exitCode === null) return;
    log = '';
    const [cmd, args] = asServerUser(path.join(bin, 'postgres'), [
      '-D',
      dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `port=${port}`,
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off', // a throwaway test server: durability across a machine crash does not matter
      '-c',
      'max_connections=60',
      ...Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ]);
    // setpriv execs postgres, so the child's PID is the postmaster's.
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => {
      log += String(d);
      if (log.length > 20_000) log = log.slice(-10_000);
    };
    c.stdout!.on('data', keep);
    c.stderr!.on('data', keep);
    child = c;
    try {
      await waitReady(port, c, () => log, 20_000);
    } catch (error) {
      c.kill('SIGKILL');
      throw error;
    }
  };

  const stop = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGINT'); // fast shutdown: cut sessions, checkpoint, exit
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    admin,
    database: 'postgres',
    dir,
    pid: () => (child && child.exitCode === null ? child.pid : undefined),
    start,
    stop,
    async remove() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
