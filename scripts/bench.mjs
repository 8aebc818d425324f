// `npm run bench`: runs every bench/**/*.bench.ts in turn. Benchmarks print figures and ratios
// against a baseline measured in the same run; they never pass or fail on timing.
// `npm run bench -- directory` runs only files whose path contains "directory".
// Benchmarks of the built app (they call builtOutDir()) get a fresh build first (scripts/build.mjs,
// to VAXEL_OUT or out/), so they run from a fresh clone after `npm ci` and measure the current
// source. Exit code: non-zero only when a build or a measurement failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const dir = path.join(root, 'bench');
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
  : [];
const chosen = files.filter((f) => !filters.length || filters.some((x) => f.includes(x)));
if (!chosen.length) {
  console.log('no benchmarks matched');
  process.exit(1);
}
const needsBuild = chosen.filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('builtOutDir('));
if (needsBuild.length) {
  console.log(`building the app for ${needsBuild.map((f) => `bench/${f}`).join(', ')}`);
  const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('the build failed: nothing to measure');
    process.exit(1);
  }
}
let failed = 0;
for (const file of chosen) {
  console.log(`\n=== bench/${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${file}: exited with ${r.status ?? r.signal} (a measurement failed)`);
  }
}
process.exit(failed ? 1 : 0);
