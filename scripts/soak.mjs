// `npm run soak -- <name> [options]`: runs test/soak/<name>.soak.ts (e.g. `kill`, the kill -9 crash
// loop). Soaks are long, bounded runs that print figures; they fail on lost data or broken
// invariants, never on timing. Without a name it lists the soaks there are.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'soak');
const names = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.soak.ts'))
      .map((f) => f.slice(0, -'.soak.ts'.length))
  : [];
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.log(`usage: npm run soak -- <${names.join('|')}> [options]`);
  process.exit(name ? 1 : 0);
}
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, `${name}.soak.ts`), ...rest], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
