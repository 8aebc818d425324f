// A real SMTP listener for the message pad's tests (smtp-server on 127.0.0.1). Like a mail store
// that de-duplicates, it keeps one mail per Message-ID and counts every DATA it was offered.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface StoredMail {
  messageId: string;
  to: string[];
  raw: string;
}

export interface SmtpListener {
  port: number;
  /** One entry per distinct Message-ID. */
  stored: Map<string, StoredMail>;
  /** Every DATA received, duplicates included. */
  received: string[];
  /** Called after a mail's DATA arrived and was stored, before the 250 reply. */
  beforeReply?: (mail: StoredMail) => Promise<void> | void;
  /** Reply to RCPT TO with this permanent error (e.g. 550). */
  rejectRecipients?: number;
  close(): Promise<void>;
}

export async function startSmtpListener(port = 0): Promise<SmtpListener> {
  const listener: SmtpListener = {
    port: 0,
    stored: new Map(),
    received: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (listener.rejectRecipients) {
        const err = Object.assign(new Error('No such user'), { responseCode: listener.rejectRecipients });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
        listener.received.push(messageId);
        const mail = { messageId, to: session.envelope.rcptTo.map((r) => r.address), raw };
        if (!listener.stored.has(messageId)) listener.stored.set(messageId, mail);
        Promise.resolve(listener.beforeReply?.(mail)).then(
          () => callback(),
          () => callback(),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  listener.port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return listener;
}

/** A free loopback port (bind, read, close). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export const EMPLOYEE = {
  name: 'Anna Andersson',
  extension: '2001',
  numbers: ['2001', '+46512570001'],
  email: 'anna.andersson@essunga.se',
  sipUri: 'sip:2001@127.0.0.1',
  voicemailUri: 'sip:vm-2001@127.0.0.1',
};

let n = 0;
export function draft(over: Partial<Record<string, unknown>> = {}) {
  n++;
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `0000${hex.slice(0, 4)}-1111-4222-8333-${hex}`,
    callerNumber: '070-123 45 67',
    callerName: 'Karl Karlsson',
    calledAt: Date.UTC(2026, 10, 29, 13, 5),
    switchboardId: 'essunga',
    dialledNumber: '0512-570 00',
    employee: '2001',
    text: 'Hemligt ärende om bygglovet på Storgatan 5',
    callbackWanted: true,
    urgent: false,
    ...over,
  };
}
