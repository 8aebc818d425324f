// Is the primary server back? A bare WebSocket with the SIP subprotocol (RFC 7118): true when it
// upgrades within `timeoutMs`, then closed at once. Nothing is sent on it, so the server sees a
// connection without SIP and no registration moves until the manager decides to move.
export function webSocketOpens(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, 'sip');
    } catch {
      resolve(false); // a malformed URL: never "back"
      return;
    }
    const done = (up: boolean) => {
      clearTimeout(timer);
      ws.onopen = ws.onerror = ws.onclose = null;
      try {
        ws.close();
      } catch {
        /* already closed */
      }
      resolve(up);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    ws.onopen = () => done(true);
    ws.onerror = () => done(false);
    ws.onclose = () => done(false);
  });
}
