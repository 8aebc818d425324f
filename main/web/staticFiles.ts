// Serves the built renderer read-only: GET/HEAD, files under the root only (no traversal, no
// symlinks out), index.html with the web bridge injected, security headers on every response.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

export const BRIDGE_PATH = '/vaxel-web-preload.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Puts the bridge before the first script so window.vaxel exists before the renderer runs. */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + tag + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return html.slice(0, headEnd) + tag + html.slice(headEnd);
  return tag + html;
}

/** The file a URL path names inside root, or undefined when it would escape root. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

export interface StaticOptions {
  rendererDir: string;
  bridgeScript: string;
  headers: () => Record<string, string>;
}

export function createStaticHandler(options: StaticOptions) {
  const root = fs.realpathSync(options.rendererDir);
  const send = (res: http.ServerResponse, status: number, body: string | Buffer, type: string, head: boolean) => {
    res.writeHead(status, { ...options.headers(), 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  };
  const notFound = (res: http.ServerResponse, head: boolean) => send(res, 404, 'Not found\n', 'text/plain; charset=utf-8', head);

  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'Method not allowed\n', 'text/plain; charset=utf-8', false);
    }
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (pathname === BRIDGE_PATH) {
      const bridge = readFileOrUndefined(options.bridgeScript);
      return bridge ? send(res, 200, bridge, TYPES['.js']!, head) : notFound(res, head);
    }
    const wanted = pathname.endsWith('/') ? pathname + 'index.html' : pathname;
    const file = resolveInside(root, wanted);
    const real = file && realInside(root, file);
    if (!real) return notFound(res, head);
    const body = readFileOrUndefined(real);
    if (!body) return notFound(res, head);
    if (path.basename(real) === 'index.html') {
      res.setHeader('Cache-Control', 'no-store');
      return send(res, 200, injectBridge(body.toString('utf8')), contentType(real), head);
    }
    send(res, 200, body, contentType(real), head);
  };
}

/** Follows symlinks and re-checks, so a link inside the renderer cannot point outside it. */
function realInside(root: string, file: string): string | undefined {
  try {
    const real = fs.realpathSync(file);
    if (!(real === root || real.startsWith(root + path.sep))) return undefined;
    return fs.statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function readFileOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
