// A sorted term dictionary with packed posting lists, built once per index. Prefix lookup is a
// binary search for the range of terms that start with the prefix; since term ids follow sort
// order, "does this document have a term with that prefix" is a range check on its term ids.

/** A posting packs a document number and a field code: doc << 4 | field. */
export const FIELD_BITS = 4;
export const FIELD_MASK = (1 << FIELD_BITS) - 1;

export interface TermDict {
  readonly terms: readonly string[];
  /** postings of term t are post[start[t] .. start[t + 1]) */
  readonly start: Uint32Array;
  readonly post: Uint32Array;
  /** terms of document d are docTerms[docStart[d] .. docStart[d + 1]), packed termId << 4 | field */
  readonly docStart: Uint32Array;
  readonly docTerms: Uint32Array;
}

export class TermDictBuilder {
  private readonly map = new Map<string, number[]>();

  add(term: string, doc: number, field: number): void {
    let list = this.map.get(term);
    if (!list) this.map.set(term, (list = []));
    const packed = (doc << FIELD_BITS) | field;
    // A document adds its terms in one go, so a repeat can only be at the end of the list.
    if (list[list.length - 1] !== packed) list.push(packed);
  }

  build(docCount: number): TermDict {
    const terms = [...this.map.keys()].sort(compare);
    const start = new Uint32Array(terms.length + 1);
    let total = 0;
    for (let t = 0; t < terms.length; t++) {
      start[t] = total;
      total += this.map.get(terms[t]!)!.length;
    }
    start[terms.length] = total;
    const post = new Uint32Array(total);
    const perDoc = new Uint32Array(docCount + 1);
    for (let t = 0; t < terms.length; t++) {
      const list = this.map.get(terms[t]!)!;
      post.set(list, start[t]!);
      for (const p of list) perDoc[p >>> FIELD_BITS]!++;
    }
    const docStart = new Uint32Array(docCount + 1);
    for (let d = 0; d < docCount; d++) docStart[d + 1] = docStart[d]! + perDoc[d]!;
    const fill = docStart.slice(0, docCount);
    const docTerms = new Uint32Array(total);
    for (let t = 0; t < terms.length; t++) {
      for (let i = start[t]!; i < start[t + 1]!; i++) {
        const p = post[i]!;
        const d = p >>> FIELD_BITS;
        docTerms[fill[d]!++] = (t << FIELD_BITS) | (p & FIELD_MASK);
      }
    }
    this.map.clear();
    return { terms, start, post, docStart, docTerms };
  }
}

/** Code-unit order, the same order the binary search below relies on. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index whose term is >= key. */
export function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range [lo, hi) of terms that start with prefix. */
export function prefixRange(terms: readonly string[], prefix: string): [number, number] {
  const lo = lowerBound(terms, prefix);
  let hi = lo;
  // Galloping then binary search: short ranges (the common case when typing) end quickly.
  let step = 1;
  while (hi + step <= terms.length && terms[hi + step - 1]!.startsWith(prefix)) {
    hi += step;
    step *= 2;
  }
  let top = Math.min(terms.length, hi + step);
  while (hi < top) {
    const mid = (hi + top) >>> 1;
    if (terms[mid]!.startsWith(prefix)) hi = mid + 1;
    else top = mid;
  }
  return [lo, hi];
}
