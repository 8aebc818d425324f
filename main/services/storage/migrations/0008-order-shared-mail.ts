// Orders shared through the team store (issue 13 point 1): a history row that came from another
// console carries that console's mail status (queued, sent, failed, none) in shared_mail, because
// only the console that made a change mails the manager, so this console has no order_mail row
// for it. Own rows keep shared_mail NULL and read their status from order_mail as before.
import type { Migration } from './types';

export const migration0008OrderSharedMail: Migration = {
  version: 8,
  name: 'order-shared-mail',
  up(db) {
    db.exec(`ALTER TABLE order_history ADD COLUMN shared_mail TEXT CHECK (shared_mail IS NULL OR shared_mail IN ('queued', 'sent', 'failed', 'none'))`);
  },
};
