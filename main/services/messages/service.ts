// The message pad's service in main: the outbox (SQLite), the e-mail worker, the lease desk for
// the renderer's SIP delivery agent (SIP MESSAGE and voice deposit need the SIP stack, which lives
// in the renderer), speech synthesis for the voice deposit, and retention.
// P-SECRECY: logs carry codes and counts only (see outbox.ts); message text, numbers, names and
// addresses never reach the logger.
import type { SecretCipher } from '../settings/cipher';
import type { MessageChannel, MessageDraft, MessageJob, MessageJobReport, MessageSettings, MessageView } from '../../../common/messages/model';
import { renderMessageSubject, renderMessageText, renderSpeech } from '../../../common/messages/model';
import type { Logger } from '../log/logger';
import { openDatabase, type DatabaseKey, type SqliteDatabase } from '../storage';
import { createSmtpSender, type MailSender } from './email';
import { Outbox, type EmployeeAddresses, type MessageRow } from './outbox';
import { createEspeakSynthesizer, type SpeechSynthesizer } from './speech';
import type { TeamShare } from '../team/share';

export interface MessagesServiceOptions {
  db: SqliteDatabase;
  log: Logger;
  /** Encrypts the SMTP password in the database. */
  cipher?: SecretCipher;
  /** Who is at the console (main's settings). */
  operator: () => string | undefined;
  /** The employee's name and addresses for a pad target (extension, number or SIP URI); null when unknown. */
  resolveEmployee: (target: string) => Promise<EmployeeAddresses | null> | EmployeeAddresses | null;
  synthesizer?: SpeechSynthesizer;
  /** Defaults to nodemailer over the configured SMTP server. */
  mailSender?: (settings: MessageSettings) => MailSender | null;
  now?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the e-mail worker and the lease check look for work; default 500 ms. */
  pollMs?: number;
  ownsDatabase?: boolean;
  /** The shared team store: callbacks and their status go to the other consoles (issue 13). */
  team?: TeamShare;
}

export interface MessagesService {
  readonly outbox: Outbox;
  send(draft: MessageDraft): Promise<MessageView>;
  list(limit: number, openOnly?: boolean): MessageView[];
  findOpen(numbers: readonly string[]): MessageView[];
  closeCallback(id: string): boolean;
  claimJob(channels: readonly MessageChannel[]): Promise<MessageJob | null>;
  reportJob(report: MessageJobReport): boolean;
  nudge(): number;
  settings(): MessageSettings;
  saveSettings(settings: MessageSettings): MessageSettings;
  /** Recovers interrupted attempts, purges expired messages and starts the workers. */
  start(): void;
  /** Runs the e-mail worker until nothing is due now (tests). */
  drainEmail(): Promise<void>;
  close(): void;
}

const SIP_LEASE_MS = 30_000;
const VOICE_LEASE_BASE_MS = 90_000;
const EMAIL_LEASE_MS = 60_000;
const DAY_MS = 86_400_000;

function renderInput(m: MessageRow) {
  return {
    callerNumber: m.caller_number,
    callerName: m.caller_name,
    calledAt: m.called_at,
    switchboardId: m.switchboard_id,
    employeeName: m.employee_name,
    text: m.body,
    callbackWanted: m.callback_wanted === 1,
    urgent: m.urgent === 1,
  };
}

