// Entry point of the directory sync worker thread (node:worker_threads): runs the job main put in
// workerData and exits. Built as its own bundle beside each host's (scripts/build.mjs); under tsx
// (tests, benches) it runs from source. See workerClient.ts for how main starts it.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runDirectoryJob } from './syncJob';
import type { DirectoryJob } from './syncProtocol';

const job = (workerData as { job: DirectoryJob }).job;

// On Linux a thread is a task with its own nice value: a background sync yields the CPU to main's
// thread (the operator's keys) when both want it. A build of the first index is what the operator
// waits for, so it keeps normal priority. Best effort; elsewhere the process's priority applies.
if (job.kind === 'sync' && process.platform === 'linux') {
  try {
    os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // not allowed or no /proc: run at normal priority
  }
}

const port = parentPort;
if (!port) throw new Error('syncWorker.ts runs as a worker thread only');
await runDirectoryJob(job, (message, transfer) => port.postMessage(message, transfer ?? []));
