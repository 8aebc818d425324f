// How a console connects to the team store: its own role, TLS verified against the CA and the
// server's name for any host but loopback (libpq's sslmode=verify-full semantics), plain only on
// loopback (127.0.0.0/8, ::1, localhost, a Unix socket directory). A non-loopback host is never
// reached without TLS: there is no setting that turns verification off.
import net from 'node:net';
import tls from 'node:tls';
import type { ClientConfig } from 'pg';
import type { TeamStoreSettings } from '../../../common/team/settings';

export function isLoopbackHost(host: string): boolean {
  if (host.startsWith('/')) return true; // a Unix socket directory
  if (host === 'localhost') return true;
  const h = host.replace(/^\[|\]$/g, '');
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1';
  return false;
}

export function teamClientConfig(settings: TeamStoreSettings, extra: Pick<ClientConfig, 'connectionTimeoutMillis' | 'application_name'> = {}): ClientConfig {
  const loopback = isLoopbackHost(settings.host);
  const config: ClientConfig = {
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    connectionTimeoutMillis: extra.connectionTimeoutMillis ?? 5000,
    application_name: extra.application_name ?? 'vaxel-console',
    keepAlive: true,
    // A dead server is noticed within seconds, not at the next write.
    keepAliveInitialDelayMillis: 5000,
  };
  if (!loopback || settings.tls) {
    const serverName = settings.tls?.serverName;
    config.ssl = {
      rejectUnauthorized: true,
      ...(settings.tls?.ca ? { ca: settings.tls.ca } : {}),
      // pg sets the TLS servername to the host itself, so another expected name is checked here.
      ...(serverName ? { checkServerIdentity: (_host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(serverName, cert) } : {}),
    };
  }
  return config;
}
