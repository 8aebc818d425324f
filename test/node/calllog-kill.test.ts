// kill -9 survival: every event the service acknowledged is on disk, even when the process dies
// without closing the database (no checkpoint, no shutdown hook).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCallLog } from '../../main/services/callLog';
import { createMemoryLogger } from '../../main/services/log/logger';

test('a child records calls, is SIGKILLed mid-stream, and the parent finds every acknowledged call', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-calllog-kill-')), 'vaxel.sqlite');
  const T0 = Date.UTC(2025, 2, 3, 8, 0, 0);
  // The child acknowledges each call on stdout only after record() returned for its last event,
  // then keeps going until it is killed.
  const child = `
    import { openCallLog } from ${JSON.stringify(path.resolve('main/services/callLog/index.ts'))};
    import { createMemoryLogger } from ${JSON.stringify(path.resolve('main/services/log/logger.ts'))};
    const { callLog } = openCallLog({ key: null, file: ${JSON.stringify(file)}, log: createMemoryLogger(), operator: () => 'vaxel1' });
    for (let i = 0; ; i++) {
      const id = 'k' + i, t = ${T0} + i * 1000;
      callLog.record({ callId: id, kind: 'offered', at: t, dialledNumber: '0512-57000' });
      callLog.record({ callId: id, kind: 'answered', at: t + 300 });
      callLog.record({ callId: id, kind: 'ended', at: t + 900, outcome: 'answered' });
      process.stdout.write(id + '\\n');
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
  `;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.split('\n').length > 300) resolve();
    });
    proc.on('exit', () => reject(new Error(`child exited early: ${err}`)));
  });
  proc.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  const acknowledged = out.split('\n').slice(0, -1); // the last line may be cut mid-write
  assert.ok(acknowledged.length >= 300);

  const { callLog, recovered } = openCallLog({ key: null, file, log: createMemoryLogger(), operator: () => 'parent' });
  assert.equal(recovered, undefined, 'the database is healthy after the kill');
  const rows = new Map(callLog.listRecent({ limit: 500 }).map((r) => [r.callId, r]));
  const stored = callLog.stats({ from: T0, to: T0 + 86_400_000 }).offered;
  for (const id of acknowledged) {
    const row = rows.get(id) ?? callLog.listRecent({ limit: 1, before: T0 + Number(id.slice(1)) * 1000 + 1 })[0];
    assert.equal(row?.callId, id, `acknowledged call ${id} is stored`);
    assert.equal(row.outcome, 'answered');
    assert.equal(row.answeredAt, row.offeredAt + 300);
    assert.equal(row.operator, 'vaxel1');
  }
  assert.ok(stored >= acknowledged.length, `${stored} stored, ${acknowledged.length} acknowledged`);
  callLog.close();
});
