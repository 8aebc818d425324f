// Dial-outs in the call log (issue 12 item 4, P-DIALOUT): migration 0006 adds the destination's
// country and calling code, keeps older rows, and refuses anything that could be a number; a
// dial-out event is stored on the caller's row whatever the order, the first one wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CallEvent } from '../../common/ipc/contract';
import { openCallLog } from '../../main/services/callLog';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { migrations } from '../../main/services/storage/migrations';

test('0006 adds the dial-out country and calling code, keeping older rows, and takes no number', () => {
  const db = new Database(':memory:');
  const before = migrations.filter((m) => m.version < 6);
  runMigrations(db, before, createMemoryLogger());
  db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('old', 1000, 'op1')").run();
  runMigrations(db, migrations, createMemoryLogger());
  assert.ok(userVersion(db) >= 6);
  assert.deepEqual(db.prepare("SELECT dial_out_country, dial_out_calling_code FROM call_log WHERE call_id = 'old'").get(), { dial_out_country: null, dial_out_calling_code: null });
  const insert = db.prepare("INSERT INTO call_log (call_id, offered_at, operator, dial_out_country, dial_out_calling_code) VALUES (?, 1000, 'op1', ?, ?)");
  insert.run('gb', 'GB', '44');
  insert.run('sat', null, '870');
  assert.throws(() => insert.run('n1', 'GB', '442079460958'), /CHECK/, 'a number never fits the calling code');
  assert.throws(() => insert.run('n2', '+442079460958', '44'), /CHECK/, 'a number never fits the country');
  assert.throws(() => insert.run('n3', 'gb', '44'), /CHECK/);
  assert.throws(() => insert.run('n4', 'GB', '4a'), /CHECK/);
});

test('the contract takes a dial-out event with a country and calling code only', () => {
  const at = Date.now();
  assert.ok(CallEvent.safeParse({ callId: 'c', kind: 'dial-out', at, country: 'GB', callingCode: '44' }).success);
  assert.ok(CallEvent.safeParse({ callId: 'c', kind: 'dial-out', at, country: null, callingCode: '870' }).success);
  for (const bad of [
    { country: 'GB', callingCode: '442079460958' },
    { country: '+44', callingCode: '44' },
    { country: 'GB', callingCode: '44', number: '+442079460958' },
  ])
    assert.equal(CallEvent.safeParse({ callId: 'c', kind: 'dial-out', at, ...bad }).success, false, JSON.stringify(bad));
});

test('a dial-out event lands on the caller row in any order; the first destination wins; nothing of it in the log', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dialout-'));
  const log = createMemoryLogger();
  const { callLog } = openCallLog({ key: null, file: path.join(dir, 'vaxel.sqlite'), log, operator: () => 'vaxel1' });
  try {
    callLog.record({ callId: 'd-1', kind: 'dial-out', at: 2_000, country: 'GB', callingCode: '44' });
    callLog.record({ callId: 'd-1', kind: 'offered', at: 1_000, dialledNumber: '0512-570 00' });
    assert.equal(callLog.record({ callId: 'd-1', kind: 'dial-out', at: 3_000, country: 'NO', callingCode: '47' }).changed, false);
    callLog.record({ callId: 'd-2', kind: 'offered', at: 1_000 });
    callLog.record({ callId: 'd-2', kind: 'dial-out', at: 2_000, country: null, callingCode: '870' });
    callLog.record({ callId: 'd-3', kind: 'offered', at: 1_000 });
    const byId = new Map(callLog.listRecent({ limit: 10 }).map((r) => [r.callId, r]));
    assert.deepEqual(byId.get('d-1')?.dialOut, { country: 'GB', callingCode: '44' });
    assert.equal(byId.get('d-1')?.offeredAt, 1_000);
    assert.deepEqual(byId.get('d-2')?.dialOut, { country: null, callingCode: '870' });
    assert.equal(byId.get('d-3')?.dialOut, null);
    assert.ok(!log.lines.join('\n').includes('GB'), 'the app log has kinds, not destinations');
  } finally {
    callLog.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
