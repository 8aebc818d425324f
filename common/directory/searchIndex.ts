// The in-memory search index behind search-as-you-type. Pure TypeScript, so it runs in main, a
// worker or the renderer. Built once from the cached entries (a rebuild after each sync is cheap
// enough), then every keystroke is: binary search the typed prefix in two sorted term
// dictionaries (folded words and spelling-variant keys), walk the posting lists of the smallest
// token, verify the other tokens against each candidate's own term ids, filter, keep the top N.
//
// Speed at 100k entries (bench/directory/search.bench.ts):
//  - Documents are numbered in rank order (alphabetical by surname, given name, id), so the tie
//    break between equal scores is "lower document number first" and needs no lookup.
//  - One- to three-letter words match a large part of the directory ("a", "an", "kom"). For words
//    whose postings exceed a threshold the build precomputes the complete ranked list of matching
//    documents (score, then rank), so typing the first keys reads the first `limit` allowed
//    entries of a list instead of scoring tens of thousands of documents.
//  - The hot loops use typed arrays and generation stamps; a keystroke allocates only its result.
// The index's arrays (SearchIndexData) can be stored and loaded again, so a start need not rebuild.
import type { Municipality, Person, SharedNumber, Unit } from './model';
import { displayName } from './model';
import { fold, tokenize, variantKey } from './normalize';
import { looksLikeNumber, numberQueryKey, storedNumberKey, stripUri, toE164 } from './phone';
import { FIELD_BITS as TERM_FIELD_BITS, FIELD_MASK as TERM_FIELD_MASK, TermDictBuilder, compare, lowerBound, prefixRange, type TermDict } from './termDict';
import { descendantsOf } from './units';

export type DirectoryEntry = { kind: 'person'; value: Person } | { kind: 'shared'; value: SharedNumber };

export interface SearchFilters {
  municipality?: Municipality;
  /** A förvaltning or unit id; entries in it or any unit below it match. */
  unitId?: string;
  kind?: DirectoryEntry['kind'];
}

/** Which kind of field made the best match; the UI may show it ("rektor Hagaskolan"). */
export type MatchField = 'name' | 'role' | 'title' | 'unit' | 'email' | 'notes' | 'number' | 'extension' | 'none';

export interface IndexHit<E = DirectoryEntry> {
  entry: E;
  score: number;
  field: MatchField;
}

// Local copies: an imported binding may compile to a getter call (CommonJS interop), which costs
// more than everything else in the posting loops.
const FIELD_BITS = TERM_FIELD_BITS;
const FIELD_MASK = TERM_FIELD_MASK;

// Field codes (4 bits) with their weights and the name the UI sees.
const F = { surname: 0, given: 1, name: 2, role: 3, title: 4, unit: 5, forvaltning: 6, email: 7, notes: 8 } as const;
const WEIGHT = [10, 9, 10, 7, 5, 4, 3, 2, 1];
const FIELD_NAME: MatchField[] = ['name', 'name', 'name', 'role', 'title', 'unit', 'unit', 'email', 'notes'];
// How well a word matched: whole folded word, folded prefix, whole variant key, variant prefix.
const Q_EXACT = 1;
const Q_PREFIX = 0.8;
const Q_VARIANT = 0.7;
const Q_VARIANT_PREFIX = 0.55;
const QUALITY = [Q_EXACT, Q_PREFIX, Q_VARIANT, Q_VARIANT_PREFIX];
// A single word's match in a document is one code: field * 4 + quality index.
const CODE_SCORE = new Float64Array(WEIGHT.length * 4);
for (let f = 0; f < WEIGHT.length; f++) for (let q = 0; q < 4; q++) CODE_SCORE[f * 4 + q] = WEIGHT[f]! * QUALITY[q]!;
// Distinct scores, best first; precomputed lists are ordered by these levels, then by rank.
const LEVELS = [...new Set(CODE_SCORE)].sort((a, b) => b - a);
const CODE_LEVEL = Uint8Array.from(CODE_SCORE, (s) => LEVELS.indexOf(s));

