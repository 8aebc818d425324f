// The message pad's outbox against a real SQLite file: saved before any attempt, one delivery per
// channel, leases, backoff, recovery after a crash per channel, fallback, callbacks, retention,
// and logs that never hold message text, numbers or names (P-SECRECY).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLogger } from '../../main/services/log/logger';
import { openDatabase } from '../../main/services/storage';
import { createMessagesService, Outbox } from '../../main/services/messages';
import { renderMessageText, renderSpeech, speakableNumber } from '../../common/messages/model';
import { draft, EMPLOYEE } from './messages-support';

const tmpDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-msg-')), 'vaxel.sqlite');

function setup(now = { t: Date.UTC(2026, 10, 29, 13, 0) }) {
  const log = createMemoryLogger();
  const { db } = openDatabase({ key: null, file: tmpDb(), log });
  const outbox = new Outbox({ db, log, now: () => now.t, baseDelayMs: 1000, maxDelayMs: 8000 });
  return { db, log, outbox, now };
}

const msg = (over = {}) => ({ ...draft(over), operator: 'op1' });

test('a message is stored with one queued delivery per channel of the policy, and sending it again changes nothing', () => {
  const { outbox, db } = setup();
  const m = msg();
  const first = outbox.enqueue(m, EMPLOYEE);
  assert.equal(first.created, true);
  assert.deepEqual(
    first.view.deliveries.map((d) => `${d.channel}:${d.status}`),
    ['voice:queued', 'email:queued'],
  );
  const again = outbox.enqueue(m, EMPLOYEE);
  assert.equal(again.created, false);
  assert.equal(db.prepare('SELECT count(*) FROM message_deliveries').pluck().get(), 2);
  assert.equal(again.view.text, m.text);
  // per-employee policy: SIP MESSAGE only for 2002
  outbox.saveSettings({ ...outbox.settings(), perEmployee: { '2002': { channels: ['sip'], voiceFallback: null } } });
  const other = outbox.enqueue(msg({ employee: '2002' }), { ...EMPLOYEE, extension: '2002', sipUri: 'sip:2002@127.0.0.1' });
  assert.deepEqual(
    other.view.deliveries.map((d) => d.channel),
    ['sip'],
  );
  // no address for any channel: failed, visibly, with the reason
  const none = outbox.enqueue(msg({ employee: '9999' }), { name: 'X', extension: null, numbers: [], email: null, sipUri: null, voicemailUri: null });
  assert.deepEqual(
    none.view.deliveries.map((d) => `${d.channel}:${d.status}:${d.reason}`),
    ['voice:failed:no-address'],
  );
});

test('an attempt is recorded before it starts; only the current lease may report; retries back off up to 8 s', () => {
  const { outbox, db, now } = setup();
  const m = msg();
  outbox.enqueue(m, EMPLOYEE);
  const c = outbox.claim(['email'], 60_000)!;
  assert.equal(c.delivery.status, 'sending');
  assert.equal(c.delivery.attempts, 1);
  assert.equal(db.prepare('SELECT count(*) FROM message_attempts WHERE ended_at IS NULL').pluck().get(), 1, 'the attempt is on disk before the send');
  assert.equal(outbox.claim(['email'], 60_000), null, 'a leased delivery is not handed out twice');
  assert.equal(outbox.finish(c.delivery.id, 'not-the-lease', 'sent', 'x'), false);
  const delays: number[] = [];
  let lease = c;
  for (let i = 0; i < 6; i++) {
    assert.equal(outbox.finish(lease.delivery.id, lease.delivery.lease_token!, 'retry', 'smtp-econnrefused'), true);
    const row = db.prepare<[number], { next_at: number; status: string }>('SELECT next_at, status FROM message_deliveries WHERE id = ?').get(lease.delivery.id)!;
    assert.equal(row.status, 'queued');
    delays.push(row.next_at - now.t);
    assert.equal(outbox.claim(['email'], 60_000), null, 'not due before its backoff');
    now.t = row.next_at;
    lease = outbox.claim(['email'], 60_000)!;
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 8000, 8000]);
  assert.equal(outbox.finish(lease.delivery.id, lease.delivery.lease_token!, 'sent', 'smtp-250'), true);
  assert.equal(outbox.finish(lease.delivery.id, lease.delivery.lease_token!, 'sent', 'smtp-250'), false, 'a duplicate report is ignored');
  const view = outbox.view(m.id)!;
  assert.deepEqual(
    view.deliveries.find((d) => d.channel === 'email'),
    { channel: 'email', status: 'sent', attempts: 7, reason: null, updatedAt: now.t },
  );
});

