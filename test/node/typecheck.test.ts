// Each runtime type-checks against its own tsconfig (scripts/typecheck.mjs lists them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
// @ts-expect-error plain .mjs script without types
import { RUNTIME_CONFIGS } from '../../scripts/typecheck.mjs';

const root = path.resolve(import.meta.dirname, '../..');

for (const config of RUNTIME_CONFIGS as string[]) {
  test(`typecheck ${config}`, () => {
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', config], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
}
