// Read-only queries over the outbox: a message with its deliveries as the UI sees it, the list,
// open callbacks for a caller or employee, counts per status, and when the next delivery is due.
import type { DeliveryStatus, DeliveryView, MessageChannel, MessageView } from '../../../common/messages/model';
import type { SqliteDatabase } from '../storage';
import { normaliseNumbers, type DeliveryRow, type MessageRow } from './outbox-rows';

export class OutboxQueries {
  constructor(private readonly db: SqliteDatabase) {}

  view(id: string): MessageView | null {
    const row = this.db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?').get(id);
    return row ? this.toView(row) : null;
  }

  list(limit: number, openOnly = false): MessageView[] {
    const rows = this.db
      .prepare<[number], MessageRow>(`SELECT * FROM messages ${openOnly ? 'WHERE callback_wanted = 1 AND callback_done_at IS NULL' : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(limit);
    return rows.map((r) => this.toView(r));
  }

  /** Open callbacks whose caller is one of `numbers`, or whose employee is (the employee rings in). */
  findOpen(numbers: readonly string[]): MessageView[] {
    const wanted = new Set(normaliseNumbers(numbers));
    if (!wanted.size) return [];
    const rows = this.db.prepare<[], MessageRow>('SELECT * FROM messages WHERE callback_wanted = 1 AND callback_done_at IS NULL ORDER BY created_at DESC LIMIT 500').all();
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

  /** The earliest next_at of a queued delivery of these channels, or null. */
  nextDue(channels: readonly MessageChannel[]): number | null {
    const marks = channels.map(() => '?').join(',');
    return this.db
      .prepare(`SELECT min(next_at) FROM message_deliveries WHERE status = 'queued' AND channel IN (${marks})`)
      .pluck()
      .get(...channels) as number | null;
  }

  private toView(r: MessageRow): MessageView {
    const deliveries = this.db
      .prepare<[string], DeliveryRow>('SELECT * FROM message_deliveries WHERE message_id = ? ORDER BY id')
      .all(r.id)
      .map((d): DeliveryView => ({ channel: d.channel, status: d.status, attempts: d.attempts, reason: d.reason, updatedAt: d.updated_at }));
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
