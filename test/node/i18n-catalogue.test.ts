// Every user-visible text lives in the i18next catalogue (common/i18n/sv.ts, en.ts): the source of
// renderer/ and common/ (not tests, not the lab) has no Swedish string literal or JSX text outside
// it, and both languages have the same keys, plurals by i18next's rules (_one/_other).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { en, sv } from '../../common/i18n';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CATALOGUE = new Set(['common/i18n/sv.ts', 'common/i18n/en.ts']);

/**
 * Files allowed Swedish literals, each for a reason that is not interface text:
 *  - the policy's greetings and the switchboard's SIP name, said to callers verbatim in Swedish
 *    whatever the interface language (P-GREET); tests and main match them exactly;
 *  - the folding table of the directory search (å → a, ä → a, ö → o), which is data, not text;
 *  - the header synonyms an HR export's columns are matched against (data read, never shown);
 *  - the Swedish holiday names date-holidays reports, used as lookup keys only;
 *  - the municipalities' place names and "kommun" words the directory search matches (data).
 */
const ALLOWED = new Map([
  ['common/policy/phrases.ts', 'P-GREET phrases, verbatim'],
  ['common/directory/normalize.ts', 'Swedish folding table'],
  ['common/directory/importMapping.ts', 'header synonyms matched against source columns'],
  ['common/switchboard/holidays.ts', "date-holidays' holiday names as lookup keys"],
  ['common/directory/places.ts', 'place and noise words the search matches callers against'],
]);

/** Swedish words that need no å, ä or ö, as whole words (the interface's common ones). */
const SWEDISH_WORDS = [
  'och',
  'till',
  'inte',
  'eller',
  'samtal',
  'samtalet',
  'meddelande',
  'meddelanden',
  'spara',
  'avbryt',
  'ledig',
  'upptagen',
  'ringer',
  'tillbaka',
  'sjuk',
  'semester',
  'kurs',
  'nyss',
  'sedan',
  'dagar',
  'poster',
  'enhet',
  'enheten',
  'kommun',
  'katalogen',
  'kopiera',
  'nummer',
  'anteckning',
  'ingen',
  'inga',
  'okänd',
  'skicka',
  'linje',
  'bevaka',
  'plocka',
  'upp',
  'koda',
  'stängt',
  'ange',
  'skriv',
  'kunde',
  'gick',
  'misslyckades',
  'uppdatera',
  'sparat',
  'tangent',
  'anknytning',
  'lunch till',
  'ringde',
  'tid',
  'mobil',
  'direktnummer',
  'kontaktkort',
  'sluta',
  'bevakad',
  'inaktuell',
  'senast',
  'personen',
  'januari',
  'februari',
  'maj',
  'juni',
  'juli',
  'augusti',
  'oktober',
  'svarar',
  'registrerad',
  'lagt',
];
const WORD_RE = new RegExp(`(^|[^\\p{L}])(${SWEDISH_WORDS.join('|')})(?=$|[^\\p{L}])`, 'iu');
const DIACRITIC_RE = /[åäöÅÄÖ]/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name) && !/\.(test|bench)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The literal texts of a file (strings, template parts, JSX text), not comments or import paths. */
function literals(file: string): { text: string; line: number }[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)) {
      const text = ts.isJsxText(node) ? node.getText() : node.text;
      if (text.trim()) out.push({ text, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

test('no Swedish literal in renderer/ or common/ outside the catalogue', () => {
  const found: string[] = [];
  for (const file of [...sourceFiles('renderer'), ...sourceFiles('common')]) {
    if (CATALOGUE.has(file) || ALLOWED.has(file)) continue;
    for (const { text, line } of literals(file)) if (DIACRITIC_RE.test(text) || WORD_RE.test(text)) found.push(`${file}:${line}: ${JSON.stringify(text)}`);
  }
  assert.deepEqual(found, [], `Swedish text outside common/i18n:\n${found.join('\n')}`);
});

test('the scan itself finds a Swedish literal, and ignores comments and import paths', () => {
  const dir = fs.mkdtempSync(path.join(ROOT, 'renderer', '.scan-'));
  const rel = path.relative(ROOT, path.join(dir, 'probe.tsx')).split(path.sep).join('/');
  try {
    fs.writeFileSync(path.join(ROOT, rel), "// Ledig i kommentaren\nimport x from './till';\nexport const a = <p>Inga träffar</p>;\nexport const b = `Sjuk ${x}`;\nexport const c = 'F2';\n");
    assert.deepEqual(
      literals(rel)
        .filter(({ text }) => DIACRITIC_RE.test(text) || WORD_RE.test(text))
        .map((l) => l.line),
      [3, 4],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Every key of a catalogue tree, as dotted paths ("directory.hits_one"). */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v as object, `${prefix}${k}.`)));
}

test('Swedish and English have the same keys', () => {
  const s = keysOf(sv);
  const e = new Set(keysOf(en));
  assert.deepEqual(
    s.filter((k) => !e.has(k)),
    [],
    'missing in en',
  );
  assert.deepEqual(
    [...e].filter((k) => !s.includes(k)),
    [],
    'missing in sv',
  );
});

test('plurals are i18next plurals: every _one has its _other, and no text counts by hand', () => {
  for (const [lang, tree] of [
    ['sv', sv],
    ['en', en],
  ] as const) {
    const keys = keysOf(tree);
    for (const k of keys.filter((k) => k.endsWith('_one'))) assert.ok(keys.includes(k.replace(/_one$/, '_other')), `${lang}: ${k} without _other`);
    for (const k of keys.filter((k) => k.endsWith('_other'))) assert.ok(keys.includes(k.replace(/_other$/, '_one')), `${lang}: ${k} without _one`);
    // a number shown with a noun is a {{count}} of a plural pair, never a bare {{n}} before "träffar"
    const leaf = (k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tree) as string;
    for (const k of keys) {
      if (leaf(k).includes('{{count}}')) assert.match(k, /_(one|other)$/, `${lang}: ${k} counts without plural forms`);
    }
  }
});
