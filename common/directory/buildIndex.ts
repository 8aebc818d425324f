// Building SearchIndexData from the entries: rank order, the two term dictionaries (folded words
// and spelling-variant keys), number keys, and the precomputed ranked lists of short words.
// Pure TypeScript, so main, a worker or the renderer can build.
import type { DirectoryEntry, SearchIndexData, SearchIndexOptions } from './indexTypes';
import type { Unit } from './model';
import { fold, tokenize, variantKey } from './normalize';
import { storedNumberKey, subscriberKey } from './phone';
import { Scanner, SHORTCUT_MAX_LENGTH } from './scanner';
import { CODE_LEVEL as LEVEL_TABLE, F, LEVELS } from './scoring';
import { FIELD_BITS, TermDictBuilder, compare, type TermDict } from './termDict';

// A local copy: an imported binding may compile to a getter call in the sorting loops.
const CODE_LEVEL = LEVEL_TABLE;

export const N_DIRECT = 0;
export const N_MOBILE = 1;
export const N_SHARED = 2;

/** Words whose postings exceed this get a precomputed ranked list (about 2% of 100k entries' postings). */
const DEFAULT_SHORTCUT_MIN_COST = 20000;
/** How much of each precomputed list is kept: the full lists of 100k entries were 18 MB to store and load. */
const DEFAULT_SHORTCUT_KEEP = 2000;
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The folded sort key that ranks entries: surname, given name, id (shared numbers: name, id). */
function rankKey(entry: DirectoryEntry): string {
  const e = entry.value;
  return entry.kind === 'person' ? fold(`${entry.value.surname}\u0001${entry.value.givenName}\u0001${e.id}`) : fold(`${entry.value.name}\u0001${e.id}`);
}

export function buildSearchIndexData(entries: readonly DirectoryEntry[], units: readonly Unit[] = [], options: SearchIndexOptions = {}): SearchIndexData {
  const n = entries.length;
  // Rank order first: document numbers follow it.
  const keys = entries.map(rankKey);
  const order = Uint32Array.from(keys.keys()).sort((a, b) => compare(keys[a]!, keys[b]!));

  const exact = new TermDictBuilder();
  const variant = new TermDictBuilder();
  const numbers: Array<[string, number]> = [];
  const subscribers: Array<[string, number]> = [];
  const extensions: Array<[string, number]> = [];
  const unitIds = units.map((u) => u.id);
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const docUnit = new Int32Array(n).fill(-1);
  const docMuni = new Uint8Array(n);
  const docKind = new Uint8Array(n);
  // Names, titles and units repeat across thousands of people: tokenize each distinct text once,
  // and keep its words' variant keys beside them.
  const tokenCache = new Map<string, { words: string[]; keys: string[] }>();
  const variantCache = new Map<string, string>();

  const addText = (doc: number, text: string, field: number) => {
    if (!text) return;
    let tok = tokenCache.get(text);
    if (!tok) {
      const words = tokenize(text);
      const vkeys = words.map((w) => {
        let v = variantCache.get(w);
        if (v === undefined) variantCache.set(w, (v = variantKey(w)));
        return v;
      });
      tokenCache.set(text, (tok = { words, keys: vkeys }));
    }
    for (let i = 0; i < tok.words.length; i++) {
      exact.add(tok.words[i]!, doc, field);
      variant.add(tok.keys[i]!, doc, field);
    }
  };
  const addNumber = (doc: number, e164: string, kind: number) => {
    numbers.push([storedNumberKey(e164), (doc << FIELD_BITS) | kind]);
    const sub = subscriberKey(e164);
    if (sub) subscribers.push([sub, (doc << FIELD_BITS) | kind]);
  };

  for (let doc = 0; doc < n; doc++) {
    const entry = entries[order[doc]!]!;
    const e = entry.value;
    docMuni[doc] = e.municipality === 'essunga' ? 0 : 1;
    docKind[doc] = entry.kind === 'person' ? 0 : 1;
    if (e.unitId !== undefined) docUnit[doc] = unitIndex.get(e.unitId) ?? -1;
    if (entry.kind === 'person') {
      const p = entry.value;
      addText(doc, p.surname, F.surname);
      addText(doc, p.givenName, F.given);
      for (const r of p.roleWords) addText(doc, r, F.role);
      addText(doc, p.title, F.title);
      addText(doc, p.unit, F.unit);
      addText(doc, p.forvaltning, F.forvaltning);
      // A protected identity's numbers (every number key: whole, subscriber part, extension),
      // e-mail and notes are never searchable: a search must not reveal whose number it is or what
      // the hidden card says (P-SECRECY). The person is still found by name, title and unit. This
      // also keeps them out of the renderer's copy (snapshot.ts).
      if (!p.protectedIdentity) {
        if (p.email) addText(doc, p.email.split('@')[0]!, F.email);
        addText(doc, p.notes, F.notes);
        if (p.directNumber) addNumber(doc, p.directNumber, N_DIRECT);
        if (p.mobile) addNumber(doc, p.mobile, N_MOBILE);
        if (p.extension) extensions.push([p.extension, doc]);
      }
    } else {
      const s = entry.value;
      addText(doc, s.name, F.name);
      for (const r of s.roleWords) addText(doc, r, F.role);
      addText(doc, s.notes, F.notes);
      if (s.number) addNumber(doc, s.number, N_SHARED);
      if (s.extension) extensions.push([s.extension, doc]);
    }
  }

  const ex = exact.build(n);
  const va = variant.build(n);
  const byKey = (a: [string, number], b: [string, number]) => compare(a[0], b[0]) || a[1] - b[1];
  numbers.sort(byKey);
  subscribers.sort(byKey);
  extensions.sort(byKey);
  const base = {
    n,
    order,
    docMuni,
    docKind,
    docUnit,
    unitIds,
    ex,
    va,
    numKeys: numbers.map((x) => x[0]),
    numDocs: Uint32Array.from(numbers, (x) => x[1]),
    subKeys: subscribers.map((x) => x[0]),
    subDocs: Uint32Array.from(subscribers, (x) => x[1]),
    extKeys: extensions.map((x) => x[0]),
    extDocs: Uint32Array.from(extensions, (x) => x[1]),
  };
  const minCost = options.shortcutMinCost ?? DEFAULT_SHORTCUT_MIN_COST;
  return { ...base, ...buildShortcuts(n, ex, va, docMuni, minCost, options.shortcutKeep ?? DEFAULT_SHORTCUT_KEEP) };
}

