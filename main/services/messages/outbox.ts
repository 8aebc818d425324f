// The message outbox (D-MSGPAD, issue item 3). Every message is committed to SQLite before any
// delivery is attempted; each channel is one row (UNIQUE per message and channel), so a message is
// queued at most once per channel however often the pad retries the send.
//
// Exactly once per channel, as far as a channel allows:
// - claim(): one IMMEDIATE transaction moves a due row from 'queued' to 'sending' with a lease
//   token and expiry and records the attempt, all before any network traffic.
// - finish(): only the holder of the current lease may record the outcome; a late report from an
//   expired lease is ignored (the row was re-leased or resolved in the meantime).
// - recover(): a row found 'sending' with its lease expired (the sender died mid-attempt, kill -9)
//   is resolved per channel: e-mail and SIP MESSAGE are tried again under the same idempotency
//   key (Message-ID, X-Vaxel-Message-Id) so the receiver can drop the duplicate; a voice deposit
//   the voicemail had already answered is not repeated (a second recording is worse than none:
//   the fallback channel carries it instead).
// P-SECRECY: this module logs codes and counts only, never ids, numbers, names or text.
import type { SecretCipher } from '../settings/cipher';
import crypto from 'node:crypto';
import type { DeliveryStatus, DeliveryView, MessageChannel, MessageChannelPolicy, MessageSettings, MessageView } from '../../../common/messages/model';
import { DEFAULT_MESSAGE_SETTINGS, MessageSettings as MessageSettingsSchema } from '../../../common/messages/model';
import { backoffDelay } from '../../../common/backoff';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../storage';

export interface EmployeeAddresses {
  name: string;
  extension: string | null;
  /** Numbers that identify the employee when they call the switchboard (extension, direct, mobile). */
  numbers: string[];
  email: string | null;
  sipUri: string | null;
  voicemailUri: string | null;
}

export interface NewMessage {
  id: string;
  operator: string;
  callerNumber: string;
  callerName: string;
  calledAt: number;
  switchboardId: string | null;
  dialledNumber: string;
  employee: string;
  text: string;
  callbackWanted: boolean;
  urgent: boolean;
}

export interface MessageRow {
  id: string;
  created_at: number;
  operator: string;
  caller_number: string;
  caller_name: string;
  called_at: number;
  switchboard_id: string | null;
  dialled_number: string;
  employee: string;
  employee_name: string;
  employee_extension: string | null;
  employee_numbers: string;
  employee_addresses: string;
  body: string;
  callback_wanted: number;
  urgent: number;
  callback_done_at: number | null;
  expires_at: number;
}

export interface DeliveryRow {
  id: number;
  message_id: string;
  channel: MessageChannel;
  address: string;
  status: DeliveryStatus;
  attempts: number;
  next_at: number;
  lease_token: string | null;
  lease_until: number | null;
  progress: string | null;
  reason: string | null;
  updated_at: number;
}

export interface Claimed {
  delivery: DeliveryRow;
  message: MessageRow;
}

export type Outcome = 'sent' | 'delivered' | 'retry' | 'failed';

export interface OutboxOptions {
  db: SqliteDatabase;
  log: Logger;
  /** Encrypts the SMTP password at rest (P-SECRECY: no secrets on disk in clear text). */
  cipher?: SecretCipher;
  now?: () => number;
  /** First retry delay, doubled per attempt up to maxDelayMs. Defaults 1 s and 5 s: a queued
   *  message goes out within 10 s of the network coming back, even without a nudge. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A delivery still not through after this long is failed with 'expired'. Default 24 h. */
  giveUpAfterMs?: number;
}

const DAY_MS = 86_400_000;

export class Outbox {
  private readonly db: SqliteDatabase;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private readonly giveUpAfter: number;
  private readonly listeners = new Set<() => void>();

  private readonly cipher: SecretCipher | undefined;

  constructor(options: OutboxOptions) {
    this.db = options.db;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.baseDelay = options.baseDelayMs ?? 1000;
    this.maxDelay = options.maxDelayMs ?? 5000;
    this.giveUpAfter = options.giveUpAfterMs ?? DAY_MS;
    this.cipher = options.cipher;
  }

