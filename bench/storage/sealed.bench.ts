// What sealing at rest (P-SECRECY) costs the call log: opening the database (with its migrations
// and quick_check), recording calls (one transaction each, as the console does) and reading the
// recent list, sealed (SQLCipher 4 through SQLite3 Multiple Ciphers) against the same code on a
// plaintext file in the same run. Prints figures and ratios; nothing passes or fails on timing.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCallLog } from '../../main/services/callLog';
import { createMemoryLogger } from '../../main/services/log/logger';
import type { DatabaseKey } from '../../main/services/storage';

const CALLS = 3000;
const T0 = Date.UTC(2026, 10, 30, 7, 0);
const log = createMemoryLogger();

function run(label: string, key: DatabaseKey | null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-bench-sealed-'));
  const file = path.join(dir, 'vaxel.sqlite');
  let t = performance.now();
  const first = openCallLog({ file, log, operator: () => 'op1', key });
  const createMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < CALLS; i++) {
    first.callLog.record({ callId: `b${i}`, kind: 'offered', at: T0 + i * 1000, dialledNumber: '0512-570 00' });
    first.callLog.record({ callId: `b${i}`, kind: 'ended', at: T0 + i * 1000 + 500, outcome: 'answered' });
  }
  const recordMs = (performance.now() - t) / (CALLS * 2);
  first.callLog.close();
  t = performance.now();
  const again = openCallLog({ file, log, operator: () => 'op1', key });
  const reopenMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 100; i++) again.callLog.listRecent({ limit: 500 });
  const listMs = (performance.now() - t) / 100;
  again.callLog.close();
  const bytes = fs.statSync(file).size;
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `${label.padEnd(10)} create ${createMs.toFixed(1)} ms, record ${(recordMs * 1000).toFixed(0)} µs/event, reopen (${CALLS} calls) ${reopenMs.toFixed(1)} ms, ` +
      `list 500 ${listMs.toFixed(2)} ms, file ${(bytes / 1024).toFixed(0)} KiB`,
  );
  return { createMs, recordMs, reopenMs, listMs };
}

run('warm-up', null);
const plain = run('plaintext', null);
const sealed = run('sealed', { hex: randomBytes(32).toString('hex') });
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log(`ratio sealed / plaintext: record ${ratio(sealed.recordMs, plain.recordMs)}, reopen ${ratio(sealed.reopenMs, plain.reopenMs)}, list ${ratio(sealed.listMs, plain.listMs)}`);
