// The message settings (channels per employee, SMTP, retention) and the policy they give, stored
// in SQLite with the SMTP password encrypted at rest (P-SECRECY: no secrets on disk in clear text).
import type { MessageChannelPolicy, MessageSettings } from '../../../common/messages/model';
import { DEFAULT_MESSAGE_SETTINGS, MessageSettings as MessageSettingsSchema } from '../../../common/messages/model';
import type { SecretCipher } from '../settings/cipher';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../storage';

export class OutboxSettings {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly log: Logger,
    private readonly cipher: SecretCipher | undefined,
  ) {}

  /** The stored settings; the defaults when none or invalid (logged), without a password it cannot decrypt. */
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

  save(settings: MessageSettings): MessageSettings {
    const valid = MessageSettingsSchema.parse(settings);
    this.db
      .prepare("INSERT INTO message_settings (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(this.cipher && valid.smtp?.password ? { ...valid, smtp: { ...valid.smtp, password: this.cipher.encrypt(valid.smtp.password) } } : valid));
    this.log.info('messages.settings-saved', { channels: valid.policy.channels.length, retentionDays: valid.retentionDays });
    return valid;
  }

  /** The employee's own channel policy, or the default one. */
  policyFor(extension: string | null): MessageChannelPolicy {
    const s = this.settings();
    return (extension && s.perEmployee[extension]) || s.policy;
  }
}