test('after a crash: e-mail and SIP MESSAGE are tried again under the same key; a voice deposit the voicemail answered is not, its fallback goes instead', () => {
  const { outbox, now } = setup();
  outbox.saveSettings({ ...outbox.settings(), policy: { channels: ['voice', 'email'], voiceFallback: 'sip' } });
  const a = msg();
  const b = msg();
  outbox.enqueue(a, EMPLOYEE);
  outbox.enqueue(b, EMPLOYEE);
  const e1 = outbox.claim(['email'], 60_000)!;
  const v1 = outbox.claim(['voice'], 90_000)!;
  const v2 = outbox.claim(['voice'], 90_000)!;
  assert.ok(outbox.progress(v1.delivery.id, v1.delivery.lease_token!, 'answered'));
  // main restarts: every e-mail lease is from the dead process; voice leases wait for expiry
  assert.equal(outbox.recover(['email'], true), 1);
  assert.equal(outbox.recover(['sip', 'voice']), 0, 'unexpired renderer leases are left alone');
  now.t += 90_001;
  assert.equal(outbox.recover(['sip', 'voice']), 2);
  const va = outbox.view(v1.message.id)!;
  assert.deepEqual(
    va.deliveries.map((d) => `${d.channel}:${d.status}:${d.reason}`).sort(),
    [e1.message.id === v1.message.id ? 'email:queued:lease-expired' : 'email:queued:null', 'sip:queued:null', 'voice:failed:interrupted-after-answer'].sort(),
  );
  const vb = outbox.view(v2.message.id)!;
  assert.equal(vb.deliveries.find((d) => d.channel === 'voice')?.status, 'queued', 'not answered yet: safe to call again');
  assert.equal(outbox.finish(v1.delivery.id, v1.delivery.lease_token!, 'delivered', 'late'), false, 'the dead lease cannot report');
});

test('callbacks: an open message is found when the caller rings again (any number format) or the employee calls; closing it ends that', () => {
  const { outbox } = setup();
  const m = msg({ callerNumber: '+46 70 123 45 67' });
  outbox.enqueue(m, EMPLOYEE);
  outbox.enqueue(msg({ callbackWanted: false, callerNumber: '0709999999' }), EMPLOYEE);
  assert.deepEqual(
    outbox.findOpen(['0701234567']).map((v) => v.id),
    [m.id],
  );
  assert.deepEqual(
    outbox.findOpen(['2001']).map((v) => v.id),
    [m.id],
    'the employee rings the switchboard',
  );
  assert.deepEqual(
    outbox.findOpen(['0512570001']).map((v) => v.id),
    [m.id],
    'from their direct number',
  );
  assert.deepEqual(outbox.findOpen(['0709999999']), [], 'no callback wanted: nothing open');
  assert.deepEqual(
    outbox.list(10, true).map((v) => v.id),
    [m.id],
  );
  assert.equal(outbox.closeCallback(m.id), true);
  assert.deepEqual(outbox.findOpen(['0701234567']), []);
});

test('retention: messages are deleted with their deliveries when they expire; a shorter setting applies to stored ones', () => {
  const { outbox, db, now } = setup();
  outbox.saveSettings({ ...outbox.settings(), retentionDays: 30 });
  const m = msg();
  outbox.enqueue(m, EMPLOYEE);
  now.t += 29 * 86_400_000;
  assert.equal(outbox.purgeExpired(), 0);
  now.t += 86_400_000;
  assert.equal(outbox.purgeExpired(), 1);
  assert.equal(outbox.view(m.id), null);
  assert.equal(db.prepare('SELECT count(*) FROM message_deliveries').pluck().get(), 0);
  const n = msg();
  outbox.enqueue(n, EMPLOYEE);
  now.t += 2 * 86_400_000;
  outbox.applyRetention(1);
  assert.equal(outbox.purgeExpired(), 1);
});

