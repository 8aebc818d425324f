// The renderer's Content Security Policy: scripts only from the app itself, WebSockets only to the
// loopback host (web host IPC, lab SIP) and the SIP servers in the settings, media from blob:.
import type { SettingsState } from '../../../common/settings/schema';

/** ws/wss origins of every configured SIP server; malformed entries are skipped, not trusted. */
export function sipServerOrigins(state: SettingsState): string[] {
  if (state.status !== 'ok') return [];
  const origins = new Set<string>();
  for (const account of state.settings.accounts) {
    for (const server of account.servers) {
      try {
        const url = new URL(server);
        if (url.protocol === 'ws:' || url.protocol === 'wss:') origins.add(`${url.protocol}//${url.host}`);
      } catch {
        // the schema already rejects these; never widen the policy for one
      }
    }
  }
  return [...origins];
}

export function buildCsp(options: { connect: string[] }): string {
  const connect = ["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*', ...options.connect];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
