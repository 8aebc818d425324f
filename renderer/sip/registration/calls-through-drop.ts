// Calls that survive a blip (issue 17 point 4). When the WebSocket drops (or the keep-alive finds
// it silent) while a call is up, the UserAgent and its sessions are kept: the same transport
// reconnects to the same server for a while, the console re-registers, and each call's dialog
// gets a re-INVITE over the new connection, so the other party's requests reach us again (the
// PBX's Contact alias now names the new connection). The media never went through the WebSocket,
// so audio goes on meanwhile. Only when the server stays away past the window are the calls ended.
import { Invitation, SessionState, TransportState, type Session, type UserAgent } from 'sip.js';
import { errorName, type ReportLog } from '../log';

/** How long a drop may last with calls kept (ms): covers a 10 s drop plus the keep-alive finding it. */
export const DEFAULT_KEEP_CALLS_MS = 15000;
const RETRY_MS = 500;
const CONNECT_WAIT_MS = 4000;

/** The UserAgent's calls worth keeping: talking, or being answered. */
export function liveSessions(ua: UserAgent): Session[] {
  return Object.values(ua._sessions).filter((s) => s.state === SessionState.Established || (s instanceof Invitation && s.state === SessionState.Establishing));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reconnects this UserAgent's transport until it is up or `deadline` passes; `current()` false stops it early. */
export async function reconnectUntil(ua: UserAgent, deadline: number, now: () => number, current: () => boolean): Promise<boolean> {
  // A silent drop leaves a socket that looks open: close it first (no waiting for a handshake).
  if (ua.transport.state === TransportState.Connected) void ua.transport.disconnect().catch(() => undefined);
  while (current() && now() < deadline) {
    const attempt = ua.reconnect().then(
      () => true,
      () => false,
    );
    const connected = await Promise.race([attempt, sleep(CONNECT_WAIT_MS).then(() => false)]);
    if (connected && ua.transport.state === TransportState.Connected) return true;
    await sleep(RETRY_MS);
  }
  return false;
}

/** Re-INVITEs each kept call over the new connection; a peer that says the dialog is gone (481, 408) ends it. */
export function refreshDialogs(sessions: readonly Session[], log: ReportLog): void {
  for (const session of sessions) {
    if (session.state !== SessionState.Established) continue;
    session
      .invite({
        requestDelegate: {
          onAccept: () => log({ level: 'info', code: 'call.kept-through-drop' }),
          onReject: (response) => {
            const status = response.message.statusCode ?? 0;
            log({ level: 'warn', code: 'call.refresh-rejected', detail: { status } });
            if (status === 481 || status === 408) void session.bye().catch(() => session.dispose().catch(() => undefined));
          },
        },
      })
      .catch((error: unknown) => log({ level: 'warn', code: 'call.refresh-failed', detail: { error: errorName(error) } }));
  }
}
