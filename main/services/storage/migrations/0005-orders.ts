// The orders register (P-ORDERS, issue 13 item 4). Every row has a UUID id, updated_at (ms) and
// updated_by (the operator), so the team store can replicate the tables row by row later.
// - orders: one per order, with its current status; the manager's name and e-mail are kept as they
//   were when the order was taken (a manager who leaves the directory is still the one who ordered).
// - order_history: every status change (from → to, who, when); the first row has from = NULL.
// - order_mail: the e-mail to the ordering manager for each status change, queued in the same
//   transaction as the change so a crash never loses one; sent by main (services/orders/mailer.ts).
import type { Migration } from './types';

export const migration0005Orders: Migration = {
  version: 5,
  name: 'orders',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('extension-new', 'extension-move', 'extension-cancel', 'mobile-new', 'mobile-cancel')),
        status TEXT NOT NULL CHECK (status IN ('mottagen', 'bestalld', 'klar', 'avbruten')),
        manager_id TEXT NOT NULL,
        manager_name TEXT NOT NULL,
        manager_email TEXT,
        person_id TEXT,
        person_name TEXT NOT NULL,
        unit_id TEXT,
        unit_name TEXT NOT NULL DEFAULT '',
        from_date TEXT NOT NULL,
        number TEXT,
        notes TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX orders_status ON orders (status, updated_at);
      CREATE INDEX orders_unit ON orders (unit_id);
      CREATE INDEX orders_person ON orders (person_id);
      CREATE TABLE order_history (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_status TEXT CHECK (from_status IS NULL OR from_status IN ('mottagen', 'bestalld', 'klar', 'avbruten')),
        to_status TEXT NOT NULL CHECK (to_status IN ('mottagen', 'bestalld', 'klar', 'avbruten')),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX order_history_order ON order_history (order_id, updated_at);
      CREATE TABLE order_mail (
        id TEXT PRIMARY KEY,
        history_id TEXT NOT NULL UNIQUE REFERENCES order_history (id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        code TEXT,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX order_mail_due ON order_mail (status, next_at);
    `);
  },
};