  /** Called after every change (the workers wake up). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  settings(): MessageSettings {
    const row = this.db.prepare<[], { value: string }>("SELECT value FROM message_settings WHERE key = 'settings'").get();
    if (!row) return DEFAULT_MESSAGE_SETTINGS;
    const parsed = MessageSettingsSchema.safeParse(JSON.parse(row.value));
    if (!parsed.success) {
      this.log.warn('messages.settings-invalid');
      return DEFAULT_MESSAGE_SETTINGS;
    }
    const smtp = parsed.data.smtp;
    if (!smtp?.password || !this.cipher) return parsed.data;
    try {
      return { ...parsed.data, smtp: { ...smtp, password: this.cipher.decrypt(smtp.password) } };
    } catch {
      // a key that changed or a damaged value: the operator re-enters the password
      this.log.warn('messages.smtp-password-undecryptable');
      return { ...parsed.data, smtp: { ...smtp, password: undefined } };
    }
  }

  saveSettings(settings: MessageSettings): MessageSettings {
    const valid = MessageSettingsSchema.parse(settings);
    this.db
      .prepare("INSERT INTO message_settings (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(this.cipher && valid.smtp?.password ? { ...valid, smtp: { ...valid.smtp, password: this.cipher.encrypt(valid.smtp.password) } } : valid));
    this.log.info('messages.settings-saved', { channels: valid.policy.channels.length, retentionDays: valid.retentionDays });
    return valid;
  }

  policyFor(extension: string | null): MessageChannelPolicy {
    const s = this.settings();
    return (extension && s.perEmployee[extension]) || s.policy;
  }

  /**
   * Stores the message and queues one delivery per channel the policy names and the employee has
   * an address for. Idempotent by message id: a second call returns the stored message unchanged.
   */
  enqueue(message: NewMessage, employee: EmployeeAddresses): { view: MessageView; created: boolean } {
    const now = this.now();
    const settings = this.settings();
    const policy = this.policyFor(employee.extension);
    const run = this.db.transaction(() => {
      const existing = this.db.prepare('SELECT 1 FROM messages WHERE id = ?').get(message.id);
      if (existing) return false;
      this.db
        .prepare(
          `INSERT INTO messages (id, created_at, operator, caller_number, caller_name, called_at, switchboard_id, dialled_number,
             employee, employee_name, employee_extension, employee_numbers, employee_addresses, body, callback_wanted, urgent, expires_at)
           VALUES (@id, @created_at, @operator, @caller_number, @caller_name, @called_at, @switchboard_id, @dialled_number,
             @employee, @employee_name, @employee_extension, @employee_numbers, @employee_addresses, @body, @callback_wanted, @urgent, @expires_at)`,
        )
        .run({
          id: message.id,
          created_at: now,
          operator: message.operator,
          caller_number: message.callerNumber,
          caller_name: message.callerName,
          called_at: message.calledAt,
          switchboard_id: message.switchboardId,
          dialled_number: message.dialledNumber,
          employee: message.employee,
          employee_name: employee.name,
          employee_extension: employee.extension,
          employee_numbers: normaliseNumbers(employee.numbers).join(' '),
          employee_addresses: JSON.stringify({ email: employee.email, sipUri: employee.sipUri, voicemailUri: employee.voicemailUri }),
          body: message.text,
          callback_wanted: message.callbackWanted ? 1 : 0,
          urgent: message.urgent ? 1 : 0,
          expires_at: now + settings.retentionDays * DAY_MS,
        });
      let queued = 0;
      for (const channel of policy.channels) {
        const address = addressFor(channel, employee);
        if (address) {
          this.insertDelivery(message.id, channel, address, now);
          queued++;
        }
      }
      if (!queued) {
        // No address for any chosen channel: try the fallback, else record the failure visibly.
        const fb = policy.voiceFallback;
        const address = fb ? addressFor(fb, employee) : null;
        if (fb && address) this.insertDelivery(message.id, fb, address, now);
        else this.insertFailed(message.id, policy.channels[0]!, now, 'no-address');
      }
      return true;
    });
    const created = run.immediate();
    this.log.info(created ? 'messages.enqueued' : 'messages.enqueue-duplicate', { urgent: message.urgent, callback: message.callbackWanted });
    if (created) this.changed();
    return { view: this.view(message.id)!, created };
  }

