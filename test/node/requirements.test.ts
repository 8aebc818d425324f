// Every requirement id cited in the code, tests, lab, benchmarks or scripts is defined in
// docs/requirements.md, once, in one table line; and the grep that finds them can fail.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['common', 'main', 'preload', 'renderer', 'lab', 'test', 'bench', 'scripts'];
const ID = /\b[PD]-[A-Z]+(?:-[A-Z]+)*\b/g;

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs|cfg|json|xml|md|sh)$/.test(e.name) && !/(^|\/)(node_modules|out|\.run)(\/|$)/.test(path.relative(root, e.parentPath)))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Ids as written in the docs table: `| P-GREET | text |`, with where they are defined. */
function definedIds(): Map<string, number> {
  const lines = fs.readFileSync(path.join(root, 'docs/requirements.md'), 'utf8').split('\n');
  const ids = new Map<string, number>();
  lines.forEach((line, i) => {
    const m = /^\| ([PD]-[A-Z-]+) \| (.+) \|$/.exec(line);
    if (!m) return;
    assert.ok(!ids.has(m[1]!), `${m[1]} is defined twice (lines ${ids.get(m[1]!)} and ${i + 1})`);
    assert.ok(m[2]!.trim().length > 20, `${m[1]} has no real text`);
    ids.set(m[1]!, i + 1);
  });
  return ids;
}

function citedIds(): Map<string, string> {
  const cited = new Map<string, string>();
  for (const file of FOLDERS.flatMap(sourceFiles)) {
    for (const id of fs.readFileSync(file, 'utf8').match(ID) ?? []) if (!cited.has(id)) cited.set(id, path.relative(root, file));
  }
  return cited;
}

test('every requirement id cited in the repository is defined in docs/requirements.md', () => {
  const defined = definedIds();
  const cited = citedIds();
  assert.ok(cited.size >= 10, `only ${cited.size} ids found: the search is broken`);
  assert.ok(cited.has('P-SECRECY') && cited.has('D-MSGPAD'));
  const undefinedIds = [...cited].filter(([id]) => !defined.has(id)).map(([id, file]) => `${id} (first in ${file})`);
  assert.deepEqual(undefinedIds, [], 'cited but not defined in docs/requirements.md');
});

test('the check can fail: an id that is not defined is caught', () => {
  const made = ['P', 'NOT', 'A', 'REQUIREMENT'].join('-'); // spelt out, it would be cited here
  assert.equal(definedIds().has(made), false);
  assert.deepEqual(`see ${made} and P-GREET`.match(ID), [made, 'P-GREET']);
});
