// Build-time fix for the hottest code in the console: SIP.js 0.21's header grammar.
//
// SIP.js ships its grammar as a peggy parser generated with `optimize: "size"`. Every
// Grammar.parse() call, and SIP.js makes about ten per SIP message (Via, From, To, CSeq,
// Contact, Event, ...), rebuilds the whole parser inside peg$parse: ~230 bytecode arrays
// decoded from strings and ~800 constants (RegExps, expectation objects, action closures), before
// it reads one character. A profile of 2,000 busy lamps put 70% of the page's time there.
//
// This transform turns peg$parse into a closure made once: the tables are built at module load,
// and each call only resets the parser's state variables and runs. The action closures keep
// reading `input`/`options` and the position variables, which now live in the closure and are
// set on every call (the parser never re-enters itself: its actions only build URI and
// NameAddrHeader objects). Nothing in the grammar changes, so results are the same, which
// test/node/sip-grammar-speedup.test.ts checks on real messages against the original.
//
// Every anchor must be found exactly once: a SIP.js whose generated file looks different fails the
// build with a message, instead of silently shipping the slow parser.

export const GRAMMAR_FILE = /sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/;
export const SPEEDUP_MARKER = '/* vaxel: peg$parse tables built once (scripts/sip-grammar-speedup.mjs) */';

const HEAD = 'function peg$parse(input, options) {\n    options = options !== undefined ? options : {};\n';
const SOURCE_LINE = '    const peg$source = options.grammarSource;\n';
const STATE =
  '    let peg$currPos = 0;\n' +
  '    let peg$savedPos = 0;\n' +
  '    const peg$posDetailsCache = [{ line: 1, column: 1 }];\n' +
  '    let peg$maxFailPos = 0;\n' +
  '    let peg$maxFailExpected = [];\n' +
  '    let peg$silentFails = 0;\n' +
  '    let peg$result;\n';
const START_RULE = '    if (options.startRule !== undefined) {\n';
const DATA = '    options.data = {}; // Object to which header attributes will be assigned during parsing\n';
const RUN = '    peg$result = peg$parseRule(peg$startRuleIndex);\n';
const TAIL = '\n}\nexport const parse = peg$parse;';

function once(source, anchor, what) {
  const at = source.indexOf(anchor);
  if (at < 0 || source.indexOf(anchor, at + 1) >= 0) {
    throw new Error(`sip-grammar-speedup: ${what} not found exactly once in sip.js's grammar.js; check the transform against this SIP.js version`);
  }
  return at;
}

/** Lines at the function's own indentation must all be function declarations (or their end). */
function assertDeclarationsOnly(region, what) {
  for (const line of region.split('\n')) {
    if (/^ {4}\S/.test(line) && !/^ {4}(function |\})/.test(line)) {
      throw new Error(`sip-grammar-speedup: unexpected statement among ${what}: ${line.trim().slice(0, 60)}`);
    }
  }
}

/** SIP.js's generated grammar.js with its tables built once. Throws when the file is not as expected. */
export function speedUpSipGrammar(source) {
  if (source.includes(SPEEDUP_MARKER)) return source;
  const head = once(source, HEAD, 'the peg$parse header');
  const bodyStart = head + HEAD.length;
  const tail = once(source, TAIL, 'the end of peg$parse');
  const startRule = once(source, START_RULE, 'the start-rule check');
  const startRuleEnd = source.indexOf('\n    }\n', startRule) + '\n    }\n'.length;
  const data = once(source, DATA, 'options.data');
  const run = once(source, RUN, 'the parse run');
  const state = once(source, STATE, 'the parser state variables');
  once(source, SOURCE_LINE, 'peg$source');
  const defaultRule = /\n {4}let peg\$startRuleIndex = (\d+);\n/.exec(source.slice(bodyStart, startRule))?.[1];
  if (!(bodyStart < state && state < startRule && startRule < data && data < run && run < tail) || defaultRule === undefined) {
    throw new Error('sip-grammar-speedup: peg$parse is not laid out as expected');
  }

  const tables = source.slice(bodyStart, startRule).replace(SOURCE_LINE, '    let peg$source;\n').replace(STATE, STATE.replace('const peg$posDetailsCache', 'let peg$posDetailsCache'));
  const functions = source.slice(startRuleEnd, data);
  const moreFunctions = source.slice(data + DATA.length, run);
  assertDeclarationsOnly(functions, 'the parser helpers');
  assertDeclarationsOnly(moreFunctions, 'the grammar helpers');

  const perCall =
    '        input = input$;\n' +
    '        options = options$ !== undefined ? options$ : {};\n' +
    '        peg$source = options.grammarSource;\n' +
    `        peg$startRuleIndex = ${defaultRule};\n` +
    '        peg$currPos = 0;\n' +
    '        peg$savedPos = 0;\n' +
    '        peg$posDetailsCache = [{ line: 1, column: 1 }];\n' +
    '        peg$maxFailPos = 0;\n' +
    '        peg$maxFailExpected = [];\n' +
    '        peg$silentFails = 0;\n' +
    '        peg$result = undefined;\n';
  const indent = (text) => text.replace(/^(?=.)/gm, '    ');

  return (
    source.slice(0, head) +
    `${SPEEDUP_MARKER}\nfunction peg$makeParser() {\n    let input, options;\n` +
    tables +
    functions +
    moreFunctions +
    '    return function peg$parse(input$, options$) {\n' +
    perCall +
    indent(source.slice(startRule, startRuleEnd)) +
    indent(DATA) +
    indent(source.slice(run, tail + 1)) +
    '    };\n}\nconst peg$parse = peg$makeParser();\nexport const parse = peg$parse;' +
    source.slice(tail + TAIL.length)
  );
}

/** esbuild plugin: applies speedUpSipGrammar to SIP.js's grammar.js. */
export function sipGrammarEsbuildPlugin() {
  return {
    name: 'vaxel-sip-grammar-speedup',
    setup(build) {
      build.onLoad({ filter: GRAMMAR_FILE }, async (args) => {
        const fs = await import('node:fs/promises');
        return { contents: speedUpSipGrammar(await fs.readFile(args.path, 'utf8')), loader: 'js' };
      });
    },
  };
}

/** Vite (Rollup) plugin: the same, for the renderer build. */
export function sipGrammarVitePlugin() {
  return {
    name: 'vaxel-sip-grammar-speedup',
    enforce: 'pre',
    transform(code, id) {
      return GRAMMAR_FILE.test(id.split('?')[0]) ? { code: speedUpSipGrammar(code), map: null } : null;
    },
  };
}
