// CLI: `node out/web/server.mjs --data-dir DIR [--port N]`. Prints the URL (with its token) on stdout.
import { parseArgs } from 'node:util';
import { createLogger } from '../services/log/logger';
import { adminFilePath, loadAdminConfig } from '../services/settings/adminFile';
import { startWebHost } from './host';
import path from 'node:path';

const usage = 'usage: node out/web/server.mjs --data-dir DIR [--port N]';

async function main(): Promise<void> {
  let values: { 'data-dir'?: string; port?: string };
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  const dataDir = values['data-dir'];
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!dataDir || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(usage);
    process.exit(2);
  }
  const stderr = (line: string) => process.stderr.write(line + '\n');
  const log = createLogger({ file: path.join(path.resolve(dataDir), 'logs', 'vaxel-web.log'), sink: stderr });
  // The web host's logs folder is <data-dir>/logs (vaxel-web.log, rotated like the desktop app's).
  const host = await startWebHost({ dataDir, port, log, admin: loadAdminConfig(adminFilePath(), log) });
  // The only stdout line: scripts read it to find the URL. Anyone who can read it can drive the app.
  process.stdout.write(`${host.url}\n`);
  const stop = () => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`vaxel web host failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
