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
// The work is split by concern: outbox-settings.ts (settings and the channel policy),
// outbox-leasing.ts (claim, finish, recover, retry), outbox-queries.ts (what the UI reads) and
// outbox-rows.ts (the rows and the shared inserts); this class is the one API over them.
// P-SECRECY: these modules log codes and counts only, never ids, numbers, names or text.
import type { SecretCipher } from '../settings/cipher';
import type { DeliveryStatus, MessageChannel, MessageChannelPolicy, MessageSettings, MessageView } from '../../../common/messages/model';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../storage';
import { Leasing } from './outbox-leasing';
import { OutboxQueries } from './outbox-queries';
import { addressFor, DAY_MS, insertDelivery, insertFailed, normaliseNumbers, type Claimed, type EmployeeAddresses, type MessageRow, type NewMessage, type Outcome } from './outbox-rows';
import { OutboxSettings } from './outbox-settings';

export { addressFor, normaliseNumbers, type Claimed, type DeliveryRow, type EmployeeAddresses, type MessageRow, type NewMessage, type Outcome } from './outbox-rows';

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

export class Outbox {
  private readonly db: SqliteDatabase;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private readonly store: OutboxSettings;
  private readonly leasing: Leasing;
  private readonly queries: OutboxQueries;

  constructor(options: OutboxOptions) {
    this.db = options.db;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.store = new OutboxSettings(options.db, options.log, options.cipher);
    this.queries = new OutboxQueries(options.db);
    this.leasing = new Leasing({
      db: options.db,
      log: options.log,
      now: this.now,
      settings: this.store,
      retry: { baseMs: options.baseDelayMs ?? 1000, maxMs: options.maxDelayMs ?? 5000, jitterFloor: 1 },
      giveUpAfterMs: options.giveUpAfterMs ?? DAY_MS,
      changed: () => this.changed(),
    });
  }

  /** Called after every change (the workers wake up). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  // ---- settings and policy (outbox-settings.ts) ----------------------------------------------

  settings(): MessageSettings {
    return this.store.settings();
  }

  saveSettings(settings: MessageSettings): MessageSettings {
    return this.store.save(settings);
  }

  policyFor(extension: string | null): MessageChannelPolicy {
    return this.store.policyFor(extension);
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
          insertDelivery(this.db, message.id, channel, address, now);
          queued++;
        }
      }
      if (!queued) {
        // No address for any chosen channel: try the fallback, else record the failure visibly.
        const fb = policy.voiceFallback;
        const address = fb ? addressFor(fb, employee) : null;
        if (fb && address) insertDelivery(this.db, message.id, fb, address, now);
        else insertFailed(this.db, message.id, policy.channels[0]!, now, 'no-address');
      }
      return true;
    });
    const created = run.immediate();
    this.log.info(created ? 'messages.enqueued' : 'messages.enqueue-duplicate', { urgent: message.urgent, callback: message.callbackWanted });
    if (created) this.changed();
    return { view: this.view(message.id)!, created };
  }

  // ---- leasing (outbox-leasing.ts) -------------------------------------------------------

  /**
   * Leases the next due delivery of one of `channels` and records the attempt, in one transaction,
   * before the caller touches the network. Returns null when nothing is due.
   */
  claim(channels: readonly MessageChannel[], leaseMs: number): Claimed | null {
    return this.leasing.claim(channels, leaseMs);
  }

  /** Progress inside a lease (a voicemail answered the deposit call). False when the lease is not current. */
  progress(deliveryId: number, token: string, progress: 'answered'): boolean {
    return this.leasing.progress(deliveryId, token, progress);
  }

  /** Records the attempt's outcome; ignored (false) unless the lease is still the current one. */
  finish(deliveryId: number, token: string, outcome: Outcome, code: string): boolean {
    return this.leasing.finish(deliveryId, token, outcome, code);
  }

  /** Resolves attempts whose lease ran out; `all`: every 'sending' row of these channels. */
  recover(channels: readonly MessageChannel[], all = false): number {
    return this.leasing.recover(channels, all);
  }

  /** Makes every queued delivery due now (the network is back). */
  nudge(): number {
    return this.leasing.nudge();
  }

  // ---- retention and callbacks ---------------------------------------------------------------

  /** Deletes messages whose retention ran out (and their deliveries and attempts). */
  purgeExpired(): number {
    const n = this.db
      .transaction(() => {
        const ids = this.db.prepare<[number], string>('SELECT id FROM messages WHERE expires_at <= ?').pluck().all(this.now());
        for (const id of ids) {
          this.db.prepare('DELETE FROM messages WHERE id = ?').run(id);
        }
        return ids.length;
      })
      .immediate();
    if (n) this.log.info('messages.purged', { count: n });
    return n;
  }

  /** Applies a changed retention to messages already stored (shorter or longer). */
  applyRetention(days: number): void {
    this.db.prepare('UPDATE messages SET expires_at = created_at + ?').run(days * DAY_MS);
  }

  /** A message as the team store shares it (kind message-callback), or undefined. */
  sharedRow(id: string): MessageRow | undefined {
    return this.db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?').get(id);
  }

  /**
   * A callback another console took or closed (issue 13): stored without deliveries (those are the
   * sending console's), so it shows in the list and can be closed here too.
   */
  applyShared(row: MessageRow): void {
    this.db
      .prepare(
        `INSERT INTO messages (id, created_at, operator, caller_number, caller_name, called_at, switchboard_id, dialled_number, employee, employee_name,
           employee_extension, employee_numbers, employee_addresses, body, callback_wanted, urgent, callback_done_at, expires_at)
         VALUES (@id, @created_at, @operator, @caller_number, @caller_name, @called_at, @switchboard_id, @dialled_number, @employee, @employee_name,
           @employee_extension, @employee_numbers, @employee_addresses, @body, @callback_wanted, @urgent, @callback_done_at, @expires_at)
         ON CONFLICT (id) DO UPDATE SET callback_done_at = excluded.callback_done_at`,
      )
      .run(row);
    this.changed();
  }

  closeCallback(id: string): boolean {
    const n = this.db.prepare('UPDATE messages SET callback_done_at = ? WHERE id = ? AND callback_done_at IS NULL').run(this.now(), id).changes;
    if (n) {
      this.log.info('messages.callback-closed');
      this.changed();
    }
    return n === 1;
  }

  // ---- queries (outbox-queries.ts) --------------------------------------------------------

  /** The earliest next_at of a queued delivery of these channels, or null. */
  nextDue(channels: readonly MessageChannel[]): number | null {
    return this.queries.nextDue(channels);
  }

  view(id: string): MessageView | null {
    return this.queries.view(id);
  }

  list(limit: number, openOnly = false): MessageView[] {
    return this.queries.list(limit, openOnly);
  }

  /** Open callbacks whose caller is one of `numbers`, or whose employee is (the employee rings in). */
  findOpen(numbers: readonly string[]): MessageView[] {
    return this.queries.findOpen(numbers);
  }

  counts(): Record<DeliveryStatus, number> {
    return this.queries.counts();
  }
}
