// ESLint over the whole repository (eslint.config.js), through its Node API: any error fails
// `npm test`. Second, the rules can fail: a hook called conditionally, a missing effect
// dependency, Node or a package not classified for the runtime imported in common/ or renderer/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../..');
// the cache (content-hashed) keeps a second run on an unchanged tree to a few seconds
const eslint = new ESLint({ cwd: root, cache: true, cacheLocation: path.join(root, '.tmp/eslintcache'), cacheStrategy: 'content' });

test('ESLint finds no error in the repository', async () => {
  const results = await eslint.lintFiles(['.']);
  const errors = results.flatMap((r) =>
    r.messages.filter((m) => m.severity === 2 || m.fatal).map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`),
  );
  assert.ok(results.length > 250, `ESLint saw only ${results.length} files`);
  assert.deepEqual(errors, [], `ESLint errors:\n${errors.join('\n')}`);
});

const rulesHit = async (code: string, file: string) => {
  const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId);
};

test('the hook rules fail a conditional hook and a missing effect dependency in the renderer', async () => {
  const code = `import { useEffect, useState } from 'react';
export function Row({ on, id }: { on: boolean; id: string }) {
  if (on) useState(0);
  useEffect(() => { console.log(id); }, []);
  return null;
}
`;
  const hit = await rulesHit(code, 'renderer/features/lint-probe.tsx');
  assert.ok(hit.includes('react-hooks/rules-of-hooks'), hit.join());
  assert.ok(hit.includes('react-hooks/exhaustive-deps'), hit.join());
});

test('the layer rules fail Node and unclassified packages where they may not run', async () => {
  const common = await rulesHit("import fs from 'node:fs';\nimport path from 'path';\nimport { create } from 'zustand';\nexport const x = [fs, path, create];\n", 'common/lint-probe.ts');
  assert.equal(common.filter((r) => r === 'no-restricted-imports').length, 3, common.join());
  const renderer = await rulesHit("import Database from 'better-sqlite3';\nexport const db = Database;\n", 'renderer/lint-probe.ts');
  assert.deepEqual(renderer, ['no-restricted-imports']);
  const services = await rulesHit("import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nexport const x = [fs, Database];\n", 'main/services/lint-probe.ts');
  assert.deepEqual(services, []);
});

// Formatting is settled by one tool (Prettier, .prettierrc.json): a file it would change fails here,
// and an editor formats on save (.vscode/settings.json). `npm run format` rewrites them.
test('Prettier would change no file of the repository', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--list-different', '.'], { cwd: root, encoding: 'utf8' });
  const files = r.stdout.split('\n').filter(Boolean);
  assert.deepEqual(files, [], `not formatted (npm run format):\n${files.join('\n')}`);
  assert.ok(r.status === 0, r.stderr);
});

test('the Prettier check can fail: a badly formatted text is reported', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--stdin-filepath', 'common/probe.ts'], {
    cwd: root,
    input: 'export const  x = {a:1}\n',
    encoding: 'utf8',
  });
  assert.notEqual(r.status, 0, 'Prettier accepted a badly formatted file');
});
