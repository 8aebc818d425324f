// The ordering manager is mailed on each status change of an order (P-ORDERS), through the e-mail
// channel (nodemailer) to a real SMTP listener on 127.0.0.1, in Swedish; a mail waits while no
// SMTP server is set or the server is down, and goes out once when it is back. No order content
// (names, addresses, numbers, notes) ever reaches the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SmtpConfig } from '../../common/messages/model';
import { freePort, startSmtpListener } from './messages-support';
import { decodeMail, openTestOrders } from './orders-support';

const smtpAt = (port: number): SmtpConfig => ({ host: '127.0.0.1', port, secure: false, requireTls: false, from: 'vaxeln@essunga.se' });
const base = { kind: 'extension-new' as const, managerId: 'chef-1', personId: 'p-1', fromDate: '2026-12-14', number: '2345', notes: 'Rum 12 på plan 2' };

test('each status change mails the ordering manager once, in Swedish, with the order', async () => {
  const smtp = await startSmtpListener();
  const t = openTestOrders({ smtp: () => smtpAt(smtp.port) });
  try {
    const o = await t.service.create(base);
    await t.service.deliverDue();
    t.service.setStatus(o.id, 'bestalld');
    await t.service.deliverDue();
    t.service.setStatus(o.id, 'klar');
    await t.service.deliverDue();
    await t.service.deliverDue(); // nothing left: no second copy
    assert.equal(smtp.received.length, 3);
    const mails = [...smtp.stored.values()].map((m) => ({ to: m.to, text: decodeMail(m.raw) }));
    for (const m of mails) assert.deepEqual(m.to, ['maria.chefsson@essunga.se']);
    assert.match(mails[0]!.text, /Subject: Växeln: Ny anknytning för Per Persson är mottagen/);
    assert.match(mails[0]!.text, /Hej Maria Chefsson!/);
    assert.match(mails[0]!.text, /Växeln har tagit emot er beställning/);
    assert.match(mails[1]!.text, /Er beställning har ändrats från mottagen till beställd/);
    assert.match(mails[2]!.text, /Subject: Växeln: Ny anknytning för Per Persson är klar/);
    assert.match(mails[2]!.text, /Nummer: 2345/);
    assert.match(mails[2]!.text, /Anteckningar: Rum 12 på plan 2/);
    const log = t.log.lines.join('\n');
    for (const secret of ['Per Persson', 'Maria', 'chefsson@', '2345', 'Rum 12']) assert.ok(!log.includes(secret), `no "${secret}" in the log`);
    assert.match(log, /orders\.mail-sent/);
    assert.deepEqual(
      t.service.list({})[0]!.history.map((h) => h.mail),
      ['sent', 'sent', 'sent'],
      'the list shows each mail as sent',
    );
  } finally {
    t.dispose();
    await smtp.close();
  }
});

test('without an SMTP server the mail waits; with the server down it is retried and sent once it is back', async () => {
  let clock = Date.UTC(2026, 11, 4, 9, 0);
  let smtp: SmtpConfig | null = null;
  const port = await freePort();
  const t = openTestOrders({ smtp: () => smtp, now: () => clock });
  try {
    await t.service.create(base);
    assert.equal(await t.service.deliverDue(), 0);
    assert.match(t.log.lines.join('\n'), /orders\.mail-no-smtp/);
    assert.equal(t.service.list({})[0]!.history[0]!.mail, 'queued');
    smtp = smtpAt(port); // configured, but nothing listens yet
    clock += 10 * 60_000;
    assert.equal(await t.service.deliverDue(), 0);
    assert.match(t.log.lines.join('\n'), /orders\.mail-not-sent.*retry/);
    const listener = await startSmtpListener(port);
    try {
      assert.equal(await t.service.deliverDue(), 0, 'not due yet: it waits for its backoff');
      clock += 60_000;
      assert.equal(await t.service.deliverDue(), 1);
      assert.equal(listener.received.length, 1);
      assert.equal(t.service.list({})[0]!.history[0]!.mail, 'sent');
    } finally {
      await listener.close();
    }
  } finally {
    t.dispose();
  }
});

test('a manager without an e-mail address: the order is recorded and no mail is queued (logged by code)', async () => {
  const smtp = await startSmtpListener();
  const t = openTestOrders({ smtp: () => smtpAt(smtp.port) });
  try {
    const o = await t.service.create({ ...base, managerId: 'chef-2' });
    t.service.setStatus(o.id, 'bestalld');
    await t.service.deliverDue();
    assert.equal(smtp.received.length, 0);
    assert.equal((t.log.lines.join('\n').match(/orders\.mail-no-address/g) ?? []).length, 2);
    assert.deepEqual(
      t.service.list({})[0]!.history.map((h) => h.mail),
      ['none', 'none'],
    );
  } finally {
    t.dispose();
    await smtp.close();
  }
});
