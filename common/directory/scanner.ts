// One query word against the index: which term ranges it matches (folded prefix, variant-key
// prefix, one typo away) and which municipalities it names, then the walk over those postings
// (scan) or the check of one document's own terms (verify). Scratch arrays are reused by every
// query; generation stamps replace clearing them.
import { FUZZY_MIN_LENGTH, fuzzyRanges } from './fuzzy';
import { variantKey } from './normalize';
import { placeMatch } from './places';
import { CODE_SCORE as SCORE_TABLE, F, QUALITIES, Q_EXACT, Q_FUZZY, Q_PREFIX, Q_VARIANT, Q_VARIANT_PREFIX } from './scoring';
import { FIELD_BITS as TERM_FIELD_BITS, FIELD_MASK as TERM_FIELD_MASK, lowerBound, prefixRange, type TermDict } from './termDict';

// Local copies: an imported binding may compile to a getter call (CommonJS interop), which costs
// more than everything else in the posting loops.
const FIELD_BITS = TERM_FIELD_BITS;
const FIELD_MASK = TERM_FIELD_MASK;
const CODE_SCORE = SCORE_TABLE;
const NQ = QUALITIES;
const PLACE_EXACT = F.place * NQ + Q_EXACT;
const PLACE_PREFIX = F.place * NQ + Q_PREFIX;

export const SHORTCUT_MAX_LENGTH = 3;
const PLAN_CACHE = 512;

/**
 * Spans of a plan, SPAN numbers each: dictionary (0 folded, 1 variant), lo, hi, exact term id or
 * -1, its quality, the others' quality, and a code that replaces the posting's own for every term
 * but the exact one (-1: none).
 */
const SPAN = 7;
const PLACE_WORD = F.placeWord * NQ + Q_EXACT;

export interface TokenPlan {
  readonly word: string;
  readonly spans: readonly number[];
  /** Municipalities the word names (places.ts), and the code of that match. */
  readonly place: number;
  readonly placeCode: number;
  /** Postings to walk, plus the documents of the place: what the word costs as the first word. */
  readonly cost: number;
  /** Postings to walk only. */
  readonly postCost: number;
  /** Index into cutWords, or -1. */
  readonly cut: number;
}

/** Swedish definite and plural definite endings, longest first. */
const DEFINITE = ['erna', 'arna', 'orna', 'en', 'et', 'na'];
const STEM_MIN_LENGTH = 4;

/** The term id of a word without its definite ending, when that stem is itself a term, or -1. */
function definiteStem(word: string, terms: readonly string[]): number {
  for (const ending of DEFINITE) {
    if (!word.endsWith(ending) || word.length - ending.length < STEM_MIN_LENGTH) continue;
    const stem = word.slice(0, -ending.length);
    const at = lowerBound(terms, stem);
    if (terms[at] === stem) return at;
  }
  return -1;
}

export class Scanner {
  readonly tokStamp: Uint32Array;
  readonly tokCode: Uint8Array;
  tokGen = 0;
  private readonly dicts: readonly [TermDict, TermDict];
  /** Documents per municipality bit mask (1 Essunga, 2 Grästorp, 3 both). */
  private readonly placeCount: number[];

  constructor(
    private readonly n: number,
    ex: TermDict,
    va: TermDict,
    private readonly docMuni: Uint8Array,
    private readonly cutWords: readonly string[],
  ) {
    this.dicts = [ex, va];
    this.tokStamp = new Uint32Array(n);
    this.tokCode = new Uint8Array(n);
    let essunga = 0;
    for (let d = 0; d < n; d++) if (docMuni[d] === 0) essunga++;
    this.placeCount = [0, essunga, n - essunga, n];
  }

  /** Plans of recent words: typing "andersson an…" plans "andersson" once, not on every key. */
  private readonly plans = new Map<string, TokenPlan>();

  plan(word: string): TokenPlan {
    let plan = this.plans.get(word);
    if (!plan) {
      if (this.plans.size >= PLAN_CACHE) this.plans.clear();
      this.plans.set(word, (plan = this.makePlan(word)));
    }
    return plan;
  }