  private insertDelivery(messageId: string, channel: MessageChannel, address: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO message_deliveries (message_id, channel, address, status, next_at, updated_at)
         VALUES (?, ?, ?, 'queued', ?, ?) ON CONFLICT (message_id, channel) DO NOTHING`,
      )
      .run(messageId, channel, address, now, now);
  }

  private insertFailed(messageId: string, channel: MessageChannel, now: number, reason: string): void {
    this.db
      .prepare(
        `INSERT INTO message_deliveries (message_id, channel, address, status, next_at, reason, updated_at)
         VALUES (?, ?, '', 'failed', ?, ?, ?) ON CONFLICT (message_id, channel) DO NOTHING`,
      )
      .run(messageId, channel, now, reason, now);
  }

  /**
   * Leases the next due delivery of one of `channels` and records the attempt, in one transaction,
   * before the caller touches the network. Returns null when nothing is due.
   */
  claim(channels: readonly MessageChannel[], leaseMs: number): Claimed | null {
    const now = this.now();
    const marks = channels.map(() => '?').join(',');
    const tx = this.db.transaction((): Claimed | null => {
      const row = this.db
        .prepare<unknown[], DeliveryRow>(
          `SELECT d.* FROM message_deliveries d JOIN messages m ON m.id = d.message_id
           WHERE d.status = 'queued' AND d.next_at <= ? AND d.channel IN (${marks})
           ORDER BY m.urgent DESC, d.next_at, d.id LIMIT 1`,
        )
        .get(now, ...channels);
      if (!row) return null;
      const token = crypto.randomUUID();
      this.db
        .prepare(
          `UPDATE message_deliveries SET status = 'sending', lease_token = ?, lease_until = ?, attempts = attempts + 1, progress = NULL, updated_at = ?
           WHERE id = ?`,
        )
        .run(token, now + leaseMs, now, row.id);
      this.db.prepare('INSERT INTO message_attempts (delivery_id, attempt, started_at) VALUES (?, ?, ?)').run(row.id, row.attempts + 1, now);
      const delivery = this.db.prepare<[number], DeliveryRow>('SELECT * FROM message_deliveries WHERE id = ?').get(row.id)!;
      const message = this.db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?').get(row.message_id)!;
      return { delivery, message };
    });
    const claimed = tx.immediate();
    if (claimed) this.log.info('messages.attempt', { channel: claimed.delivery.channel, attempt: claimed.delivery.attempts });
    return claimed;
  }

  /** Progress inside a lease (a voicemail answered the deposit call). False when the lease is not current. */
  progress(deliveryId: number, token: string, progress: 'answered'): boolean {
    const r = this.db
      .prepare(`UPDATE message_deliveries SET progress = ?, updated_at = ? WHERE id = ? AND status = 'sending' AND lease_token = ?`)
      .run(progress, this.now(), deliveryId, token);
    return r.changes === 1;
  }

  /** Records the attempt's outcome; ignored (false) unless the lease is still the current one. */
  finish(deliveryId: number, token: string, outcome: Outcome, code: string): boolean {
    const now = this.now();
    const tx = this.db.transaction((): DeliveryRow | null => {
      const row = this.db
        .prepare<[number, string], DeliveryRow>(`SELECT * FROM message_deliveries WHERE id = ? AND status = 'sending' AND lease_token = ?`)
        .get(deliveryId, token);
      if (!row) return null;
      this.closeAttempt(row, outcome, code, now);
      this.resolve(row, outcome, code, now);
      return row;
    });
    const row = tx.immediate();
    if (!row) {
      this.log.warn('messages.stale-report', { outcome });
      return false;
    }
    this.log.info('messages.outcome', { channel: row.channel, outcome, reason: code, attempt: row.attempts });
    this.changed();
    return true;
  }

  private closeAttempt(row: DeliveryRow, outcome: string, code: string, now: number): void {
    this.db
      .prepare('UPDATE message_attempts SET ended_at = ?, outcome = ?, code = ? WHERE delivery_id = ? AND attempt = ? AND ended_at IS NULL')
      .run(now, outcome, code, row.id, row.attempts);
  }

  private resolve(row: DeliveryRow, outcome: Outcome, code: string, now: number): void {
    const created = this.db.prepare<[string], { created_at: number }>('SELECT created_at FROM messages WHERE id = ?').get(row.message_id);
    if (outcome === 'retry' && created && now - created.created_at > this.giveUpAfter) {
      outcome = 'failed';
      code = `expired.${code}`.slice(0, 48);
    }
    if (outcome === 'retry') {
      const delay = backoffDelay(row.attempts, { baseMs: this.baseDelay, maxMs: this.maxDelay, jitterFloor: 1 }); // no jitter: one worker per console
      this.db
        .prepare(`UPDATE message_deliveries SET status = 'queued', lease_token = NULL, lease_until = NULL, next_at = ?, reason = ?, updated_at = ? WHERE id = ?`)
        .run(now + delay, code, now, row.id);
      return;
    }
    this.db
      .prepare(`UPDATE message_deliveries SET status = ?, lease_token = NULL, lease_until = NULL, reason = ?, updated_at = ? WHERE id = ?`)
      .run(outcome, outcome === 'failed' ? code : null, now, row.id);
    if (outcome === 'failed' && row.channel === 'voice') this.queueFallback(row, now);
  }

  /** The voice deposit failed for good: the policy's fallback channel carries the message instead. */
  private queueFallback(row: DeliveryRow, now: number): void {
    const msg = this.db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?').get(row.message_id);
    if (!msg) return;
    const fb = this.policyFor(msg.employee_extension).voiceFallback;
    if (!fb || fb === 'voice') return;
    const stored = JSON.parse(msg.employee_addresses) as Partial<EmployeeAddresses>;
    const address = addressFor(fb, { name: '', extension: null, numbers: [], email: stored.email ?? null, sipUri: stored.sipUri ?? null, voicemailUri: stored.voicemailUri ?? null });
    if (!address) return;
    this.insertDelivery(msg.id, fb, address, now);
    this.log.info('messages.fallback', { from: 'voice', to: fb });
  }

  /**
   * Resolves attempts whose lease ran out (the sender died, or the renderer went away). `all`:
   * every 'sending' row of these channels regardless of its lease (main's own e-mail worker at
   * start: whoever held those leases was an earlier process).
   */
  recover(channels: readonly MessageChannel[], all = false): number {
    const now = this.now();
    const marks = channels.map(() => '?').join(',');
    const tx = this.db.transaction(() => {
      const rows = this.db
        .prepare<unknown[], DeliveryRow>(
          `SELECT * FROM message_deliveries WHERE status = 'sending' AND channel IN (${marks}) AND (? = 1 OR lease_until <= ?)`,
        )
        .all(...channels, all ? 1 : 0, now);
      for (const row of rows) {
        if (row.channel === 'voice' && row.progress === 'answered') {
          // The voicemail had the call: it may hold part or all of the message. Never deposit twice.
          this.closeAttempt(row, 'failed', 'interrupted-after-answer', now);
          this.resolve(row, 'failed', 'interrupted-after-answer', now);
        } else {
          this.closeAttempt(row, 'retry', 'lease-expired', now);
          this.db
            .prepare(`UPDATE message_deliveries SET status = 'queued', lease_token = NULL, lease_until = NULL, next_at = ?, reason = 'lease-expired', updated_at = ? WHERE id = ?`)
            .run(now, now, row.id);
        }
      }
      return rows.length;
    });
    const n = tx.immediate();
    if (n) {
      this.log.warn('messages.recovered', { count: n });
      this.changed();
    }
    return n;
  }

  /** Makes every queued delivery due now (the network is back). */
  nudge(): number {
    const n = this.db.prepare(`UPDATE message_deliveries SET next_at = ? WHERE status = 'queued' AND next_at > ?`).run(this.now(), this.now()).changes;
    if (n) {
      this.log.info('messages.nudged', { count: n });
      this.changed();
    }
    return n;
  }

  /** The earliest next_at of a queued delivery of these channels, or null. */
  nextDue(channels: readonly MessageChannel[]): number | null {
    const marks = channels.map(() => '?').join(',');
    return (
      this.db
        .prepare(`SELECT min(next_at) FROM message_deliveries WHERE status = 'queued' AND channel IN (${marks})`)
        .pluck()
        .get(...channels) as number | null
    );
  }

  /** Deletes messages whose retention ran out (and their deliveries and attempts). */
  purgeExpired(): number {
    const n = this.db.transaction(() => {
      const ids = this.db.prepare<[number], string>('SELECT id FROM messages WHERE expires_at <= ?').pluck().all(this.now());
      for (const id of ids) {
        this.db.prepare('DELETE FROM messages WHERE id = ?').run(id);
      }
      return ids.length;
    }).immediate();
    if (n) this.log.info('messages.purged', { count: n });
    return n;
  }

  /** Applies a changed retention to messages already stored (shorter or longer). */
  applyRetention(days: number): void {
    this.db.prepare('UPDATE messages SET expires_at = created_at + ?').run(days * DAY_MS);
  }

  closeCallback(id: string): boolean {
    const n = this.db.prepare('UPDATE messages SET callback_done_at = ? WHERE id = ? AND callback_done_at IS NULL').run(this.now(), id).changes;
    if (n) {
      this.log.info('messages.callback-closed');
      this.changed();
    }
    return n === 1;
  }

  view(id: string): MessageView | null {
    const row = this.db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?').get(id);
    return row ? this.toView(row) : null;
  }

  list(limit: number, openOnly = false): MessageView[] {
    const rows = this.db
      .prepare<[number], MessageRow>(
        `SELECT * FROM messages ${openOnly ? 'WHERE callback_wanted = 1 AND callback_done_at IS NULL' : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      )
      .all(limit);
    return rows.map((r) => this.toView(r));
  }

