// Bundles page.ts with esbuild into a directory and serves it from 127.0.0.1 (a secure context
// for getUserMedia) on a free port. One server per process, started on first use.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sipGrammarEsbuildPlugin } from '../../scripts/sip-grammar-speedup.mjs';

const PAGE_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.ts');
const HTML = '<!doctype html><meta charset="utf-8"><title>Växel lab phone</title><script src="phone.js"></script>\n';

export interface PhonePageServer {
  url: string;
  dir: string;
  close(): Promise<void>;
}

let running: Promise<PhonePageServer> | null = null;

async function start(runDir?: string): Promise<PhonePageServer> {
  const dir = runDir ? path.join(runDir, 'phone') : fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-lab-phone-'));
  fs.mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [PAGE_SOURCE],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    outfile: path.join(dir, 'phone.js'),
    logLevel: 'warning',
    // the console's SIP.js grammar fix, so lab peers cost the machine as little as the console does
    plugins: [sipGrammarEsbuildPlugin()],
  });
  fs.writeFileSync(path.join(dir, 'index.html'), HTML);
  const files: Record<string, [string, string]> = {
    '/': ['index.html', 'text/html; charset=utf-8'],
    '/phone.js': ['phone.js', 'text/javascript; charset=utf-8'],
  };
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f[1] });
    fs.createReadStream(path.join(dir, f[0])).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref(); // never keep a test process alive
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    dir,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function phonePageServer(runDir?: string): Promise<PhonePageServer> {
  running ??= start(runDir);
  return running;
}

export async function closePhonePageServer(): Promise<void> {
  const s = running;
  running = null;
  if (s) await (await s).close();
}
