// The contract over a WebSocket at /ipc. The upgrade is refused unless the Origin is this host's own
// origin and the per-run token is offered; every frame is parsed defensively, so a bad frame earns
// an error envelope and the socket (and the host) keep serving.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName } from '../../common/ipc/contract';
import { WEB_IPC_PATH, WEB_IPC_PROTOCOL, WireRequest, type WireEvent, type WireResponse } from '../../common/ipc/wire';
import { describeZodError, type Dispatch } from '../services/ipc/dispatcher';
import type { Logger } from '../services/log/logger';
import { tokenFromProtocols, tokensEqual } from './token';

export interface IpcSocketOptions {
  token: string;
  /** e.g. http://127.0.0.1:43123 — set once the server listens. */
  origin: () => string;
  dispatch: Dispatch;
  log: Logger;
}

const MAX_FRAME_BYTES = 1024 * 1024;

export function createIpcSocket(options: IpcSocketOptions) {
  const { log } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(WEB_IPC_PROTOCOL) ? WEB_IPC_PROTOCOL : false),
  });

  const refuse = (socket: Duplex, status: number, reason: string) => {
    log.warn('web.ipc-refused', { reason });
    socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const reply = (ws: WebSocket, response: WireResponse) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
  };

  const onFrame = async (ws: WebSocket, data: Buffer, isBinary: boolean) => {
    if (isBinary) return reply(ws, { id: null, envelope: invalid('binary frames are not accepted; send JSON text') });
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      log.warn('web.ipc-malformed-frame', { bytes: data.length });
      return reply(ws, { id: null, envelope: invalid('frame is not valid JSON') });
    }
    const request = WireRequest.safeParse(json);
    if (!request.success) {
      const id = idOf(json);
      log.warn('web.ipc-bad-request', { issues: request.error.issues.length });
      return reply(ws, { id, envelope: invalid(`frame is not a request: ${describeZodError(request.error)}`) });
    }
    const { id, method, input } = request.data;
    reply(ws, { id, envelope: await options.dispatch(method, input) });
  };

  wss.on('connection', (ws) => {
    log.info('web.ipc-connected', { clients: wss.clients.size });
    ws.on('message', (data, isBinary) => {
      onFrame(ws, Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]), isBinary).catch(() => {
        log.error('web.ipc-frame-failed');
      });
    });
    // An oversized frame or a protocol error closes only this socket; log it and move on.
    ws.on('error', (error) => log.warn('web.ipc-socket-error', { error: error.name }));
  });

  return {
    handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
      const pathname = (req.url ?? '').split('?')[0];
      if (pathname !== WEB_IPC_PATH) return refuse(socket, 404, 'path');
      if (req.headers.origin !== options.origin()) return refuse(socket, 403, 'origin');
      const token = tokenFromProtocols(req.headers['sec-websocket-protocol']);
      if (token === undefined || !tokensEqual(options.token, token)) return refuse(socket, 403, 'token');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    broadcast(event: EventName, payload: unknown): void {
      const frame = JSON.stringify({ event, payload } satisfies WireEvent);
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
    },
    close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function invalid(message: string): WireResponse['envelope'] {
  return { ok: false, error: { code: 'invalid-payload', message } };
}

function idOf(json: unknown): string | number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = (json as { id: unknown }).id;
  return (typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isInteger(id)) ? id : null;
}