test('the service: voice jobs carry Swedish speech; the logs never hold the text, numbers, names or addresses', async () => {
  const log = createMemoryLogger();
  const { db } = openDatabase({ key: null, file: tmpDb(), log });
  const spoken: string[] = [];
  const service = createMessagesService({
    db,
    log,
    operator: () => 'op1',
    resolveEmployee: () => EMPLOYEE,
    synthesizer: { name: 'fake', synthesize: async (t) => (spoken.push(t), { sampleRate: 8000, mulaw: new Uint8Array(800) }) },
    mailSender: () => ({ send: async () => ({ outcome: 'retry', code: 'smtp-econnrefused' }), close() {} }),
  });
  const m = draft({ urgent: true });
  const view = await service.send(m);
  assert.equal((await service.send(m)).id, view.id);
  const job = (await service.claimJob(['voice', 'sip']))!;
  assert.equal(job.channel, 'voice');
  assert.equal(job.target, EMPLOYEE.voicemailUri);
  assert.match(spoken[0]!, /Karl Karlsson/);
  assert.match(spoken[0]!, /0 7 0, 1 2 3, 4 5, 6 7/);
  assert.ok(service.reportJob({ deliveryId: job.deliveryId, leaseToken: job.leaseToken, outcome: 'answered', code: 'answered' }));
  assert.ok(service.reportJob({ deliveryId: job.deliveryId, leaseToken: job.leaseToken, outcome: 'delivered', code: 'played' }));
  await service.drainEmail();
  service.close();
  const all = log.lines.join('\n');
  for (const secret of [m.text, 'Storgatan', 'Karl', 'Karlsson', '123 45 67', '1234567', 'Anna', 'essunga.se', 'vm-2001', m.id]) {
    assert.ok(!all.includes(secret), `the log must not contain ${JSON.stringify(secret)}`);
  }
  assert.match(all, /messages\.enqueued/);
  assert.match(all, /messages\.outcome/);
});

test('texts: the written message and the speech carry name, number, time, municipality and the callback', () => {
  const input = {
    callerNumber: '070-123 45 67',
    callerName: 'Karl Karlsson',
    calledAt: Date.UTC(2026, 10, 29, 13, 5),
    switchboardId: 'essunga',
    employeeName: 'Anna Andersson',
    text: 'Om bygglovet',
    callbackWanted: true,
    urgent: true,
  };
  const text = renderMessageText(input);
  assert.match(text, /^BRÅDSKANDE: Meddelande från växeln till Anna Andersson/);
  assert.match(text, /Från: Karl Karlsson, 070-123 45 67/);
  assert.match(text, /Tid: 2026-11-29 14:05 \(ringde Essunga kommun\)/);
  assert.match(text, /Ring tillbaka: ja/);
  assert.equal(speakableNumber('+46 70 123 45 67'), '0 7 0, 1 2 3, 4 5, 6 7');
  assert.match(renderSpeech(input), /^Brådskande\. Meddelande från växeln\. Karl Karlsson sökte dig 14:05, från nummer 0 7 0/);
});

test('the SMTP password is encrypted in the database and read back in clear (P-SECRECY)', async () => {
  const { createKeyFileCipher } = await import('../../main/services/settings/keyFileCipher');
  const log = createMemoryLogger();
  const file = tmpDb();
  const { db } = openDatabase({ key: null, file, log });
  const cipher = createKeyFileCipher(path.join(path.dirname(file), 'secret.key'), log);
  const outbox = new Outbox({ db, log, cipher });
  const smtp = { host: '127.0.0.1', port: 2525, secure: false, requireTls: false, user: 'vaxel', password: 'smtp-Hemligt-42', from: 'vaxeln@essunga.se' };
  outbox.saveSettings({ ...outbox.settings(), smtp });
  const raw = db.prepare("SELECT value FROM message_settings WHERE key = 'settings'").pluck().get() as string;
  assert.doesNotMatch(raw, /smtp-Hemligt-42/);
  assert.equal(outbox.settings().smtp?.password, 'smtp-Hemligt-42');
  // another key cannot read it: the password is dropped with a warning, not returned garbled
  const stranger = new Outbox({ db, log, cipher: createKeyFileCipher(path.join(path.dirname(file), 'other.key'), log) });
  assert.equal(stranger.settings().smtp?.password, undefined);
  assert.ok(log.lines.some((l) => l.includes('messages.smtp-password-undecryptable')));
});
