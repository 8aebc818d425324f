// The build's SIP.js grammar transform (scripts/sip-grammar-speedup.mjs) must parse exactly as
// SIP.js's own: every header of every RFC 4475 torture message and of typical presence traffic,
// under every start rule SIP.js uses, gives the same result (or the same failure) from the
// original and the transformed parser, also when calls alternate between failures and successes
// (the state reset between calls). A changed generated file must fail the transform, not slip by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { sipGrammarEsbuildPlugin, sipGrammarVitePlugin, speedUpSipGrammar } from '../../scripts/sip-grammar-speedup.mjs';

const require = createRequire(import.meta.url);
const GRAMMAR = path.join(path.dirname(require.resolve('sip.js/package.json')), 'lib/grammar/pegjs/dist/grammar.js');
const FIXTURES = path.join(import.meta.dirname, '../fixtures/rfc4475');

type Parse = (input: string, options: { startRule: string; data?: unknown }) => unknown;

/** Both parsers, loaded from a temp dir with their two imports pointed back at SIP.js. */
async function loadBoth(): Promise<{ original: Parse; fast: Parse; source: string }> {
  const source = fs.readFileSync(GRAMMAR, 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-grammar-'));
  const absolute = (s: string) => s.replace(/from "\.\.\/\.\.\/([a-z-]+\.js)"/g, (_m, f: string) => `from ${JSON.stringify(pathToFileURL(path.join(path.dirname(GRAMMAR), '../..', f)).href)}`);
  fs.writeFileSync(path.join(dir, 'original.mjs'), absolute(source));
  fs.writeFileSync(path.join(dir, 'fast.mjs'), absolute(speedUpSipGrammar(source)));
  const original = ((await import(pathToFileURL(path.join(dir, 'original.mjs')).href)) as { parse: Parse }).parse;
  const fast = ((await import(pathToFileURL(path.join(dir, 'fast.mjs')).href)) as { parse: Parse }).parse;
  fs.rmSync(dir, { recursive: true, force: true });
  return { original, fast, source };
}

/** What a parse gave, comparable: the data SIP.js reads, its string forms, or the error's message. */
function outcome(parse: Parse, input: string, startRule: string): string {
  const options: { startRule: string; data?: unknown } = { startRule, data: {} };
  try {
    const result = parse(input, options);
    const seen = new WeakSet<object>();
    return JSON.stringify({ result, data: options.data, text: String((options.data as { uri?: unknown })?.uri ?? '') }, (_k, v: unknown) => {
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[seen]';
        seen.add(v);
      }
      return v;
    });
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** Header name (lower case, compact forms expanded) -> the start rule SIP.js parses it with. */
const RULES: Record<string, string[]> = {
  via: ['Via'],
  v: ['Via'],
  from: ['From'],
  f: ['From'],
  to: ['To'],
  t: ['To'],
  contact: ['Contact'],
  m: ['Contact'],
  'call-id': ['Call_ID'],
  i: ['Call_ID'],
  cseq: ['CSeq'],
  'content-length': ['Content_Length'],
  l: ['Content_Length'],
  'content-type': ['Content_Type'],
  c: ['Content_Type'],
  'max-forwards': ['Max_Forwards'],
  event: ['Event'],
  o: ['Event'],
  'subscription-state': ['Subscription_State'],
  'record-route': ['Record_Route'],
  'www-authenticate': ['WWW_Authenticate', 'challenge'],
  'proxy-authenticate': ['Proxy_Authenticate'],
  'refer-to': ['Refer_To'],
  r: ['Refer_To'],
  replaces: ['Replaces'],
  supported: ['Supported'],
  k: ['Supported'],
  require: ['Require'],
  'session-expires': ['Session_Expires'],
  x: ['Session_Expires'],
  'min-se': ['Min_SE'],
  'content-disposition': ['Content_Disposition'],
  'referred-by': ['Referred_By'],
  b: ['Referred_By'],
};

const TYPICAL = [
  'NOTIFY sip:kq1b2m3n@df7jal23ls0d.invalid;transport=ws SIP/2.0\r\n' +
    'Via: SIP/2.0/WS 127.0.0.1:8080;branch=z9hG4bKcydzigwkX;rport\r\n' +
    'From: <sip:2001@lab.vaxel.test>;tag=a83bd0e1\r\n' +
    'To: "Operatör 1" <sip:op1@lab.vaxel.test>;tag=q9s8x7\r\n' +
    'Call-ID: 7bdc3k1l0a9s8d7f6g5h\r\nCSeq: 2 NOTIFY\r\nMax-Forwards: 70\r\nEvent: dialog\r\n' +
    'Subscription-State: active;expires=598\r\nContact: <sip:127.0.0.1:5060;transport=ws;alias=127.0.0.1~40312~5>\r\n' +
    'Record-Route: <sip:127.0.0.1:8080;transport=ws;r2=on;lr>, <sip:127.0.0.1;r2=on;lr>\r\n' +
    'Content-Type: application/dialog-info+xml\r\nContent-Length: 0\r\n\r\n',
  'SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1\r\nFrom: <sip:op1@lab.vaxel.test>;tag=x\r\n' +
    'To: <sip:2001@lab.vaxel.test>;tag=y\r\nCall-ID: abc\r\nCSeq: 1 SUBSCRIBE\r\n' +
    'WWW-Authenticate: Digest realm="lab.vaxel.test", nonce="Z2e7rGdnuoCmsDuN0Vz0i4OuIiY0Zbg", qop="auth"\r\nContent-Length: 0\r\n\r\n',
];

function messages(): string[] {
  const index = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'index.json'), 'utf8')) as { messages: { file: string }[] };
  return [...TYPICAL, ...index.messages.map((m) => fs.readFileSync(path.join(FIXTURES, m.file), 'latin1'))];
}

