// E-mail delivery from main through a real SMTP listener (smtp-server on 127.0.0.1): sent once with
// the message's Message-ID; queued while the server is down and sent within 10 s of it coming back,
// exactly once; a permanent refusal is failed with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLogger } from '../../main/services/log/logger';
import { mailMessageId, openMessages, type MessagesService } from '../../main/services/messages';
import { DEFAULT_MESSAGE_SETTINGS } from '../../common/messages/model';
import { draft, EMPLOYEE, freePort, startSmtpListener } from './messages-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, f: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function open(port: number): MessagesService {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-msg-smtp-')), 'vaxel.sqlite');
  const service = openMessages({ key: null, file, log: createMemoryLogger(), operator: () => 'op1', resolveEmployee: () => EMPLOYEE, pollMs: 100 });
  service.saveSettings({
    ...DEFAULT_MESSAGE_SETTINGS,
    policy: { channels: ['email'], voiceFallback: null },
    smtp: { host: '127.0.0.1', port, secure: false, requireTls: false, from: 'vaxeln@essunga.se' },
  });
  service.start();
  return service;
}

const emailOf = (s: MessagesService, id: string) => s.outbox.view(id)?.deliveries.find((d) => d.channel === 'email');

test('a message is mailed once, with its id as Message-ID, the Swedish text and the urgency', async () => {
  const smtp = await startSmtpListener();
  const service = open(smtp.port);
  try {
    const m = draft({ urgent: true });
    await service.send(m);
    await until('sent', () => emailOf(service, m.id)?.status === 'sent');
    assert.equal(smtp.stored.size, 1);
    const mail = smtp.stored.get(mailMessageId(m.id))!;
    assert.ok(mail, 'stored under the message id');
    assert.deepEqual(mail.to, [EMPLOYEE.email]);
    assert.match(mail.raw, /^X-Vaxel-Message-Id: /im);
    assert.match(mail.raw, /^X-Priority: 1/m);
    assert.match(mail.raw, /Fr=C3=A5n: Karl Karlsson, 070-123 45 67/);
    await service.send(m); // the pad retried: nothing new
    await sleep(500);
    assert.equal(smtp.received.length, 1);
  } finally {
    service.close();
    await smtp.close();
  }
});

test('offline: queued with the reason shown while the server is down, sent exactly once within 10 s of it coming back', async () => {
  const port = await freePort();
  const service = open(port);
  let smtp: Awaited<ReturnType<typeof startSmtpListener>> | undefined;
  try {
    const ids = [draft(), draft(), draft()].map((d) => d.id);
    for (const id of ids) await service.send({ ...draft(), id });
    await until('three failed attempts', () => ids.every((id) => (emailOf(service, id)?.attempts ?? 0) >= 3), 60_000);
    for (const id of ids) {
      const d = emailOf(service, id)!;
      assert.equal(d.status, 'queued');
      assert.equal(d.reason, 'smtp-econnrefused');
    }
    smtp = await startSmtpListener(port);
    const back = Date.now();
    await until('all sent', () => ids.every((id) => emailOf(service, id)?.status === 'sent'), 30_000);
    const took = Date.now() - back;
    assert.ok(took < 10_000, `sent ${took} ms after the server came back`);
    assert.equal(smtp.stored.size, 3);
    assert.equal(smtp.received.length, 3, 'each exactly once');
  } finally {
    service.close();
    await smtp?.close();
  }
});

test('a permanent refusal (550) fails the delivery with its reason, no retries', async () => {
  const smtp = await startSmtpListener();
  smtp.rejectRecipients = 550;
  const service = open(smtp.port);
  try {
    const m = draft();
    await service.send(m);
    const d = await until('failed', () => (emailOf(service, m.id)?.status === 'failed' ? emailOf(service, m.id) : null));
    assert.equal(d.reason, 'smtp-550');
    assert.equal(d.attempts, 1);
  } finally {
    service.close();
    await smtp.close();
  }
});
