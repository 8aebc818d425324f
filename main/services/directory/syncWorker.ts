// Entry point of the directory sync worker thread (node:worker_threads): runs the job main put in
// workerData and exits. Built as its own bundle beside each host's (scripts/build.mjs); under tsx
// (tests, benches) it runs from source. See workerClient.ts for how main starts it.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runDirectoryJob } from './syncJob';
import type { DirectoryJob } from './syncProtocol';

// On Linux a thread is a task with its own nice value: the sync yields the CPU to main's thread
// (the operator's keys) when both want it. Best effort; elsewhere the thread keeps the process's priority.
if (process.platform === 'linux') {
  try {
    os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // not allowed or no /proc: run at normal priority
  }
}

const port = parentPort;
if (!port) throw new Error('syncWorker.ts runs as a worker thread only');
await runDirectoryJob((workerData as { job: DirectoryJob }).job, (message, transfer) => port.postMessage(message, transfer ?? []));
