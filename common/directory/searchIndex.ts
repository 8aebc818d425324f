// The in-memory search index behind search-as-you-type. Pure TypeScript, so it runs in main, a
// worker or the renderer. Built once from the cached entries (a rebuild after each sync is cheap
// enough), then every keystroke is: binary search the typed prefix in two sorted term
// dictionaries (folded words and spelling-variant keys), walk the posting lists of the smallest
// token, verify the other tokens against each candidate's own term ids, filter, keep the top N.
import type { Municipality, Person, SharedNumber, Unit } from './model';
import { displayName } from './model';
import { fold, tokenize, variantKey } from './normalize';
import { looksLikeNumber, numberQueryKey, storedNumberKey, stripUri, toE164 } from './phone';
import { FIELD_BITS, FIELD_MASK, TermDictBuilder, compare, lowerBound, prefixRange, type TermDict } from './termDict';
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

export interface IndexHit {
  entry: DirectoryEntry;
  score: number;
  field: MatchField;
}

// Field codes (4 bits) with their weights and the name the UI sees.
const F = { surname: 0, given: 1, name: 2, role: 3, title: 4, unit: 5, forvaltning: 6, email: 7, notes: 8 } as const;
const WEIGHT = [10, 9, 10, 7, 5, 4, 3, 2, 1];
const FIELD_NAME: MatchField[] = ['name', 'name', 'name', 'role', 'title', 'unit', 'unit', 'email', 'notes'];
// How well a word matched: whole folded word, folded prefix, whole variant key, variant prefix.
const Q_EXACT = 1;
const Q_PREFIX = 0.8;
const Q_VARIANT = 0.7;
const Q_VARIANT_PREFIX = 0.55;

const N_DIRECT = 0;
const N_MOBILE = 1;
const N_SHARED = 2;

export interface SearchIndex {
  readonly size: number;
  search(query: string, filters?: SearchFilters, limit?: number): IndexHit[];
  /** Exact match of an incoming caller's number (any format, SIP/tel URI, or an extension). */
  lookupNumber(raw: string): IndexHit[];
}

