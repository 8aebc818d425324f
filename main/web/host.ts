// The services hosted for a plain browser: the built renderer over HTTP and the contract over a
// WebSocket, both on 127.0.0.1 only. Used by the browser test tier and where no Electron binary exists.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { eventNames } from '../../common/ipc/contract';
import { createServices } from '../services/app/createServices';
import { createLogger, type Logger } from '../services/log/logger';
import type { AdminConfig } from '../services/settings/adminFile';
import { buildCsp, sipServerOrigins } from '../services/security/csp';
import { createKeyFileCipher } from '../services/settings/keyFileCipher';
import { createIpcSocket } from './ipcSocket';
import { defaultOutDir } from './paths';
import { createStaticHandler } from './staticFiles';
import { createToken } from './token';

export interface WebHostOptions {
  dataDir: string;
  /** 0 (the default) picks any free port. */
  port?: number;
  rendererDir?: string;
  preloadScript?: string;
  log?: Logger;
  /** The machine's admin file (server.ts reads it from adminFilePath()); none: nothing provisioned. */
  admin?: AdminConfig;
  /** The switchboard-hours clock (tests put "now" five minutes before closing); default Date.now. */
  switchboardNow?: () => number;
}

export interface WebHost {
  /** Open this in the browser: http://127.0.0.1:PORT/#token=… (the fragment never reaches the server). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = options.log ?? createLogger({ file: path.join(dataDir, 'logs', 'vaxel-web.log') });
  const rendererDir = path.resolve(options.rendererDir ?? path.join(defaultOutDir(), 'renderer'));
  const preloadScript = path.resolve(options.preloadScript ?? path.join(defaultOutDir(), 'preload', 'web.js'));
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir} (index.html missing). Run \`npm run build\` or pass rendererDir.`);
  }

  const services = createServices({
    host: 'web',
    appVersion: pkg.version,
    dataDir,
    cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log),
    log,
    admin: options.admin,
    switchboardNow: options.switchboardNow,
  });
  const token = createToken();
  let origin = '';
  let host = '';

  const headers = () => ({
    'Content-Security-Policy': buildCsp({ connect: sipServerOrigins(services.settings.get()) }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  });
  const serveStatic = createStaticHandler({ rendererDir, bridgeScript: preloadScript, headers });
  const ipc = createIpcSocket({ token, origin: () => origin, dispatch: services.dispatch, log });
  // Every contract event reaches the page: one added to the contract is forwarded without a line here.
  const offEvents = eventNames.map((name) => services.events.on(name, (payload) => ipc.broadcast(name, payload)));

  // A Host other than our own address means DNS rebinding or a confused proxy: refuse it.
  const server = http.createServer((req, res) => {
    if (req.headers.host !== host) {
      log.warn('web.bad-host');
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    serveStatic(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (req.headers.host !== host) {
      log.warn('web.bad-host');
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    ipc.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  host = `${LOOPBACK}:${port}`;
  origin = `http://${host}`;
  log.info('web.listening', { port });
  services.directory.start();

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      for (const off of offEvents) off();
      // Sockets first, so no call-log write arrives after the database is closed.
      await ipc.close();
      services.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
