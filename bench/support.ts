// Shared start of the SIP and browser benchmarks: run inside a loopback-only network namespace
// (re-running this script inside one, as root), and find the build under test (VAXEL_OUT or out/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNetns, execInNetns, isLoopbackOnlyNamespace, isRoot } from '../lab/netns.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Returns when already in a loopback-only namespace; otherwise re-runs `script` in `netns` and exits with its code. */
export async function runInLoopbackNamespace(script: string, netns: string): Promise<void> {
  if (isLoopbackOnlyNamespace()) return;
  if (!isRoot()) {
    console.error(
      `${path.relative(REPO_ROOT, script)} needs a loopback-only network namespace (SIP and WebRTC must not leave lo). ` +
        `Run as root (it creates ${netns}), or inside one: ip netns exec <ns> node --import tsx ${path.relative(REPO_ROOT, script)}`,
    );
    process.exit(2);
  }
  ensureNetns(netns);
  process.exit(await execInNetns(netns, [process.execPath, '--import', 'tsx', script]));
}

/**
 * The built app under test (`npm run bench` builds it first). Run on its own from a clone that was
 * never built, it builds it now; exits when the build fails.
 */
export function builtOutDir(): string {
  const outDir = path.resolve(REPO_ROOT, process.env.VAXEL_OUT ?? 'out');
  if (!fs.existsSync(path.join(outDir, 'renderer', 'index.html'))) {
    console.log(`no built app in ${path.relative(REPO_ROOT, outDir) || '.'}/: building it (scripts/build.mjs)`);
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, VAXEL_OUT: outDir } });
    if (r.status !== 0 || !fs.existsSync(path.join(outDir, 'renderer', 'index.html'))) {
      console.error(`the build into ${outDir} failed: nothing to measure`);
      process.exit(1);
    }
  }
  return outDir;
}