export function buildSearchIndex(entries: readonly DirectoryEntry[], units: readonly Unit[] = []): SearchIndex {
  const n = entries.length;
  const exact = new TermDictBuilder();
  const variant = new TermDictBuilder();
  const numbers: Array<[string, number]> = [];
  const extensions: Array<[string, number]> = [];
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const docUnit = new Int32Array(n).fill(-1);
  const docMuni = new Uint8Array(n);
  const docKind = new Uint8Array(n);
  const variantCache = new Map<string, string>();
  // Names, titles and units repeat across thousands of people: tokenize each distinct text once.
  const tokenCache = new Map<string, string[]>();

  const addText = (doc: number, text: string, field: number) => {
    if (!text) return;
    let words = tokenCache.get(text);
    if (!words) tokenCache.set(text, (words = tokenize(text)));
    for (const word of words) {
      exact.add(word, doc, field);
      let v = variantCache.get(word);
      if (v === undefined) variantCache.set(word, (v = variantKey(word)));
      variant.add(v, doc, field);
    }
  };

  entries.forEach((entry, doc) => {
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
      if (p.email) addText(doc, p.email.split('@')[0]!, F.email);
      addText(doc, p.notes, F.notes);
      // A protected identity's numbers are never searchable: a number search must not reveal
      // whose number it is (P-SECRECY). The person is still found by name.
      if (!p.protectedIdentity) {
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
  });

  const ex = exact.build(n);
  const va = variant.build(n);
  numbers.sort((a, b) => compare(a[0], b[0]));
  extensions.sort((a, b) => compare(a[0], b[0]));
  const numKeys = numbers.map((x) => x[0]);
  const numDocs = Uint32Array.from(numbers, (x) => x[1]);
  const extKeys = extensions.map((x) => x[0]);
  const extDocs = Uint32Array.from(extensions, (x) => x[1]);

  // Alphabetical rank (surname, given name) breaks score ties, so results are stable while typing.
  const sortKey = entries.map((e) => (e.kind === 'person' ? fold(`${e.value.surname}\u0001${e.value.givenName}\u0001${e.value.id}`) : fold(`${e.value.name}\u0001${e.value.id}`)));
  const order = Uint32Array.from(entries.keys()).sort((a, b) => compare(sortKey[a]!, sortKey[b]!));
  const rank = new Uint32Array(n);
  order.forEach((doc, i) => (rank[doc] = i));

  // Scratch arrays reused by every query; a generation stamp replaces clearing them.
  const stamp = new Uint32Array(n);
  const score = new Float64Array(n);
  const best = new Uint8Array(n);
  const bestS = new Float64Array(n);
  const tokStamp = new Uint32Array(n);
  const tokScore = new Float64Array(n);
  const tokField = new Uint8Array(n);
  let gen = 0;
  let tokGen = 0;

  function allowedFilter(filters: SearchFilters | undefined): ((doc: number) => boolean) | undefined {
    if (!filters || (!filters.municipality && !filters.unitId && !filters.kind)) return undefined;
    const muni = filters.municipality === undefined ? -1 : filters.municipality === 'essunga' ? 0 : 1;
    const kind = filters.kind === undefined ? -1 : filters.kind === 'person' ? 0 : 1;
    let unitOk: Uint8Array | undefined;
    if (filters.unitId !== undefined) {
      unitOk = new Uint8Array(units.length);
      for (const id of descendantsOf(filters.unitId, units)) {
        const i = unitIndex.get(id);
        if (i !== undefined) unitOk[i] = 1;
      }
    }
    return (doc) =>
      (muni < 0 || docMuni[doc] === muni) &&
      (kind < 0 || docKind[doc] === kind) &&
      (!unitOk || (docUnit[doc]! >= 0 && unitOk[docUnit[doc]!] === 1));
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
  }

  function plan(word: string): TokenPlan {
    const [eLo, eHi] = prefixRange(ex.terms, word);
    const key = variantKey(word);
    const [vLo, vHi] = prefixRange(va.terms, key);
    return {
      word,
      eLo,
      eHi,
      eExact: eLo < eHi && ex.terms[eLo] === word ? eLo : -1,
      vLo,
      vHi,
      vExact: vLo < vHi && va.terms[vLo] === key ? vLo : -1,
      cost: ex.start[eHi]! - ex.start[eLo]! + va.start[vHi]! - va.start[vLo]!,
    };
  }

  /** Walk the postings of one token, keeping each document's best match in tokScore/tokField. */
  function scanToken(t: TokenPlan, visit: (doc: number) => void): void {
    tokGen++;
    const walk = (dict: TermDict, lo: number, hi: number, exactId: number, qExact: number, qPrefix: number) => {
      for (let term = lo; term < hi; term++) {
        const q = term === exactId ? qExact : qPrefix;
        for (let i = dict.start[term]!, end = dict.start[term + 1]!; i < end; i++) {
          const p = dict.post[i]!;
          const doc = p >>> FIELD_BITS;
          const field = p & FIELD_MASK;
          const s = WEIGHT[field]! * q;
          if (tokStamp[doc] !== tokGen) {
            tokStamp[doc] = tokGen;
            tokScore[doc] = s;
            tokField[doc] = field;
            visit(doc);
          } else if (s > tokScore[doc]!) {
            tokScore[doc] = s;
            tokField[doc] = field;
          }
        }
      }
    };
    walk(ex, t.eLo, t.eHi, t.eExact, Q_EXACT, Q_PREFIX);
    walk(va, t.vLo, t.vHi, t.vExact, Q_VARIANT, Q_VARIANT_PREFIX);
  }

  /** The best match of one token in one document, from the document's own term ids. */
  function verify(t: TokenPlan, doc: number): number {
    let top = 0;
    let field = 0;
    const check = (dict: TermDict, lo: number, hi: number, exactId: number, qExact: number, qPrefix: number) => {
      for (let i = dict.docStart[doc]!, end = dict.docStart[doc + 1]!; i < end; i++) {
        const term = dict.docTerms[i]! >>> FIELD_BITS;
        if (term < lo || term >= hi) continue;
        const f = dict.docTerms[i]! & FIELD_MASK;
        const s = WEIGHT[f]! * (term === exactId ? qExact : qPrefix);
        if (s > top) {
          top = s;
          field = f;
        }
      }
    };
    check(ex, t.eLo, t.eHi, t.eExact, Q_EXACT, Q_PREFIX);
    check(va, t.vLo, t.vHi, t.vExact, Q_VARIANT, Q_VARIANT_PREFIX);
    tokField[doc] = field;
    return top;
  }

  function topN(candidates: ArrayLike<number>, count: number, limit: number): number[] {
    const top: number[] = [];
    const better = (a: number, b: number) => score[a]! > score[b]! || (score[a] === score[b] && rank[a]! < rank[b]!);
    for (let i = 0; i < count; i++) {
      const doc = candidates[i]!;
      if (top.length === limit && !better(doc, top[limit - 1]!)) continue;
      let j = top.length < limit ? top.length : limit - 1;
      while (j > 0 && better(doc, top[j - 1]!)) {
        top[j] = top[j - 1]!;
        j--;
      }
      top[j] = doc;
    }
    return top;
  }

  const candidates = new Uint32Array(n);

  function textSearch(words: string[], allowed: ((doc: number) => boolean) | undefined, limit: number): IndexHit[] {
    const plans = words.map(plan).sort((a, b) => a.cost - b.cost);
    gen++;
    let count = 0;
    const first = plans[0]!;
    scanToken(first, (doc) => {
      if (allowed && !allowed(doc)) return;
      candidates[count++] = doc;
    });
    for (let i = 0; i < count; i++) {
      const doc = candidates[i]!;
      stamp[doc] = gen;
      score[doc] = bestS[doc] = tokScore[doc]!;
      best[doc] = tokField[doc]!;
    }
    // The field shown for a hit is the one of its strongest single-word match.
    const keep = (doc: number, s: number) => {
      score[doc]! += s;
      if (s > bestS[doc]!) {
        bestS[doc] = s;
        best[doc] = tokField[doc]!;
      }
    };
    for (const t of plans.slice(1)) {
      if (count === 0) break;
      let kept = 0;
      const avgTerms = (ex.docTerms.length + va.docTerms.length) / Math.max(1, n);
      if (count * avgTerms < t.cost) {
        // Few candidates left: check each one's own terms.
        for (let i = 0; i < count; i++) {
          const doc = candidates[i]!;
          const s = verify(t, doc);
          if (s === 0) continue;
          keep(doc, s);
          candidates[kept++] = doc;
        }
      } else {
        scanToken(t, () => undefined);
        for (let i = 0; i < count; i++) {
          const doc = candidates[i]!;
          if (tokStamp[doc] !== tokGen) continue;
          keep(doc, tokScore[doc]!);
          candidates[kept++] = doc;
        }
      }
      count = kept;
    }
    return topN(candidates, count, limit).map((doc) => ({ entry: entries[doc]!, score: score[doc]!, field: FIELD_NAME[best[doc]!]! }));
  }

  function browse(allowed: ((doc: number) => boolean) | undefined, limit: number): IndexHit[] {
    const out: IndexHit[] = [];
    for (let i = 0; i < n && out.length < limit; i++) {
      const doc = order[i]!;
      if (!allowed || allowed(doc)) out.push({ entry: entries[doc]!, score: 0, field: 'none' });
    }
    return out;
  }

  function numberSearch(query: string, allowed: ((doc: number) => boolean) | undefined, limit: number): IndexHit[] {
    const { key, international, trunk } = numberQueryKey(query);
    if (!key) return [];
    gen++;
    let count = 0;
    const hit = (doc: number, s: number, field: MatchField) => {
      if (allowed && !allowed(doc)) return;
      if (stamp[doc] !== gen) {
        stamp[doc] = gen;
        score[doc] = s;
        best[doc] = field === 'extension' ? 1 : 0;
        candidates[count++] = doc;
      } else if (s > score[doc]!) {
        score[doc] = s;
        best[doc] = field === 'extension' ? 1 : 0;
      }
    };
    const [lo, hi] = prefixRange(numKeys, key);
    for (let i = lo; i < hi; i++) hit(numDocs[i]! >>> FIELD_BITS, numKeys[i]!.length === key.length ? 100 : 50, 'number');
    if (!international && !trunk) {
      const [elo, ehi] = prefixRange(extKeys, key);
      for (let i = elo; i < ehi; i++) hit(extDocs[i]!, extKeys[i]!.length === key.length ? 110 : 60, 'extension');
    }
    return topN(candidates, count, limit).map((doc) => ({ entry: entries[doc]!, score: score[doc]!, field: best[doc] ? 'extension' : 'number' }));
  }

  function exactKeyDocs(keys: readonly string[], docs: Uint32Array, key: string, shift: number): number[] {
    const out: number[] = [];
    for (let i = lowerBound(keys, key); i < keys.length && keys[i] === key; i++) out.push(docs[i]! >>> shift);
    return out;
  }

  return {
    size: n,
    search(query, filters, limit = 20) {
      const allowed = allowedFilter(filters);
      const max = Math.max(1, Math.min(limit, 500));
      if (looksLikeNumber(query)) return numberSearch(query, allowed, max);
      const words = [...new Set(tokenize(query))];
      return words.length ? textSearch(words, allowed, max) : browse(allowed, max);
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
      docs.sort((a, b) => rank[a]! - rank[b]!);
      return docs.map((doc) => ({ entry: entries[doc]!, score: 100, field: 'number' as const }));
    },
  };
}

export function entryTitle(entry: DirectoryEntry): string {
  return entry.kind === 'person' ? displayName(entry.value) : entry.value.name;
}