  private makePlan(word: string): TokenPlan {
    const [ex, va] = this.dicts;
    const [eLo, eHi] = prefixRange(ex.terms, word);
    const eExact = eLo < eHi && ex.terms[eLo] === word ? eLo : -1;
    const key = variantKey(word);
    const [vLo, vHi] = prefixRange(va.terms, key);
    const vExact = vLo < vHi && va.terms[vLo] === key ? vLo : -1;
    // A word that is itself a word of the directory (or its variant) was meant as it is: "andre"
    // is André, not a typo of Andersson. Any other long word may hold one typo.
    const typo = word.length >= FUZZY_MIN_LENGTH && eExact < 0 && vExact < 0;
    const place = placeMatch(word, typo);
    // A whole place word means the place: where it also begins another word (Nossebroskolan,
    // kommunsekreterare), that says little more than the place itself.
    const other = place.whole ? PLACE_WORD : -1;
    const spans: number[] = [];
    let cost = 0;
    const add = (dict: number, lo: number, hi: number, exact: number, qExact: number, qOther: number) => {
      if (lo >= hi) return;
      const d = this.dicts[dict]!;
      spans.push(dict, lo, hi, exact, qExact, qOther, other);
      cost += d.start[hi]! - d.start[lo]!;
    };
    add(0, eLo, eHi, eExact, Q_EXACT, Q_PREFIX);
    add(1, vLo, vHi, vExact, Q_VARIANT, Q_VARIANT_PREFIX);
    if (typo) {
      const fuzzy = fuzzyRanges(ex.terms, word, eLo, eHi);
      for (let i = 0; i < fuzzy.length; i += 2) add(0, fuzzy[i]!, fuzzy[i + 1]!, -1, Q_FUZZY, Q_FUZZY);
      // Callers say the definite form: "hemtjänsten", "kansliet", "socialjouren", "rektorerna".
      const stem = definiteStem(word, ex.terms);
      if (stem >= 0 && (stem < eLo || stem >= eHi)) add(0, stem, stem + 1, stem, Q_VARIANT, Q_VARIANT);
    }
    const postCost = cost;
    cost += this.placeCount[place.mask]!;
    let cut = -1;
    if (word.length <= SHORTCUT_MAX_LENGTH && this.cutWords.length) {
      const k = lowerBound(this.cutWords, word);
      if (this.cutWords[k] === word) cut = k;
    }
    return { word, spans, place: place.mask, placeCode: place.whole ? PLACE_EXACT : PLACE_PREFIX, cost, postCost, cut };
  }

  /** Does the token's place (if any) hold this document? */
  inPlace(t: TokenPlan, doc: number): boolean {
    return ((1 << this.docMuni[doc]!) & t.place) !== 0;
  }

  /**
   * Walk the postings of one token, keeping each document's best match code in tokCode (the first
   * of equal scores wins). Documents seen for the first time are appended to out, if given.
   * withPlace false leaves out the documents that only the place matches (the caller adds them).
   */
  scan(t: TokenPlan, out: Uint32Array | undefined, withPlace = true): number {
    const gen = ++this.tokGen;
    let count = 0;
    const { tokStamp, tokCode } = this;
    const spans = t.spans;
    for (let s = 0; s < spans.length; s += SPAN) {
      const dict = this.dicts[spans[s]!]!;
      const hi = spans[s + 2]!;
      const exactId = spans[s + 3]!;
      const fixed = spans[s + 6]!;
      const start = dict.start;
      const post = dict.post;
      for (let term = spans[s + 1]!; term < hi; term++) {
        const qi = term === exactId ? spans[s + 4]! : spans[s + 5]!;
        const own = fixed < 0 || term === exactId;
        for (let i = start[term]!, end = start[term + 1]!; i < end; i++) {
          const p = post[i]!;
          const doc = p >>> FIELD_BITS;
          const code = own ? (p & FIELD_MASK) * NQ + qi : fixed;
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
    if (t.place && withPlace) {
      const { docMuni, n } = this;
      const code = t.placeCode;
      const score = CODE_SCORE[code]!;
      for (let doc = 0; doc < n; doc++) {
        if (((1 << docMuni[doc]!) & t.place) === 0) continue;
        if (tokStamp[doc] !== gen) {
          tokStamp[doc] = gen;
          tokCode[doc] = code;
          if (out) out[count] = doc;
          count++;
        } else if (score > CODE_SCORE[tokCode[doc]!]!) {
          tokCode[doc] = code;
        }
      }
    }
    return count;
  }

  /**
   * The best match code of one token in one document from the document's own term ids, or -1.
   * A document's term ids are sorted, so the ones in a span's range are found by binary search.
   */
  verify(t: TokenPlan, doc: number): number {
    let top = 0;
    let best = -1;
    const spans = t.spans;
    for (let s = 0; s < spans.length; s += SPAN) {
      const dict = this.dicts[spans[s]!]!;
      const lo = spans[s + 1]!;
      const hi = spans[s + 2]!;
      const exactId = spans[s + 3]!;
      const fixed = spans[s + 6]!;
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
        const code = fixed < 0 || term === exactId ? (docTerms[i]! & FIELD_MASK) * NQ + (term === exactId ? spans[s + 4]! : spans[s + 5]!) : fixed;
        if (CODE_SCORE[code]! > top) {
          top = CODE_SCORE[code]!;
          best = code;
        }
      }
    }
    if (t.place && ((1 << this.docMuni[doc]!) & t.place) !== 0 && CODE_SCORE[t.placeCode]! > top) best = t.placeCode;
    return best;
  }
}
