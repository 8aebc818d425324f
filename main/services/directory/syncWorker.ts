// Entry point of the directory sync worker thread (node:worker_threads): runs the job main put in
// workerData and exits. Built as its own bundle beside each host's (scripts/build.mjs); under tsx
// (tests, benches) it runs from source. See workerClient.ts for how main starts it.
import { parentPort, workerData } from 'node:worker_threads';
import { runDirectoryJob } from './syncJob';
import type { DirectoryJob } from './syncProtocol';

const port = parentPort;
if (!port) throw new Error('syncWorker.ts runs as a worker thread only');
await runDirectoryJob((workerData as { job: DirectoryJob }).job, (message, transfer) => port.postMessage(message, transfer ?? []));
