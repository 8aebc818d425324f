// Where the built app lives. Bundled, this module runs as out/web/server.mjs; from source (tsx,
// tests) it runs as main/web/*.ts. Either way the build output is the repository's out/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function defaultOutDir(): string {
  const parent = path.dirname(here);
  return path.basename(parent) === 'out' ? parent : path.resolve(here, '../../out');
}
