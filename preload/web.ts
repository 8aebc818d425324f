// The web host's bridge: a plain script served before the renderer. It takes the per-run token
// from the URL fragment (which browsers never send to the server), removes it from the address bar,
// and defines window.vaxel over a WebSocket carrying the same contract as Electron's IPC.
// Calls made before the socket opens are queued; a dropped socket is reopened with backoff.
import type { Envelope, EventName, MethodName } from '../common/ipc/contract';
import { WEB_IPC_PATH, WEB_IPC_PROTOCOL, WEB_TOKEN_PROTOCOL_PREFIX, type WireEvent, type WireResponse } from '../common/ipc/wire';
import { createApi, type Transport } from './createApi';

const TOKEN_KEY = 'vaxel.token';

/** Reads and strips `token=` from the fragment, keeping any other fragment (hash routes). */
function takeToken(): string | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const fromHash = params.get('token');
  if (fromHash) {
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    // Per tab, same origin only: lets a reload reconnect without the token in the address bar.
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

function createSocketTransport(token: string | undefined): Transport {
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let queue: { id: number; frame: string }[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let delay = 250;

  const fail = (message: string): Envelope<unknown> => ({ ok: false, error: { code: 'disconnected', message } });

  const open = () => {
    if (!token) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_IPC_PATH}`;
    const ws = new WebSocket(url, [WEB_IPC_PROTOCOL, WEB_TOKEN_PROTOCOL_PREFIX + token]);
    socket = ws;
    ws.onopen = () => {
      delay = 250;
      for (const queued of queue) ws.send(queued.frame);
      queue = [];
    };
    ws.onmessage = (message) => {
      let frame: Partial<WireResponse & WireEvent>;
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (frame.event !== undefined) {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      } else if (typeof frame.id === 'number' && frame.envelope) {
        pending.get(frame.id)?.(frame.envelope);
        pending.delete(frame.id);
      }
    };
    ws.onclose = () => {
      socket = undefined;
      // A call already sent may or may not have run; say so rather than guess or hang.
      for (const [id, settle] of pending) {
        if (!queue.some((queued) => queued.id === id)) {
          settle(fail('The connection to the Växel host was lost during the call; it may or may not have completed.'));
          pending.delete(id);
        }
      }
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  open();

  return {
    invoke(method: MethodName, input: unknown) {
      if (!token) return Promise.resolve(fail('No access token: open Växel with the URL the web host printed.'));
      const id = nextId++;
      const frame = JSON.stringify({ id, method, input });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push({ id, frame });
      });
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
  };
}

Object.defineProperty(window, 'vaxel', {
  value: createApi(createSocketTransport(takeToken())),
  enumerable: true,
  writable: false,
  configurable: false,
});
