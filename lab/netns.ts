// Loopback-only network namespaces. Every SIP/WebRTC process of the lab must run inside one:
// WebRTC gathers candidates on every interface, and traffic to any non-loopback address is
// forbidden on the lab machines. `ip netns` names live in /run/netns.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** Interfaces in the current network namespace that could carry traffic off the machine. */
export function nonLoopbackInterfaces(): string[] {
  const found = new Set<string>();
  for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
    if (addrs?.some((a) => !a.internal)) found.add(name);
  }
  // an interface that is up without an address does not show in os.networkInterfaces()
  const ip = spawnSync('ip', ['-o', 'link', 'show', 'up'], { encoding: 'utf8' });
  if (ip.status === 0) {
    for (const line of ip.stdout.split('\n')) {
      const name = /^\d+:\s+([^:@\s]+)/.exec(line)?.[1];
      if (name && name !== 'lo') found.add(name);
    }
  }
  return [...found].sort();
}

export function isLoopbackOnlyNamespace(): boolean {
  return nonLoopbackInterfaces().length === 0;
}

export function assertLoopbackOnly(what = 'The switchboard lab'): void {
  const others = nonLoopbackInterfaces();
  if (others.length) {
    throw new Error(
      `${what} must run inside a loopback-only network namespace, but these interfaces are up: ` +
        `${others.join(', ')}. As root: \`npm run lab\` (creates the namespace), or ` +
        '`ip netns add vaxel-lab-dev; ip netns exec vaxel-lab-dev ip link set lo up; ' +
        'ip netns exec vaxel-lab-dev <command>`.',
    );
  }
}

export const isRoot = () => process.getuid?.() === 0;

export function netnsExists(name: string): boolean {
  return fs.existsSync(`/run/netns/${name}`);
}

/** Creates the named namespace with only `lo`, up. Idempotent. Needs root. */
export function ensureNetns(name: string): void {
  if (!isRoot()) throw new Error(`creating network namespace ${name} needs root (ip netns add)`);
  if (!netnsExists(name)) {
    const add = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
    if (add.status !== 0) throw new Error(`ip netns add ${name}: ${add.stderr}`);
  }
  const up = spawnSync('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (up.status !== 0) throw new Error(`bringing up lo in ${name}: ${up.stderr}`);
}

export function deleteNetns(name: string): void {
  if (netnsExists(name)) spawnSync('ip', ['netns', 'delete', name]);
}

/** Runs argv inside the namespace with inherited stdio; resolves with its exit code. */
export function execInNetns(name: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn('ip', ['netns', 'exec', name, ...argv], { stdio: 'inherit', env });
  // pass Ctrl-C / SIGTERM on, so the inner process stops its lab by PID
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) =>
    child.on('exit', (code, sig) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (sig ? 128 + (os.constants.signals[sig] ?? 0) : 1));
    }),
  );
}
