// The orders register's storage, behind a small interface so the team store (PostgreSQL, issue 13
// item 1) can hold the same rows later. Every row has a UUID id, updated_at (ms) and updated_by
// (operator); every status change is a history row. Implementations make each method atomic:
// a status change, its history row and its mail are written together or not at all.
import type { Order, OrderFilter, OrderStatus } from '../../../common/orders/model';
import type { SharedOrder } from '../../../common/orders/shared';

/** An order as stored, without its history (the repository adds that when reading). */
export type OrderRecord = Omit<Order, 'history'>;

/** The mail to the ordering manager for one status change. */
export interface OrderMailRecord {
  id: string;
  historyId: string;
  address: string;
  nextAt: number;
}

/** A queued mail with what it needs to be written: the order and the change it reports. */
export interface DueOrderMail {
  id: string;
  address: string;
  attempts: number;
  order: Order;
  change: { from: OrderStatus | null; to: OrderStatus; at: number; by: string };
}

export interface StatusChange {
  historyId: string;
  from: OrderStatus;
  to: OrderStatus;
  at: number;
  by: string;
}

export interface OrderRepository {
  /** Stores a new order, its first history row (null → its status) and, when given, its mail. */
  insert(order: OrderRecord, historyId: string, mail: OrderMailRecord | null): void;
  /**
   * Moves the order from `change.from` to `change.to` only if it is still at `from` (another
   * operator may have moved it meanwhile); false when it was not. Writes the history row and the mail.
   */
  changeStatus(id: string, change: StatusChange, mail: OrderMailRecord | null): boolean;
  get(id: string): Order | undefined;
  /** The order as the team store shares it (history entries with their ids). */
  shared(id: string): SharedOrder | undefined;
  /** Writes another console's order and its history (idempotent); queues no mail. */
  applyShared(order: SharedOrder): void;
  /** Newest first (updated_at). */
  list(filter: Required<Pick<OrderFilter, 'limit'>> & Omit<OrderFilter, 'limit'>): Order[];
  /** Open orders for a directory person, or for a new person of that name (case-insensitive). */
  openForPerson(personId: string, name: string | undefined): Order[];
  dueMail(now: number, limit: number): DueOrderMail[];
  /** Records the outcome: sent, failed for good, or queued again for `nextAt` (attempted: count it as a try). */
  markMail(id: string, outcome: { status: 'sent' | 'failed' | 'queued'; nextAt: number; code: string | null; attempted: boolean }, at: number, by: string): void;
}
