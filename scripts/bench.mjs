// `npm run bench`: runs every bench/**/*.bench.ts in turn. Benchmarks print figures and ratios
// against a baseline measured in the same run; they never pass or fail on timing.
// `npm run bench -- directory` runs only files whose path contains "directory".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const dir = path.join(root, 'bench');
const files = fs.existsSync(dir)
  ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.bench.ts')).sort()
  : [];
const chosen = files.filter((f) => !filters.length || filters.some((x) => f.includes(x)));
if (!chosen.length) {
  console.log('no benchmarks matched');
  process.exit(1);
}
let failed = 0;
for (const file of chosen) {
  console.log(`\n=== bench/${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