  /** Open callbacks whose caller is one of `numbers`, or whose employee is (the employee rings in). */
  findOpen(numbers: readonly string[]): MessageView[] {
    const wanted = new Set(normaliseNumbers(numbers));
    if (!wanted.size) return [];
    const rows = this.db
      .prepare<[], MessageRow>('SELECT * FROM messages WHERE callback_wanted = 1 AND callback_done_at IS NULL ORDER BY created_at DESC LIMIT 500')
      .all();
    return rows
      .filter((r) => {
        const caller = normaliseNumbers([r.caller_number])[0];
        if (caller && wanted.has(caller)) return true;
        return r.employee_numbers.split(' ').some((n) => n && wanted.has(n));
      })
      .map((r) => this.toView(r));
  }

  counts(): Record<DeliveryStatus, number> {
    const out: Record<DeliveryStatus, number> = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0 };
    for (const r of this.db.prepare<[], { status: DeliveryStatus; n: number }>('SELECT status, count(*) AS n FROM message_deliveries GROUP BY status').all()) {
      out[r.status] = r.n;
    }
    return out;
  }

  private toView(r: MessageRow): MessageView {
    const deliveries = this.db
      .prepare<[string], DeliveryRow>('SELECT * FROM message_deliveries WHERE message_id = ? ORDER BY id')
      .all(r.id)
      .map(
        (d): DeliveryView => ({ channel: d.channel, status: d.status, attempts: d.attempts, reason: d.reason, updatedAt: d.updated_at }),
      );
    return {
      id: r.id,
      createdAt: r.created_at,
      callerNumber: r.caller_number,
      callerName: r.caller_name,
      calledAt: r.called_at,
      switchboardId: r.switchboard_id,
      employeeName: r.employee_name,
      employeeExtension: r.employee_extension,
      text: r.body,
      callbackWanted: r.callback_wanted === 1,
      urgent: r.urgent === 1,
      callbackDoneAt: r.callback_done_at,
      deliveries,
    };
  }
}

export function addressFor(channel: MessageChannel, e: EmployeeAddresses): string | null {
  if (channel === 'voice') return e.voicemailUri;
  if (channel === 'sip') return e.sipUri;
  return e.email;
}

/** Numbers compared by their last 9 digits ("+46 512 570 01", "0512-57001" match); extensions as is. */
export function normaliseNumbers(numbers: readonly string[]): string[] {
  return numbers
    .map((n) => n.replace(/^sips?:/i, '').replace(/@.*$/, '').replace(/[^0-9]/g, ''))
    .filter((d) => d.length >= 2)
    .map((d) => (d.length > 9 ? d.slice(-9) : d.length >= 7 && d.startsWith('0') ? d.slice(1) : d));
}
