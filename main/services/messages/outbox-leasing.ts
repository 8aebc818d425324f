// Leasing: how a delivery goes out exactly once per channel, as far as the channel allows.
// claim() leases a due row and records the attempt in one IMMEDIATE transaction before any network
// traffic; only the lease holder may finish() it; recover() resolves leases that ran out (see
// outbox.ts for the rules per channel). A retry waits the project's backoff (common/backoff.ts).
import crypto from 'node:crypto';
import type { MessageChannel } from '../../../common/messages/model';
import { backoffDelay, type BackoffPolicy } from '../../../common/backoff';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../storage';
import type { OutboxSettings } from './outbox-settings';
import { addressFor, insertDelivery, type Claimed, type DeliveryRow, type EmployeeAddresses, type MessageRow, type Outcome } from './outbox-rows';

export interface LeasingDeps {
  readonly db: SqliteDatabase;
  readonly log: Logger;
  readonly now: () => number;
  readonly settings: OutboxSettings;
  /** Delay before a retry, by attempts so far (no jitter: one worker per channel and console). */
  readonly retry: BackoffPolicy;
  /** A delivery still not through after this long is failed with 'expired.<code>'. */
  readonly giveUpAfterMs: number;
  /** Tells the outbox's listeners that something changed. */
  readonly changed: () => void;
}

export class Leasing {
  private readonly db: SqliteDatabase;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly settings: OutboxSettings;
  private readonly changed: () => void;

  constructor(private readonly deps: LeasingDeps) {
    this.db = deps.db;
    this.log = deps.log;
    this.now = deps.now;
    this.settings = deps.settings;
    this.changed = deps.changed;
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
    const r = this.db.prepare(`UPDATE message_deliveries SET progress = ?, updated_at = ? WHERE id = ? AND status = 'sending' AND lease_token = ?`).run(progress, this.now(), deliveryId, token);
    return r.changes === 1;
  }

  /** Records the attempt's outcome; ignored (false) unless the lease is still the current one. */
  finish(deliveryId: number, token: string, outcome: Outcome, code: string): boolean {
    const now = this.now();
    const tx = this.db.transaction((): DeliveryRow | null => {
      const row = this.db.prepare<[number, string], DeliveryRow>(`SELECT * FROM message_deliveries WHERE id = ? AND status = 'sending' AND lease_token = ?`).get(deliveryId, token);
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
    this.db.prepare('UPDATE message_attempts SET ended_at = ?, outcome = ?, code = ? WHERE delivery_id = ? AND attempt = ? AND ended_at IS NULL').run(now, outcome, code, row.id, row.attempts);
  }

  private resolve(row: DeliveryRow, outcome: Outcome, code: string, now: number): void {
    const created = this.db.prepare<[string], { created_at: number }>('SELECT created_at FROM messages WHERE id = ?').get(row.message_id);
    if (outcome === 'retry' && created && now - created.created_at > this.deps.giveUpAfterMs) {
      outcome = 'failed';
      code = `expired.${code}`.slice(0, 48);
    }
    if (outcome === 'retry') {
      const delay = backoffDelay(row.attempts, this.deps.retry);
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
    const fb = this.settings.policyFor(msg.employee_extension).voiceFallback;
    if (!fb || fb === 'voice') return;
    const stored = JSON.parse(msg.employee_addresses) as Partial<EmployeeAddresses>;
    const address = addressFor(fb, { name: '', extension: null, numbers: [], email: stored.email ?? null, sipUri: stored.sipUri ?? null, voicemailUri: stored.voicemailUri ?? null });
    if (!address) return;
    insertDelivery(this.db, msg.id, fb, address, now);
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
        .prepare<unknown[], DeliveryRow>(`SELECT * FROM message_deliveries WHERE status = 'sending' AND channel IN (${marks}) AND (? = 1 OR lease_until <= ?)`)
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
}
