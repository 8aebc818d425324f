// A throwaway OpenLDAP slapd for tests: a temp dir with a slapd.conf (mdb backend, suffix
// dc=vaxel,dc=lab, a read-only bind user), seeded offline with slapadd, listening on
// ldap://127.0.0.1:<free port>. stop() ends it by its PID and removes the directory.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_DN, baseLdif, personLdif, type LdifPerson } from './ldif';

export interface Slapd {
  url: string;
  port: number;
  pid: number;
  baseDN: string;
  /** Read-only account, as the console would have. */
  reader: { dn: string; password: string };
  /** The rootdn, for tests that change the directory. */
  admin: { dn: string; password: string };
  dir: string;
  stop(): Promise<void>;
}

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const SCHEMA_DIR = '/etc/ldap/schema';
const here = path.dirname(fileURLToPath(import.meta.url));

export function slapdAvailable(): string | undefined {
  if (!fs.existsSync(SLAPD) || !fs.existsSync(SLAPADD)) return `${SLAPD} is not installed (Debian: apt-get install slapd)`;
  return undefined;
}

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

async function waitForPort(port: number, child: ReturnType<typeof spawn>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`slapd did not listen on port ${port} within ${timeoutMs} ms`);
}

export async function startSlapd(options: { people?: readonly LdifPerson[]; port?: number } = {}): Promise<Slapd> {
  const missing = slapdAvailable();
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-slapd-'));
  const dbDir = path.join(dir, 'db');
  fs.mkdirSync(dbDir);
  const admin = { dn: `cn=admin,${BASE_DN}`, password: crypto.randomBytes(12).toString('base64url') };
  const reader = { dn: `cn=reader,${BASE_DN}`, password: crypto.randomBytes(12).toString('base64url') };
  const conf = path.join(dir, 'slapd.conf');
  fs.writeFileSync(
    conf,
    [
      ...['core', 'cosine', 'inetorgperson'].map((s) => `include ${SCHEMA_DIR}/${s}.schema`),
      `include ${path.join(here, 'vaxel-ad.schema')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      `pidfile ${path.join(dir, 'slapd.pid')}`,
      'loglevel none',
      'sizelimit unlimited',
      'database mdb',
      'maxsize 1073741824',
      `suffix "${BASE_DN}"`,
      `rootdn "${admin.dn}"`,
      `rootpw ${admin.password}`,
      `directory ${dbDir}`,
      'index objectClass eq',
      'index uid eq',
      `access to attrs=userPassword by anonymous auth by * none`,
      `access to * by dn.exact="${reader.dn}" read by * none`,
      '',
    ].join('\n'),
  );
  const ldif = [baseLdif(reader.dn, reader.password), ...(options.people ?? []).map(personLdif)].join('\n\n') + '\n';
  const seed = path.join(dir, 'seed.ldif');
  fs.writeFileSync(seed, ldif);
  const added = spawnSync(SLAPADD, ['-q', '-f', conf, '-l', seed], { encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`slapadd failed: ${added.stderr.slice(0, 500)}`);

  const port = options.port ?? (await freePort());
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0 keeps slapd in the foreground, so the child's PID is slapd's and stop() can end it.
  const child = spawn(SLAPD, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)).length > 4000 && (stderr = stderr.slice(-4000)));
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}: ${stderr.slice(-500)}`, { cause: error });
  }
  const pid = child.pid!;
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    pid,
    baseDN: BASE_DN,
    reader,
    admin,
    dir,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        const force = setTimeout(() => process.kill(pid, 'SIGKILL'), 5000);
        child.once('exit', () => (clearTimeout(force), done()));
        process.kill(pid, 'SIGTERM');
      });
      return stopped;
    },
  };
}