/** (input, start rule) pairs: each start line, each request URI, each header value SIP.js parses. */
function cases(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const message of messages()) {
    const head = message.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    const [start, ...lines] = head.split(/\r?\n/);
    out.push([`${start}\r\n`, 'Request_Response']);
    const uri = start!.split(' ')[1];
    if (uri && !start!.startsWith('SIP/')) out.push([uri, 'SIP_URI'], [uri, 'absoluteURI']);
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      for (const rule of RULES[line.slice(0, colon).trim().toLowerCase()] ?? []) out.push([line.slice(colon + 1).trim(), rule]);
    }
  }
  return out;
}

test('the transformed grammar parses every RFC 4475 and presence header exactly as SIP.js does', async () => {
  const { original, fast, source } = await loadBoth();
  const all = cases();
  assert.ok(all.length > 400, `only ${all.length} cases`);
  let failures = 0;
  for (const [input, rule] of all) {
    const expected = outcome(original, input, rule);
    if (expected.startsWith('error')) failures++;
    assert.equal(outcome(fast, input, rule), expected, `${rule}: ${JSON.stringify(input.slice(0, 80))}`);
  }
  // alternating failures and successes: nothing of one call leaks into the next
  for (let round = 0; round < 3; round++) {
    for (const [input, rule] of [...all].reverse()) assert.equal(outcome(fast, input, rule), outcome(original, input, rule));
  }
  assert.ok(failures > 10, 'the corpus must include inputs the grammar refuses');
  assert.ok(speedUpSipGrammar(source).startsWith(source.slice(0, source.indexOf('function peg$parse('))));
  assert.equal(speedUpSipGrammar(speedUpSipGrammar(source)), speedUpSipGrammar(source), 'applied twice = once');
});

test('a grammar file laid out differently fails the transform with a message', () => {
  const source = fs.readFileSync(GRAMMAR, 'utf8');
  assert.throws(() => speedUpSipGrammar(source.replace('    let peg$silentFails = 0;\n', '    let peg$silentFails = 1;\n')), /parser state variables/);
  assert.throws(() => speedUpSipGrammar(source.replace('options.data = {};', 'options.data = null;')), /options\.data/);
  assert.throws(() => speedUpSipGrammar(source.replace('    function text() {', '    peg$currPos = 2;\n    function text() {')), /unexpected statement/);
  assert.throws(() => speedUpSipGrammar('export const parse = 1;'), /not found exactly once/);
});

test('both build plugins apply it to SIP.js: esbuild (lab pages) and Vite (the renderer)', async () => {
  const out = await build({
    stdin: { contents: "import { Grammar } from 'sip.js'; console.log(Grammar.parse('sip:a@b', 'SIP_URI'));", resolveDir: import.meta.dirname },
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
    plugins: [sipGrammarEsbuildPlugin()],
  });
  const bundled = out.outputFiles[0]!.text;
  assert.match(bundled, /peg\$makeParser/);
  assert.match(bundled, /return function peg\$parse\d*\(/);
  const vite = sipGrammarVitePlugin();
  const source = fs.readFileSync(GRAMMAR, 'utf8');
  assert.match(vite.transform(source, `${GRAMMAR}?v=1`)!.code, /peg\$makeParser/);
  assert.equal(vite.transform('export {}', path.join(path.dirname(GRAMMAR), 'other.js')), null);
});
