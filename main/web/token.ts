// The per-run secret that proves a WebSocket client was opened from the URL this host printed.
import crypto from 'node:crypto';
import { WEB_TOKEN_PROTOCOL_PREFIX } from '../../common/ipc/wire';

export function createToken(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** Constant time whatever the input: both sides are hashed to equal length before comparing. */
export function tokensEqual(expected: string, given: string): boolean {
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The token offered in a Sec-WebSocket-Protocol header value, if any. */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const offered = header.split(',').map((p) => p.trim());
  const entry = offered.find((p) => p.startsWith(WEB_TOKEN_PROTOCOL_PREFIX));
  return entry?.slice(WEB_TOKEN_PROTOCOL_PREFIX.length);
}
