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
// Parts: buildIndex.ts builds the data; scanner.ts plans and walks one query word (prefix, variant
// key, one typo (fuzzy.ts), place words (places.ts)); scoring.ts holds the weights;
// numberSearch.ts answers numbers. This file ties them into search() and lookupNumber().
import type { Unit } from './model';
import type { DirectoryEntry, EntryList, IndexHit, SearchFilters, SearchIndex, SearchIndexData, SearchIndexOptions } from './indexTypes';
import { displayName } from './model';
import { buildSearchIndexData } from './buildIndex';
import { NumberIndex, lookupNumberDocs } from './numberSearch';
import { looksLikeNumber } from './phone';
import { Scanner, type TokenPlan } from './scanner';
import { CODE_FIELD as FIELD_TABLE, CODE_SCORE as SCORE_TABLE } from './scoring';
import { tokenize } from './normalize';
import { descendantsOf } from './units';

// Local copies: an imported binding may compile to a getter call (CommonJS interop), which costs
// more than everything else in the posting loops.
const CODE_SCORE = SCORE_TABLE;
const CODE_FIELD = FIELD_TABLE;

export { buildSearchIndexData };
export type { DirectoryEntry, EntryList, IndexHit, MatchField, SearchFilters, SearchIndex, SearchIndexData, SearchIndexOptions } from './indexTypes';

export function buildSearchIndex(entries: readonly DirectoryEntry[], units: readonly Unit[] = [], options: SearchIndexOptions = {}): SearchIndex {
  return createSearchIndex(buildSearchIndexData(entries, units, options), entries, units);
}

/**
 * An index over data built (or stored and loaded) for exactly these entries, in this order. The
 * entries may be of any shape (the renderer's are display rows); hits carry them as they are.
 */
export function createSearchIndex<E = DirectoryEntry>(data: SearchIndexData, entries: EntryList<E>, units: readonly Unit[] = []): SearchIndex<E> {
  const { n, order, docMuni, docKind, docUnit, ex, va, cutWords, cutStart, cutDocs, cutCode, cutComplete } = data;
  if (n !== entries.length) throw new Error(`search index data is for ${n} entries, not ${entries.length}`);
  const unitIndex = new Map(data.unitIds.map((id, i) => [id, i]));
  const scanner = new Scanner(n, ex, va, docMuni, cutWords);
  const numbers = new NumberIndex(n, data);
  const { tokStamp, tokCode } = scanner;
  const entryOf = (doc: number) => {
    const entry = entries.at(order[doc]!);
    if (!entry) throw new Error(`the directory has no entry at position ${order[doc]}`);
    return entry;
  };

  // Per query: the summed score, and the code of the strongest single-word match (its field is shown).
  const score = new Float64Array(n);
  const bestCode = new Uint8Array(n);
  const candidates = new Uint32Array(n);
  // What checking one candidate's own terms costs, in posting visits: two binary searches.
  const verifyCost = 2 * (Math.log2(1 + (ex.docTerms.length + va.docTerms.length) / Math.max(1, 2 * n)) + 2);

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

  const hit = (doc: number, s: number, code: number): IndexHit<E> => ({ entry: entryOf(doc), score: s, field: CODE_FIELD[code]! });

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
    if (plans.length === 1 && first.place && !complete) return placeSearch(first, filter, limit);
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
      // The place part of a word is a constant-time check per candidate, never worth a walk over
      // the municipality: only the word's postings decide between walking them and verifying.
      const few = count * verifyCost < t.postCost;
      if (!few) scanner.scan(t, undefined, false);
      const tokGen = scanner.tokGen;
      const placeScore = t.place ? CODE_SCORE[t.placeCode]! : 0;
      for (let i = 0; i < count; i++) {
        const doc = candidates[i]!;
        let code: number;
        if (few) {
          // Few candidates left: check each one's own terms.
          code = scanner.verify(t, doc);
          if (code < 0) continue;
        } else {
          code = tokStamp[doc] === tokGen ? tokCode[doc]! : -1;
          if (t.place && scanner.inPlace(t, doc) && (code < 0 || placeScore > CODE_SCORE[code]!)) code = t.placeCode;
          if (code < 0) continue;
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

  /**
   * One word that names a place ("essunga", "kommun"): its own matches, then the place's other
   * documents, which all score the same, so only the first `limit` of them in rank order are
   * needed: no walk over every document of the municipality.
   */
  function placeSearch(t: TokenPlan, filter: Filter | undefined, limit: number): IndexHit<E>[] {
    const found = scanner.scan(t, candidates, false);
    const placeScore = CODE_SCORE[t.placeCode]!;
    let count = 0;
    for (let i = 0; i < found; i++) {
      const doc = candidates[i]!;
      if (filter && !allowed(filter, doc)) continue;
      let code = tokCode[doc]!;
      if (scanner.inPlace(t, doc) && placeScore > CODE_SCORE[code]!) code = t.placeCode;
      candidates[count++] = doc;
      score[doc] = CODE_SCORE[code]!;
      bestCode[doc] = code;
    }
    const tokGen = scanner.tokGen;
    for (let doc = 0, extra = 0; doc < n && extra < limit; doc++) {
      if (tokStamp[doc] === tokGen || !scanner.inPlace(t, doc) || (filter && !allowed(filter, doc))) continue;
      candidates[count++] = doc;
      score[doc] = placeScore;
      bestCode[doc] = t.placeCode;
      extra++;
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
    const accept = filter ? (doc: number) => allowed(filter, doc) : () => true;
    return numbers.search(query, accept, limit).map((h) => ({ entry: entryOf(h.doc), score: h.score, field: h.extension ? 'extension' : 'number' }));
  }

  return {
    size: n,
    search(query, filters, limit = 20) {
      const filter = filterOf(filters);
      const max = Math.max(1, Math.min(limit, 500));
      if (looksLikeNumber(query)) return numberSearch(query, filter, max);
      const words = [...new Set(tokenize(query))];
      if (words.length) return textSearch(words, filter, max);
      // Only an empty query browses (the list under a chosen unit); punctuation or an emoji alone
      // names nobody.
      return query.trim() === '' ? browse(filter, max) : [];
    },
    lookupNumber(raw) {
      return lookupNumberDocs(data, raw).map((doc) => ({ entry: entryOf(doc), score: 100, field: 'number' as const }));
    },
  };
}

export function entryTitle(entry: DirectoryEntry): string {
  return entry.kind === 'person' ? displayName(entry.value) : entry.value.name;
}
