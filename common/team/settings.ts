// The shared team store's settings (issue 13): where the PostgreSQL server is and the operator's
// own database role. Absent: the console works on its SQLite file alone (the one-console default).
// The password is a secret: encrypted at rest like the SIP password (main/services/settings/secrets.ts).
import { z } from 'zod';

export const TeamStoreSettings = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(5432),
    database: z.string().min(1).max(63).default('vaxel_team'),
    /** The operator's own login role (a member of vaxel_operator), never a shared or admin role. */
    user: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a database role: lower-case letters, digits, _'),
    password: z.string().max(256),
    /**
     * TLS, required for any host but loopback, always verified (sslmode verify-full): the server's
     * certificate must chain to `ca` (PEM; absent: the system's CAs) and name `serverName` (absent: host).
     */
    tls: z
      .object({
        ca: z.string().max(20000).optional(),
        serverName: z.string().max(255).optional(),
      })
      .optional(),
  })
  .strict();
export type TeamStoreSettings = z.infer<typeof TeamStoreSettings>;

/** The team store's state as the console shows it. */
export const TeamStatus = z.object({
  /** off: no team store configured; online: connected and listening; offline: working on the local copy. */
  state: z.enum(['off', 'connecting', 'online', 'offline']),
  /** Own changes waiting for the server. */
  queued: z.number().int().nonnegative(),
  /** Why the last connection failed, for IT (no call data). */
  error: z.string().nullable(),
});
export type TeamStatus = z.infer<typeof TeamStatus>;

/** Told to the operator whose change was overwritten by a colleague's later one, or came too late. */
export const TeamConflict = z.object({
  kind: z.string(),
  recordKey: z.string(),
  /** The operator whose change won. */
  winner: z.string(),
  at: z.number(),
});
export type TeamConflict = z.infer<typeof TeamConflict>;