export function createMessagesService(options: MessagesServiceOptions): MessagesService {
  const { db, log } = options;
  const outbox = new Outbox({ db, log, cipher: options.cipher, now: options.now, baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs });
  const synthesizer = options.synthesizer ?? createEspeakSynthesizer();
  const makeSender = options.mailSender ?? ((s: MessageSettings) => (s.smtp ? createSmtpSender(s.smtp) : null));
  const pollMs = options.pollMs ?? 500;
  let sender: { key: string; sender: MailSender | null } | null = null;
  let timers: ReturnType<typeof setInterval>[] = [];
  let emailRunning: Promise<void> | null = null;
  let closed = false;

  const mailSender = (): MailSender | null => {
    const s = outbox.settings();
    const key = JSON.stringify(s.smtp);
    if (sender?.key !== key) {
      sender?.sender?.close();
      sender = { key, sender: makeSender(s) };
    }
    return sender.sender;
  };

  const emailPass = async (): Promise<void> => {
    while (!closed) {
      const claimed = outbox.claim(['email'], EMAIL_LEASE_MS);
      if (!claimed) return;
      const { delivery, message } = claimed;
      const transport = mailSender();
      if (!transport) {
        outbox.finish(delivery.id, delivery.lease_token!, 'retry', 'smtp-not-configured');
        return;
      }
      const input = renderInput(message);
      const result = await transport.send({
        messageId: message.id,
        to: delivery.address,
        subject: renderMessageSubject(input),
        text: renderMessageText(input),
        urgent: message.urgent === 1,
      });
      if (closed) return; // the lease stays: the next start resolves it
      outbox.finish(delivery.id, delivery.lease_token!, result.outcome, result.outcome === 'sent' ? 'smtp-250' : result.code);
    }
  };
  const runEmail = (): Promise<void> => {
    emailRunning ??= emailPass()
      .catch((error: unknown) => log.error('messages.email-worker-failed', { error: error instanceof Error ? error.name : 'unknown' }))
      .finally(() => (emailRunning = null));
    return emailRunning;
  };

  const team = options.team;
  team?.register({ kind: 'message-callback', apply: (_id, row) => row && outbox.applyShared(row as MessageRow) });
  const share = (id: string) => {
    const row = outbox.sharedRow(id);
    if (row && row.callback_wanted === 1) team?.record('message-callback', id, row);
  };

  const service: MessagesService = {
    outbox,
    async send(draft) {
      const existing = outbox.view(draft.id);
      if (existing) return existing; // the pad retried: same message, nothing queued twice
      const operator = options.operator();
      if (!operator) throw new Error('No operator: the settings have no SIP account yet.');
      const employee = (await options.resolveEmployee(draft.employee)) ?? {
        name: draft.employee,
        extension: null,
        numbers: [],
        email: null,
        sipUri: null,
        voicemailUri: null,
      };
      const { view, created } = outbox.enqueue({ ...draft, operator }, employee);
      if (created) share(view.id);
      void runEmail();
      return view;
    },
    list: (limit, openOnly) => outbox.list(limit, openOnly),
    findOpen: (numbers) => outbox.findOpen(numbers),
    closeCallback: (id) => {
      const closed = outbox.closeCallback(id);
      if (closed) share(id);
      return closed;
    },
    async claimJob(channels) {
      const sipChannels = channels.filter((c): c is 'voice' | 'sip' => c !== 'email');
      if (!sipChannels.length) return null;
      outbox.recover(sipChannels);
      // A voice lease covers synthesis, ringing, the greeting and the playback.
      const claimed = outbox.claim(sipChannels, sipChannels.includes('voice') ? VOICE_LEASE_BASE_MS : SIP_LEASE_MS);
      if (!claimed) return null;
      const { delivery, message } = claimed;
      const input = renderInput(message);
      let speech: MessageJob['speech'] = null;
      if (delivery.channel === 'voice') {
        try {
          const s = await synthesizer.synthesize(renderSpeech(input));
          speech = { sampleRate: s.sampleRate, mulawBase64: Buffer.from(s.mulaw).toString('base64') };
        } catch (error) {
          log.error('messages.tts-failed', { engine: synthesizer.name, error: error instanceof Error ? error.name : 'unknown' });
          outbox.finish(delivery.id, delivery.lease_token!, 'failed', 'tts-failed');
          return null;
        }
      }
      return {
        deliveryId: delivery.id,
        leaseToken: delivery.lease_token!,
        leaseUntil: delivery.lease_until!,
        channel: delivery.channel as 'voice' | 'sip',
        attempt: delivery.attempts,
        messageId: message.id,
        target: delivery.address,
        fromDisplayName: `Växeln: ${message.caller_name || message.caller_number || 'okänd'}`.slice(0, 80),
        // msilo (and most store-and-forward servers) keep only the body: the key travels in it too.
        body: `${renderMessageText(input)}\n\nMeddelande-id: ${message.id}`,
        speech,
      };
    },
    reportJob(report) {
      if (report.outcome === 'answered') return outbox.progress(report.deliveryId, report.leaseToken, 'answered');
      return outbox.finish(report.deliveryId, report.leaseToken, report.outcome, report.code);
    },
    nudge() {
      const n = outbox.nudge();
      void runEmail();
      return n;
    },
    settings: () => outbox.settings(),
    saveSettings(settings) {
      const before = outbox.settings();
      const saved = outbox.saveSettings(settings);
      if (saved.retentionDays !== before.retentionDays) {
        outbox.applyRetention(saved.retentionDays);
        outbox.purgeExpired();
      }
      void runEmail();
      return saved;
    },
    start() {
      // Whoever held an e-mail lease before this start was an earlier process (kill -9, crash).
      outbox.recover(['email'], true);
      outbox.recover(['sip', 'voice']);
      outbox.purgeExpired();
      log.info('messages.started', { ...outbox.counts() });
      const tick = setInterval(() => {
        const due = outbox.nextDue(['email']);
        if (due !== null && due <= (options.now ?? Date.now)()) void runEmail();
      }, pollMs);
      const leases = setInterval(() => outbox.recover(['sip', 'voice']), 5000);
      const purge = setInterval(() => outbox.purgeExpired(), DAY_MS);
      for (const t of [tick, leases, purge]) t.unref?.();
      timers = [tick, leases, purge];
      void runEmail();
    },
    async drainEmail() {
      await runEmail();
    },
    close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      sender?.sender?.close();
      if (options.ownsDatabase) db.close();
    },
  };
  return service;
}

export interface OpenMessagesOptions extends Omit<MessagesServiceOptions, 'db' | 'ownsDatabase'> {
  file: string;
  /** Seals the file at rest (P-SECRECY); both hosts pass it. */
  key: DatabaseKey | null;
}

/** Opens its own connection to the console's database (migrated), and the service over it. */
export function openMessages(options: OpenMessagesOptions): MessagesService {
  const { key, ...rest } = options;
  const { db } = openDatabase({ file: options.file, log: options.log, key });
  // Deleted messages are overwritten in the file, not just unlinked from the b-tree (P-SECRECY).
  db.pragma('secure_delete = ON');
  return createMessagesService({ ...rest, db, ownsDatabase: true });
}
