// `npm test`: typecheck and layer rules (inside the Node tier), build, then the three tiers.
// Ends with the line CI reads: "N passed, N failed, N skipped". A skipped tier is reported as
// skipped with its reason, never as passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-')); // e.g. `npm test -- node browser`
const tiers = only.length ? only : ['node', 'browser', 'electron'];
const total = { passed: 0, failed: 0, skipped: 0, failures: [] };
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });

function findTests(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => /\.test\.tsx?$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function run(cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function runTier(name, files, extraArgs = []) {
  if (!files.length) {
    console.log(`\n== ${name} tier: no test files`);
    return;
  }
  console.log(`\n== ${name} tier: ${files.length} files`);
  const tallyFile = path.join(root, '.tmp', `tally-${name}.json`);
  fs.rmSync(tallyFile, { force: true });
  run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/count-reporter.mjs',
      '--test-reporter-destination=.tmp/reporter.out',
      ...extraArgs,
      ...files,
    ],
    { VAXEL_TALLY_FILE: tallyFile, VAXEL_TEST_TIER: name },
  );
  if (!fs.existsSync(tallyFile)) {
    total.failed++;
    total.failures.push(`${name} tier: the test runner ended without a tally`);
    return;
  }
  const tally = JSON.parse(fs.readFileSync(tallyFile, 'utf8'));
  for (const key of ['passed', 'failed', 'skipped']) total[key] += tally[key];
  total.failures.push(...tally.failures);
}

if (tiers.includes('node')) runTier('node', findTests('test/node'));

if (tiers.includes('browser') || tiers.includes('electron')) {
  console.log('\n== build');
  if (run(process.execPath, ['scripts/build.mjs']) !== 0) {
    total.failed++;
    total.failures.push('build failed');
  }
}

if (tiers.includes('browser')) runTier('browser', findTests('test/browser'), ['--test-concurrency=1']);
if (tiers.includes('electron')) runTier('electron', findTests('test/electron'), ['--test-concurrency=1']);

if (total.failures.length) {
  console.log('\nFailures:');
  for (const f of total.failures) console.log(`  - ${f}`);
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
