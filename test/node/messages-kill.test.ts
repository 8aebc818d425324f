// kill -9 during a send loses nothing and duplicates nothing: a child process takes five messages
// and mails them; the SMTP listener (which, like a de-duplicating mail store, keeps one mail per
// Message-ID) has the third one's DATA in hand when the child is SIGKILLed, before the 250 reply.
// A restarted outbox finds that delivery mid-attempt, sends it again under the same Message-ID,
// and finishes the rest: every message is stored exactly once and every delivery is 'sent'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLogger } from '../../main/services/log/logger';
import { mailMessageId, openMessages } from '../../main/services/messages';
import { draft, EMPLOYEE, startSmtpListener } from './messages-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('SIGKILL between the server taking the DATA and the 250: after restart each message is stored once, none lost', async () => {
  const smtp = await startSmtpListener();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-msg-kill-')), 'vaxel.sqlite');
  const drafts = Array.from({ length: 5 }, () => draft());
  const child = `
    import { openMessages } from ${JSON.stringify(path.resolve('main/services/messages/index.ts'))};
    import { createMemoryLogger } from ${JSON.stringify(path.resolve('main/services/log/logger.ts'))};
    const s = openMessages({ key: null, file: ${JSON.stringify(file)}, log: createMemoryLogger(), operator: () => 'op1',
      resolveEmployee: () => (${JSON.stringify(EMPLOYEE)}), pollMs: 100 });
    s.saveSettings({ policy: { channels: ['email'], voiceFallback: null }, perEmployee: {}, retentionDays: 30,
      smtp: { host: '127.0.0.1', port: ${smtp.port}, secure: false, requireTls: false, from: 'vaxeln@essunga.se' } });
    s.start();
    for (const d of ${JSON.stringify(drafts)}) { await s.send(d); process.stdout.write('saved ' + d.id + '\\n'); }
    setInterval(() => {}, 1000);
  `;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_c, signal) => resolve(signal)));
  const killedOn = new Promise<string>((resolve) => {
    smtp.beforeReply = async (mail) => {
      if (smtp.received.length === 3) {
        proc.kill('SIGKILL'); // the child never hears the 250 for this one
        await exited;
        resolve(mail.messageId);
      }
    };
  });
  const killed = await Promise.race([killedOn, exited.then(() => Promise.reject(new Error(`child exited early: ${err}`)))]);
  assert.equal(await exited, 'SIGKILL');
  smtp.beforeReply = undefined;
  assert.equal(smtp.stored.size, 3, 'three mails reached the server before the kill');
  assert.equal(out.split('\n').filter((l) => l.startsWith('saved ')).length, 5, 'all five were saved before the kill');

  const log = createMemoryLogger();
  const service = openMessages({ key: null, file, log, operator: () => 'op1', resolveEmployee: () => EMPLOYEE, pollMs: 100 });
  try {
    service.start();
    const end = Date.now() + 60_000;
    while (!drafts.every((d) => service.outbox.view(d.id)?.deliveries[0]?.status === 'sent')) {
      if (Date.now() > end) throw new Error('not all sent after restart');
      await sleep(100);
    }
    assert.equal(smtp.stored.size, 5, 'every message stored');
    for (const d of drafts) assert.ok(smtp.stored.has(mailMessageId(d.id)), 'stored under its own Message-ID');
    const offered = smtp.received.filter((id) => id === killed).length;
    assert.equal(offered, 2, 'the interrupted one was offered again under the same Message-ID, and stored once');
    assert.equal(smtp.received.length, 6, 'nothing else was sent twice');
    const interrupted = drafts.find((d) => mailMessageId(d.id) === killed)!;
    assert.equal(service.outbox.view(interrupted.id)!.deliveries[0]!.attempts, 2);
    assert.ok(log.lines.some((l) => l.includes('messages.recovered')));
  } finally {
    service.close();
    await smtp.close();
  }
});
