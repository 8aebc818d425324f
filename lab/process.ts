// Child processes of the lab: started in the foreground with logs in the run dir, PID recorded,
// stopped by that PID only (other helpers run their own labs on the same machine).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface LabProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  logPath: string;
  exited: Promise<number | null>;
  isRunning(): boolean;
}

const alive = new Set<LabProcess>();
// a crashed test or CLI must not leave Kamailio bound to the namespace's ports
process.on('exit', () => {
  for (const p of alive) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export function startProcess(name: string, cmd: string, args: string[], runDir: string, env?: NodeJS.ProcessEnv): LabProcess {
  const logPath = path.join(runDir, `${name}.log`);
  const log = fs.openSync(logPath, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', log, log], cwd: runDir, env: env ?? process.env });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  fs.writeFileSync(path.join(runDir, `${name}.pid`), `${child.pid}\n`);
  let running = true;
  const proc: LabProcess = {
    name,
    pid: child.pid,
    child,
    logPath,
    exited: new Promise((resolve) =>
      child.on('exit', (code) => {
        running = false;
        alive.delete(proc);
        resolve(code);
      }),
    ),
    isRunning: () => running,
  };
  alive.add(proc);
  return proc;
}

/** SIGTERM, wait up to graceMs, then SIGKILL; resolves when the process has exited. */
export async function stopProcess(p: LabProcess, graceMs = 5000): Promise<void> {
  if (!p.isRunning()) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

export function logTail(p: LabProcess, lines = 25): string {
  try {
    return fs.readFileSync(p.logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
