// The outbox's rows as SQLite holds them (migration 0003), what goes in, and the small helpers
// the enqueue and the fallback share: one delivery row per message and channel, and addresses.
import type { DeliveryStatus, MessageChannel } from '../../../common/messages/model';
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

export const DAY_MS = 86_400_000;

/** Queues one delivery (at most one per message and channel: the UNIQUE constraint). */
export function insertDelivery(db: SqliteDatabase, messageId: string, channel: MessageChannel, address: string, now: number): void {
  db.prepare(
    `INSERT INTO message_deliveries (message_id, channel, address, status, next_at, updated_at)
     VALUES (?, ?, ?, 'queued', ?, ?) ON CONFLICT (message_id, channel) DO NOTHING`,
  ).run(messageId, channel, address, now, now);
}

/** Records a delivery that could not even be queued (no address), so the failure is visible. */
export function insertFailed(db: SqliteDatabase, messageId: string, channel: MessageChannel, now: number, reason: string): void {
  db.prepare(
    `INSERT INTO message_deliveries (message_id, channel, address, status, next_at, reason, updated_at)
     VALUES (?, ?, '', 'failed', ?, ?, ?) ON CONFLICT (message_id, channel) DO NOTHING`,
  ).run(messageId, channel, now, reason, now);
}

export function addressFor(channel: MessageChannel, e: EmployeeAddresses): string | null {
  if (channel === 'voice') return e.voicemailUri;
  if (channel === 'sip') return e.sipUri;
  return e.email;
}

/** Numbers compared by their last 9 digits ("+46 512 570 01", "0512-57001" match); extensions as is. */
export function normaliseNumbers(numbers: readonly string[]): string[] {
  return numbers
    .map((n) =>
      n
        .replace(/^sips?:/i, '')
        .replace(/@.*$/, '')
        .replace(/[^0-9]/g, ''),
    )
    .filter((d) => d.length >= 2)
    .map((d) => (d.length > 9 ? d.slice(-9) : d.length >= 7 && d.startsWith('0') ? d.slice(1) : d));
}
