// Type-checks each runtime against its own tsconfig (no emit). Each config's lib/types make
// DOM code in common/ or Node code in renderer/ a compile error.
import { spawnSync } from 'node:child_process';

export const RUNTIME_CONFIGS = ['tsconfig.common.json', 'tsconfig.renderer.json', 'tsconfig.preload.json', 'tsconfig.node.json', 'tsconfig.electron.json', 'tsconfig.tooling.json'];

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  for (const config of RUNTIME_CONFIGS) {
    const r = spawnSync('npx', ['tsc', '-p', config], { stdio: 'inherit' });
    console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${config}`);
    if (r.status !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}