/** The complete ranked match list of every short, frequent query word. */
function buildShortcuts(
  n: number,
  ex: TermDict,
  va: TermDict,
  docMuni: Uint8Array,
  minCost: number,
  keep: number,
): Pick<SearchIndexData, 'cutWords' | 'cutStart' | 'cutDocs' | 'cutCode' | 'cutComplete'> {
  const none = { cutWords: [], cutStart: new Uint32Array(1), cutDocs: new Uint32Array(0), cutCode: new Uint8Array(0), cutComplete: new Uint8Array(0) };
  if (!Number.isFinite(minCost) || n === 0) return none;
  const words = new Set<string>();
  for (const a of ALNUM) {
    words.add(a);
    for (const b of ALNUM) words.add(a + b);
  }
  for (const term of ex.terms) for (let len = 3; len <= SHORTCUT_MAX_LENGTH && len <= term.length; len++) words.add(term.slice(0, len));
  const scanner = new Scanner(n, ex, va, docMuni, []);
  const chosen = [...words]
    .sort(compare)
    .map((w) => scanner.plan(w))
    .filter((t) => t.cost > 0 && t.cost >= minCost);
  const found = new Uint32Array(n);
  const counts = new Uint32Array(LEVELS.length + 1);
  const docsParts: Uint32Array[] = [];
  const codeParts: Uint8Array[] = [];
  const cutStart = new Uint32Array(chosen.length + 1);
  const cutComplete = new Uint8Array(chosen.length);
  const kept = Math.max(1, Math.floor(keep));
  let total = 0;
  chosen.forEach((t, k) => {
    const count = scanner.scan(t, found);
    const { tokStamp, tokCode, tokGen } = scanner;
    // Counting sort by level; within a level by document number (= rank).
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[CODE_LEVEL[tokCode[found[i]!]!]! + 1]!++;
    for (let l = 1; l < counts.length; l++) counts[l]! += counts[l - 1]!;
    const docs = new Uint32Array(count);
    const codes = new Uint8Array(count);
    const place = (doc: number) => {
      const code = tokCode[doc]!;
      const at = counts[CODE_LEVEL[code]!]!++;
      docs[at] = doc;
      codes[at] = code;
    };
    if (count * 8 > n) {
      for (let doc = 0; doc < n; doc++) if (tokStamp[doc] === tokGen) place(doc);
    } else {
      const sorted = found.subarray(0, count).sort();
      for (let i = 0; i < count; i++) place(sorted[i]!);
    }
    const length = Math.min(count, kept);
    cutComplete[k] = length === count ? 1 : 0;
    docsParts.push(docs.subarray(0, length));
    codeParts.push(codes.subarray(0, length));
    cutStart[k] = total;
    total += length;
  });
  cutStart[chosen.length] = total;
  const cutDocs = new Uint32Array(total);
  const cutCode = new Uint8Array(total);
  for (let k = 0; k < chosen.length; k++) {
    cutDocs.set(docsParts[k]!, cutStart[k]!);
    cutCode.set(codeParts[k]!, cutStart[k]!);
  }
  return { cutWords: chosen.map((t) => t.word), cutStart, cutDocs, cutCode, cutComplete };
}