const N_DIRECT = 0;
const N_MOBILE = 1;
const N_SHARED = 2;

/** Words whose postings exceed this get a precomputed ranked list (about 2% of 100k entries' postings). */
const DEFAULT_SHORTCUT_MIN_COST = 20000;
/** How much of each precomputed list is kept: the full lists of 100k entries were 18 MB to store and load. */
const DEFAULT_SHORTCUT_KEEP = 2000;
const SHORTCUT_MAX_LENGTH = 3;
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The entries an index answers with, by load position: an array, or a list that reads rows on demand. */
export interface EntryList<E = DirectoryEntry> {
  readonly length: number;
  at(position: number): E | undefined;
}

export interface SearchIndex<E = DirectoryEntry> {
  readonly size: number;
  search(query: string, filters?: SearchFilters, limit?: number): IndexHit<E>[];
  /** Exact match of an incoming caller's number (any format, SIP/tel URI, or an extension). */
  lookupNumber(raw: string): IndexHit<E>[];
}

export interface SearchIndexOptions {
  /**
   * Precompute the ranked list of every word of up to three characters whose postings exceed this
   * many (default 20000). 0 precomputes every such word; Infinity none (the plain scan, which the
   * tests use as the reference the shortcuts must agree with).
   */
  shortcutMinCost?: number;
  /** Keep the first this many documents of each precomputed list (default 2000); queries needing more scan. */
  shortcutKeep?: number;
}

/** Everything a search needs besides the entries themselves; typed arrays and strings only. */
export interface SearchIndexData {
  /** Number of entries; document d is entries[order[d]]. */
  readonly n: number;
  readonly order: Uint32Array;
  readonly docMuni: Uint8Array;
  readonly docKind: Uint8Array;
  /** Index into unitIds, or -1. */
  readonly docUnit: Int32Array;
  readonly unitIds: readonly string[];
  readonly ex: TermDict;
  readonly va: TermDict;
  readonly numKeys: readonly string[];
  readonly numDocs: Uint32Array;
  readonly extKeys: readonly string[];
  readonly extDocs: Uint32Array;
  /** Sorted query words with a precomputed list: docs cutDocs[cutStart[k] .. cutStart[k + 1]), codes in cutCode. */
  readonly cutWords: readonly string[];
  readonly cutStart: Uint32Array;
  readonly cutDocs: Uint32Array;
  readonly cutCode: Uint8Array;
  /** 1 when cutWords[k]'s list holds every matching document, 0 when only its head was kept. */
  readonly cutComplete: Uint8Array;
}

/** The folded sort key that ranks entries: surname, given name, id (shared numbers: name, id). */
function rankKey(entry: DirectoryEntry): string {
  const e = entry.value;
  return entry.kind === 'person' ? fold(`${entry.value.surname}\u0001${entry.value.givenName}\u0001${e.id}`) : fold(`${entry.value.name}\u0001${e.id}`);
}

interface TokenPlan {
  word: string;
  eLo: number;
  eHi: number;
  eExact: number; // term id of the whole word, or -1
  vLo: number;
  vHi: number;
  vExact: number;
  cost: number;
  /** Index into cutWords, or -1. */
  cut: number;
}

/** Scratch arrays of one index, reused by every query; generation stamps replace clearing them. */
class Scanner {
  readonly tokStamp: Uint32Array;
  readonly tokCode: Uint8Array;
  tokGen = 0;
  constructor(
    n: number,
    private readonly ex: TermDict,
    private readonly va: TermDict,
    private readonly cutWords: readonly string[],
  ) {
    this.tokStamp = new Uint32Array(n);
    this.tokCode = new Uint8Array(n);
  }

