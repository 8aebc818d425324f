import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCallLog } from '../../main/services/callLog';
import { createMemoryLogger } from '../../main/services/log/logger';
import { runMigrations, userVersion } from '../../main/services/storage/migrate';
import { migrations } from '../../main/services/storage/migrations';

test('0004 adds a referral reason to the call log, keeping rows written under 0003, and accepts only the two reasons', () => {
  const db = new Database(':memory:');
  runMigrations(db, migrations.slice(0, 3), createMemoryLogger());
  db.prepare("INSERT INTO call_log (call_id, offered_at, operator) VALUES ('old', 1000, 'op1')").run();
  runMigrations(db, migrations, createMemoryLogger());
  assert.equal(userVersion(db), migrations.length);
  assert.deepEqual(db.prepare("SELECT referral FROM call_log WHERE call_id = 'old'").get(), { referral: null });
  const insert = db.prepare("INSERT INTO call_log (call_id, offered_at, operator, referral) VALUES (?, 1000, 'op1', ?)");
  insert.run('a', 'external-info');
  insert.run('b', 'staff-lookup');
  assert.throws(() => insert.run('c', '118 118'), /CHECK/, 'a number can never go into the reason');
});

test('a referral event is stored as the call reason whatever the order, and the first reason wins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-referral-'));
  const log = createMemoryLogger();
  const { callLog } = openCallLog({ file: path.join(dir, 'vaxel.sqlite'), log, operator: () => 'vaxel1' });
  try {
    callLog.record({ callId: 'r-1', kind: 'referral', at: 2_000, referral: 'external-info' });
    callLog.record({ callId: 'r-1', kind: 'offered', at: 1_000, dialledNumber: '0512-570 00' });
    assert.equal(callLog.record({ callId: 'r-1', kind: 'referral', at: 3_000, referral: 'staff-lookup' }).changed, false);
    callLog.record({ callId: 'r-2', kind: 'offered', at: 1_000 });
    callLog.record({ callId: 'r-2', kind: 'referral', at: 2_000, referral: 'staff-lookup' });
    const rows = callLog.listRecent({ limit: 10 });
    const byId = new Map(rows.map((r) => [r.callId, r]));
    assert.equal(byId.get('r-1')?.referral, 'external-info');
    assert.equal(byId.get('r-1')?.offeredAt, 1_000, 'the real offer replaces the estimate');
    assert.equal(byId.get('r-2')?.referral, 'staff-lookup');
    assert.ok(!log.lines.join('\n').includes('0512'), 'no number in the log');
  } finally {
    callLog.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
