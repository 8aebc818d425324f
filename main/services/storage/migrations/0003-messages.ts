// The message pad's outbox (D-MSGPAD): a message is stored here before any attempt to deliver it.
// - messages: what the operator wrote down; deleted when expires_at passes (retention, P-SECRECY).
// - message_deliveries: one row per message and channel (UNIQUE: a channel is never queued twice),
//   with its state, the lease of the attempt in progress and the backoff for the next.
// - message_attempts: every attempt, recorded before it starts, closed with its outcome code.
// - message_settings: the channel policy, retention and SMTP server, as JSON.
import type { Migration } from './types';

export const migration0003Messages: Migration = {
  version: 3,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        operator TEXT NOT NULL,
        caller_number TEXT NOT NULL,
        caller_name TEXT NOT NULL,
        called_at INTEGER NOT NULL,
        switchboard_id TEXT,
        dialled_number TEXT NOT NULL,
        employee TEXT NOT NULL,
        employee_name TEXT NOT NULL,
        employee_extension TEXT,
        employee_numbers TEXT NOT NULL DEFAULT '',
        employee_addresses TEXT NOT NULL DEFAULT '{}',
        body TEXT NOT NULL,
        callback_wanted INTEGER NOT NULL CHECK (callback_wanted IN (0, 1)),
        urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
        callback_done_at INTEGER,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_expires_at ON messages (expires_at);
      CREATE INDEX messages_open ON messages (callback_wanted, callback_done_at);
      CREATE TABLE message_deliveries (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        channel TEXT NOT NULL CHECK (channel IN ('voice', 'sip', 'email')),
        address TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        lease_token TEXT,
        lease_until INTEGER,
        progress TEXT,
        reason TEXT,
        updated_at INTEGER NOT NULL,
        UNIQUE (message_id, channel)
      ) STRICT;
      CREATE INDEX message_deliveries_due ON message_deliveries (status, channel, next_at);
      CREATE TABLE message_attempts (
        id INTEGER PRIMARY KEY,
        delivery_id INTEGER NOT NULL REFERENCES message_deliveries (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        outcome TEXT,
        code TEXT
      ) STRICT;
      CREATE TABLE message_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