  plan(word: string): TokenPlan {
    const { ex, va } = this;
    const [eLo, eHi] = prefixRange(ex.terms, word);
    const key = variantKey(word);
    const [vLo, vHi] = prefixRange(va.terms, key);
    let cut = -1;
    if (word.length <= SHORTCUT_MAX_LENGTH && this.cutWords.length) {
      const k = lowerBound(this.cutWords, word);
      if (this.cutWords[k] === word) cut = k;
    }
    return {
      word,
      eLo,
      eHi,
      eExact: eLo < eHi && ex.terms[eLo] === word ? eLo : -1,
      vLo,
      vHi,
      vExact: vLo < vHi && va.terms[vLo] === key ? vLo : -1,
      cost: ex.start[eHi]! - ex.start[eLo]! + va.start[vHi]! - va.start[vLo]!,
      cut,
    };
  }

  /**
   * Walk the postings of one token, keeping each document's best match code in tokCode (the first
   * of equal scores wins). Documents seen for the first time are appended to out, if given.
   */
  scan(t: TokenPlan, out: Uint32Array | undefined): number {
    const gen = ++this.tokGen;
    let count = 0;
    const { tokStamp, tokCode } = this;
    for (let pass = 0; pass < 2; pass++) {
      const dict = pass === 0 ? this.ex : this.va;
      const lo = pass === 0 ? t.eLo : t.vLo;
      const hi = pass === 0 ? t.eHi : t.vHi;
      const exactId = pass === 0 ? t.eExact : t.vExact;
      const start = dict.start;
      const post = dict.post;
      for (let term = lo; term < hi; term++) {
        const qi = pass * 2 + (term === exactId ? 0 : 1);
        for (let i = start[term]!, end = start[term + 1]!; i < end; i++) {
          const p = post[i]!;
          const doc = p >>> FIELD_BITS;
          const code = (p & FIELD_MASK) * 4 + qi;
          if (tokStamp[doc] !== gen) {
            tokStamp[doc] = gen;
            tokCode[doc] = code;
            if (out) out[count] = doc;
            count++;
          } else if (CODE_SCORE[code]! > CODE_SCORE[tokCode[doc]!]!) {
            tokCode[doc] = code;
          }
        }
      }
    }
    return count;
  }

  /**
   * The best match code of one token in one document from the document's own term ids, or -1.
   * A document's term ids are sorted, so the ones in the token's range are found by binary search.
   */
  verify(t: TokenPlan, doc: number): number {
    let top = 0;
    let best = -1;
    for (let pass = 0; pass < 2; pass++) {
      const dict = pass === 0 ? this.ex : this.va;
      const lo = pass === 0 ? t.eLo : t.vLo;
      const hi = pass === 0 ? t.eHi : t.vHi;
      if (lo >= hi) continue;
      const exactId = pass === 0 ? t.eExact : t.vExact;
      const docTerms = dict.docTerms;
      const end = dict.docStart[doc + 1]!;
      let a = dict.docStart[doc]!;
      let b = end;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (docTerms[mid]! >>> FIELD_BITS < lo) a = mid + 1;
        else b = mid;
      }
      for (let i = a; i < end; i++) {
        const term = docTerms[i]! >>> FIELD_BITS;
        if (term >= hi) break;
        const code = (docTerms[i]! & FIELD_MASK) * 4 + pass * 2 + (term === exactId ? 0 : 1);
        if (CODE_SCORE[code]! > top) {
          top = CODE_SCORE[code]!;
          best = code;
        }
      }
    }
    return best;
  }
}

