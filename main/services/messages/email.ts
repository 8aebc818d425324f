// E-mail delivery from main through SMTP (nodemailer). The message's id is the idempotency key:
// every attempt of the same message carries the same Message-ID, so a mail server (or the test's
// listener) that de-duplicates by Message-ID stores it once even when our process died after the
// server accepted the DATA but before we recorded it. Plain SMTP servers do not de-duplicate: a
// crash in that window can then give the employee the same mail twice (never zero times).
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../../common/messages/model';

export interface MailToSend {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  urgent: boolean;
}

export type SendResult = { outcome: 'sent' } | { outcome: 'retry' | 'failed'; code: string };

export interface MailSender {
  send(mail: MailToSend): Promise<SendResult>;
  close(): void;
}

export const mailMessageId = (messageId: string) => `<${messageId}.msgpad@vaxel.invalid>`;

/** SMTP reply codes 5xx are permanent (bad recipient, refused); anything else is tried again. */
export function classifySmtpError(error: unknown): { outcome: 'retry' | 'failed'; code: string } {
  const e = error as { responseCode?: number; code?: string; message?: string } | null;
  const status = e?.responseCode;
  if (typeof status === 'number') return { outcome: status >= 500 ? 'failed' : 'retry', code: `smtp-${status}` };
  // nodemailer wraps socket errors as ESOCKET; the system code (ECONNREFUSED...) says more. Only the code is kept.
  const system = /\b(E[A-Z]{3,20})\b/.exec(String(e?.message ?? ''))?.[1];
  const raw = system ?? (typeof e?.code === 'string' ? e.code : 'unknown');
  const code = raw
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '')
    .slice(0, 32);
  return { outcome: 'retry', code: `smtp-${code || 'unknown'}` };
}

export function createSmtpSender(config: SmtpConfig): MailSender {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    ignoreTLS: !config.secure && !config.requireTls,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    logger: false,
    debug: false,
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: { name: 'Växeln', address: config.from },
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mailMessageId(mail.messageId),
          headers: { 'X-Vaxel-Message-Id': mail.messageId },
          priority: mail.urgent ? 'high' : 'normal',
        });
        return { outcome: 'sent' };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close: () => transport.close(),
  };
}
