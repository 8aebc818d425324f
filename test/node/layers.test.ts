// The runtime boundaries of ARCHITECTURE.md, checked on every `npm test`: each tsconfig
// compiles, each rejects the other runtime's APIs, the import rules hold, and every npm
// dependency is classified by runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** Compiles one fixture with the compiler options of a runtime's tsconfig. */
function compileWith(config: string, fixture: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-tsc-'));
  const probe = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(probe, JSON.stringify({ extends: path.join(root, config), include: [], files: [path.join(root, fixture)] }));
  const result = spawnSync(bin('tsc'), ['-p', probe], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

test('every npm dependency is classified by runtime, and nothing stale is', () => {
  const pkg = readJson('package.json');
  const runtimes = readJson('dependency-runtimes.json');
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort();
  const classified = Object.keys(runtimes)
    .filter((k) => k !== '//')
    .sort();
  assert.deepEqual(
    declared.filter((d) => !classified.includes(d)),
    [],
    'unclassified dependencies',
  );
  assert.deepEqual(
    classified.filter((c) => !declared.includes(c)),
    [],
    'classified but not declared',
  );
});

test('the import rules between runtime folders hold (dependency-cruiser)', () => {
  const result = spawnSync(bin('depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'common', 'main', 'preload', 'renderer', 'lab', 'test', 'bench', 'scripts'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `dependency-cruiser found violations:\n${result.stdout}${result.stderr}`);
});

test('dependency-cruiser catches a forbidden import (the rule can fail)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-layers-'));
  for (const file of ['.dependency-cruiser.cjs', 'dependency-runtimes.json']) fs.copyFileSync(path.join(root, file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions":{"allowJs":true}}');
  fs.mkdirSync(path.join(dir, 'common'));
  fs.mkdirSync(path.join(dir, 'main/electron'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'main/electron/window.ts'), 'export const w = 1;\n');
  fs.writeFileSync(path.join(dir, 'common/rule.ts'), "import { w } from '../main/electron/window';\nexport const r = w;\n");
  const result = spawnSync(bin('depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'common', 'main'], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.notEqual(result.status, 0);
  assert.match(result.stdout + result.stderr, /layer-common/);
});

test('Node code does not compile in renderer/ or common/', () => {
  for (const config of ['tsconfig.renderer.json', 'tsconfig.common.json']) {
    const result = compileWith(config, 'test/fixtures/layers/uses-node-fs.ts');
    assert.notEqual(result.status, 0, `${config} accepted node:fs`);
    assert.match(result.stdout, /node:fs/);
  }
});

test('DOM code does not compile in common/', () => {
  const result = compileWith('tsconfig.common.json', 'test/fixtures/layers/uses-dom-window.ts');
  assert.notEqual(result.status, 0);
  assert.match(result.stdout, /window/);
});