export function buildSearchIndexData(entries: readonly DirectoryEntry[], units: readonly Unit[] = [], options: SearchIndexOptions = {}): SearchIndexData {
  const n = entries.length;
  // Rank order first: document numbers follow it.
  const keys = entries.map(rankKey);
  const order = Uint32Array.from(keys.keys()).sort((a, b) => compare(keys[a]!, keys[b]!));

  const exact = new TermDictBuilder();
  const variant = new TermDictBuilder();
  const numbers: Array<[string, number]> = [];
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
      // A protected identity's numbers, e-mail and notes are never searchable: a search must not
      // reveal whose number it is or what the hidden card says (P-SECRECY). The person is still
      // found by name, title and unit. This also keeps them out of the renderer's copy (snapshot.ts).
      if (!p.protectedIdentity) {
        if (p.email) addText(doc, p.email.split('@')[0]!, F.email);
        addText(doc, p.notes, F.notes);
        if (p.directNumber) numbers.push([storedNumberKey(p.directNumber), (doc << FIELD_BITS) | N_DIRECT]);
        if (p.mobile) numbers.push([storedNumberKey(p.mobile), (doc << FIELD_BITS) | N_MOBILE]);
        if (p.extension) extensions.push([p.extension, doc]);
      }
    } else {
      const s = entry.value;
      addText(doc, s.name, F.name);
      for (const r of s.roleWords) addText(doc, r, F.role);
      addText(doc, s.notes, F.notes);
      if (s.number) numbers.push([storedNumberKey(s.number), (doc << FIELD_BITS) | N_SHARED]);
      if (s.extension) extensions.push([s.extension, doc]);
    }
  }

  const ex = exact.build(n);
  const va = variant.build(n);
  numbers.sort((a, b) => compare(a[0], b[0]) || a[1] - b[1]);
  extensions.sort((a, b) => compare(a[0], b[0]) || a[1] - b[1]);
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
    extKeys: extensions.map((x) => x[0]),
    extDocs: Uint32Array.from(extensions, (x) => x[1]),
  };
  return { ...base, ...buildShortcuts(n, ex, va, options.shortcutMinCost ?? DEFAULT_SHORTCUT_MIN_COST, options.shortcutKeep ?? DEFAULT_SHORTCUT_KEEP) };
}

/** The complete ranked match list of every short, frequent query word. */
function buildShortcuts(
  n: number,
  ex: TermDict,
  va: TermDict,
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
  const scanner = new Scanner(n, ex, va, []);
  const chosen = [...words].sort(compare).map((w) => scanner.plan(w)).filter((t) => t.cost > 0 && t.cost >= minCost);
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

export function buildSearchIndex(entries: readonly DirectoryEntry[], units: readonly Unit[] = [], options: SearchIndexOptions = {}): SearchIndex {
  return createSearchIndex(buildSearchIndexData(entries, units, options), entries, units);
}

/**
 * An index over data built (or stored and loaded) for exactly these entries, in this order. The
 * entries may be of any shape (the renderer's are display rows); hits carry them as they are.
 */
export function createSearchIndex<E = DirectoryEntry>(data: SearchIndexData, entries: EntryList<E>, units: readonly Unit[] = []): SearchIndex<E> {
  const { n, order, docMuni, docKind, docUnit, ex, va, numKeys, numDocs, extKeys, extDocs, cutWords, cutStart, cutDocs, cutCode, cutComplete } = data;
  if (n !== entries.length) throw new Error(`search index data is for ${n} entries, not ${entries.length}`);
  const unitIndex = new Map(data.unitIds.map((id, i) => [id, i]));
  const scanner = new Scanner(n, ex, va, cutWords);
  const { tokStamp, tokCode } = scanner;
  const entryOf = (doc: number) => {
    const entry = entries.at(order[doc]!);
    if (!entry) throw new Error(`the directory has no entry at position ${order[doc]}`);
    return entry;
  };

  // Per query: the summed score, and the code of the strongest single-word match (its field is shown).
  const stamp = new Uint32Array(n);
  const score = new Float64Array(n);
  const bestCode = new Uint8Array(n);
  const candidates = new Uint32Array(n);
  // What checking one candidate's own terms costs, in posting visits: two binary searches.
  const verifyCost = 2 * (Math.log2(1 + (ex.docTerms.length + va.docTerms.length) / Math.max(1, 2 * n)) + 2);
  let gen = 0;

  interface Filter {
    muni: number;
    kind: number;
    unitOk: Uint8Array | undefined;
  }

  function filterOf(filters: SearchFilters | undefined): Filter | undefined {
    if (!filters || (!filters.municipality && !filters.unitId && !filters.kind)) return undefined;
    let unitOk: Uint8Array | undefined;
    if (filters.unitId !== undefined) {
      unitOk = new Uint8Array(data.unitIds.length);
      for (const id of descendantsOf(filters.unitId, units)) {
        const i = unitIndex.get(id);
        if (i !== undefined) unitOk[i] = 1;
      }
    }
    return {
      muni: filters.municipality === undefined ? -1 : filters.municipality === 'essunga' ? 0 : 1,
      kind: filters.kind === undefined ? -1 : filters.kind === 'person' ? 0 : 1,
      unitOk,
    };
  }

  function allowed(f: Filter, doc: number): boolean {
    if (f.muni >= 0 && docMuni[doc] !== f.muni) return false;
    if (f.kind >= 0 && docKind[doc] !== f.kind) return false;
    if (f.unitOk) {
      const u = docUnit[doc]!;
      if (u < 0 || f.unitOk[u] !== 1) return false;
    }
    return true;
  }

  const hit = (doc: number, s: number, code: number): IndexHit<E> => ({ entry: entryOf(doc), score: s, field: FIELD_NAME[code >> 2]! });

  /** The best `limit` of count candidates: highest score, then lowest document number (rank). */
  function topN(count: number, limit: number): number[] {
    const top: number[] = [];
    for (let i = 0; i < count; i++) {
      const doc = candidates[i]!;
      const s = score[doc]!;
      if (top.length === limit) {
        const last = top[limit - 1]!;
        if (s < score[last]! || (s === score[last] && doc > last)) continue;
      }
      let j = top.length < limit ? top.length : limit - 1;
      while (j > 0) {
        const prev = top[j - 1]!;
        if (!(s > score[prev]! || (s === score[prev] && doc < prev))) break;
        top[j] = prev;
        j--;
      }
      top[j] = doc;
    }
    return top;
  }

  function textSearch(words: string[], filter: Filter | undefined, limit: number): IndexHit<E>[] {
    const plans = words.map((w) => scanner.plan(w)).sort((a, b) => a.cost - b.cost);
    const first = plans[0]!;
    gen++;
    let count = 0;
    const complete = first.cut >= 0 && cutComplete[first.cut] === 1;
    if (first.cut >= 0 && plans.length === 1) {
      // The list is already ranked: the first `limit` allowed documents are the answer, unless a
      // shortened list ends before that many were found (then the scan below decides).
      const lo = cutStart[first.cut]!;
      const hi = cutStart[first.cut + 1]!;
      const at: number[] = [];
      for (let i = lo; i < hi && at.length < limit; i++) if (!filter || allowed(filter, cutDocs[i]!)) at.push(i);
      if (at.length === limit || complete) return at.map((i) => hit(cutDocs[i]!, CODE_SCORE[cutCode[i]!]!, cutCode[i]!));
    }
    if (complete) {
      const lo = cutStart[first.cut]!;
      const hi = cutStart[first.cut + 1]!;
      for (let i = lo; i < hi; i++) {
        const doc = cutDocs[i]!;
        if (filter && !allowed(filter, doc)) continue;
        candidates[count++] = doc;
        score[doc] = CODE_SCORE[cutCode[i]!]!;
        bestCode[doc] = cutCode[i]!;
      }
    } else {
      const found = scanner.scan(first, candidates);
      for (let i = 0; i < found; i++) {
        const doc = candidates[i]!;
        if (filter && !allowed(filter, doc)) continue;
        candidates[count++] = doc;
        score[doc] = CODE_SCORE[tokCode[doc]!]!;
        bestCode[doc] = tokCode[doc]!;
      }
    }
    for (let p = 1; p < plans.length && count > 0; p++) {
      const t = plans[p]!;
      let kept = 0;
      const few = count * verifyCost < t.cost;
      if (!few) scanner.scan(t, undefined);
      const tokGen = scanner.tokGen;
      for (let i = 0; i < count; i++) {
        const doc = candidates[i]!;
        let code: number;
        if (few) {
          // Few candidates left: check each one's own terms.
          code = scanner.verify(t, doc);
          if (code < 0) continue;
        } else {
          if (tokStamp[doc] !== tokGen) continue;
          code = tokCode[doc]!;
        }
        const s = CODE_SCORE[code]!;
        // The field shown for a hit is the one of its strongest single-word match.
        if (s > CODE_SCORE[bestCode[doc]!]!) bestCode[doc] = code;
        score[doc]! += s;
        candidates[kept++] = doc;
      }
      count = kept;
    }
    return topN(count, limit).map((doc) => hit(doc, score[doc]!, bestCode[doc]!));
  }

  function browse(filter: Filter | undefined, limit: number): IndexHit<E>[] {
    const out: IndexHit<E>[] = [];
    for (let doc = 0; doc < n && out.length < limit; doc++) {
      if (!filter || allowed(filter, doc)) out.push({ entry: entryOf(doc), score: 0, field: 'none' });
    }
    return out;
  }

  function numberSearch(query: string, filter: Filter | undefined, limit: number): IndexHit<E>[] {
    const { key, international, trunk } = numberQueryKey(query);
    if (!key) return [];
    gen++;
    let count = 0;
    // bestCode holds 1 for an extension match, 0 for a number.
    const add = (doc: number, s: number, isExt: number) => {
      if (filter && !allowed(filter, doc)) return;
      if (stamp[doc] !== gen) {
        stamp[doc] = gen;
        score[doc] = s;
        bestCode[doc] = isExt;
        candidates[count++] = doc;
      } else if (s > score[doc]!) {
        score[doc] = s;
        bestCode[doc] = isExt;
      }
    };
    const [lo, hi] = prefixRange(numKeys, key);
    for (let i = lo; i < hi; i++) add(numDocs[i]! >>> FIELD_BITS, numKeys[i]!.length === key.length ? 100 : 50, 0);
    if (!international && !trunk) {
      const [elo, ehi] = prefixRange(extKeys, key);
      for (let i = elo; i < ehi; i++) add(extDocs[i]!, extKeys[i]!.length === key.length ? 110 : 60, 1);
    }
    return topN(count, limit).map((doc) => ({ entry: entryOf(doc), score: score[doc]!, field: bestCode[doc] ? 'extension' : 'number' }));
  }

  function exactKeyDocs(keys: readonly string[], docs: Uint32Array, key: string, shift: number): number[] {
    const out: number[] = [];
    for (let i = lowerBound(keys, key); i < keys.length && keys[i] === key; i++) out.push(docs[i]! >>> shift);
    return out;
  }

  return {
    size: n,
    search(query, filters, limit = 20) {
      const filter = filterOf(filters);
      const max = Math.max(1, Math.min(limit, 500));
      if (looksLikeNumber(query)) return numberSearch(query, filter, max);
      const words = [...new Set(tokenize(query))];
      return words.length ? textSearch(words, filter, max) : browse(filter, max);
    },
    lookupNumber(raw) {
      const user = stripUri(raw);
      const digits = user.replace(/\D/g, '');
      const seen = new Set<number>();
      const docs: number[] = [];
      const push = (list: number[]) => list.forEach((d) => !seen.has(d) && (seen.add(d), docs.push(d)));
      // Short digit strings without a leading 0 or + are extensions (internal callers).
      if (/^\d{2,8}$/.test(user) && !user.startsWith('0')) push(exactKeyDocs(extKeys, extDocs, digits, 0));
      const e164 = toE164(user);
      if (e164) push(exactKeyDocs(numKeys, numDocs, storedNumberKey(e164), FIELD_BITS));
      docs.sort((a, b) => a - b);
      return docs.map((doc) => ({ entry: entryOf(doc), score: 100, field: 'number' as const }));
    },
  };
}

export function entryTitle(entry: DirectoryEntry): string {
  return entry.kind === 'person' ? displayName(entry.value) : entry.value.name;
}
