// Numbers in the index: a typed number (any format, partly typed is a prefix) and the exact match
// of an incoming caller's number. Keys are national digits (phone.ts); the subscriber part of
// each number is a second, lower-scored key, so "57012" or "570 12" finds 0512-570 12.
// The whole number and the extension of a protected identity are not keys (buildIndex.ts).
import type { SearchIndexData } from './indexTypes';
import { numberQueryKey, storedNumberKey, stripUri, toE164 } from './phone';
import { FIELD_BITS, lowerBound, prefixRange } from './termDict';

// Scores of a number match: whole key beats a prefix; an extension beats a number; the subscriber
// part and a number typed as 46… without + rank below the number typed in full.
const EXT_EXACT = 110;
const NUM_EXACT = 100;
const NUM_WITHOUT_PLUS_EXACT = 95;
const SUB_EXACT = 80;
const EXT_PREFIX = 60;
const NUM_PREFIX = 50;
const NUM_WITHOUT_PLUS_PREFIX = 45;
const SUB_PREFIX = 40;
/** Fewer digits than this are not tried as a subscriber part: "57" would match half a municipality. */
const SUB_MIN_DIGITS = 3;

interface KeyList {
  keys: readonly string[];
  /** Document of each key. */
  docs: Uint32Array;
  /** Positions of document d's keys: pos[posStart[d] .. posStart[d + 1]). */
  posStart: Uint32Array;
  pos: Uint32Array;
}

function keyList(n: number, keys: readonly string[], packed: Uint32Array, shift: number): KeyList {
  const docs = packed.map((p) => p >>> shift);
  const posStart = new Uint32Array(n + 1);
  for (const d of docs) posStart[d + 1]!++;
  for (let d = 0; d < n; d++) posStart[d + 1]! += posStart[d]!;
  const fill = posStart.slice(0, n);
  const pos = new Uint32Array(docs.length);
  docs.forEach((d, i) => (pos[fill[d]!++] = i));
  return { keys, docs, posStart, pos };
}

export interface NumberHit {
  doc: number;
  score: number;
  extension: boolean;
}

/**
 * A typed number's matches, best first. Every match of one kind (a whole key, or a prefix, of the
 * numbers, the subscriber parts or the extensions) has the same score, so the kinds are taken in
 * score order and, within a kind, documents in rank order until `limit` are found. A kind with
 * many matches ("5", "0512") is read by walking documents in rank order and checking each one's
 * own keys, which stops after about limit × n / matches documents instead of visiting them all.
 */
export class NumberIndex {
  private readonly num: KeyList;
  private readonly sub: KeyList;
  private readonly ext: KeyList;
  private readonly taken: Uint32Array;
  private gen = 0;

  constructor(
    private readonly n: number,
    data: SearchIndexData,
  ) {
    this.num = keyList(n, data.numKeys, data.numDocs, FIELD_BITS);
    this.sub = keyList(n, data.subKeys, data.subDocs, FIELD_BITS);
    this.ext = keyList(n, data.extKeys, data.extDocs, 0);
    this.taken = new Uint32Array(n);
  }

  search(query: string, accept: (doc: number) => boolean, limit: number): NumberHit[] {
    const { key, international, trunk, withoutPlus } = numberQueryKey(query);
    if (!key) return [];
    const kinds: Array<{ list: KeyList; lo: number; hi: number; score: number; extension: boolean }> = [];
    const tryKey = (list: KeyList, k: string, exact: number, prefix: number, extension = false) => {
      const [lo, hi] = prefixRange(list.keys, k);
      let mid = lo;
      while (mid < hi && list.keys[mid] === k) mid++;
      if (mid > lo) kinds.push({ list, lo, hi: mid, score: exact, extension });
      if (hi > mid) kinds.push({ list, lo: mid, hi, score: prefix, extension });
    };
    tryKey(this.num, key, NUM_EXACT, NUM_PREFIX);
    if (withoutPlus) tryKey(this.num, withoutPlus, NUM_WITHOUT_PLUS_EXACT, NUM_WITHOUT_PLUS_PREFIX);
    if (!international && !trunk) {
      tryKey(this.ext, key, EXT_EXACT, EXT_PREFIX, true);
      if (key.length >= SUB_MIN_DIGITS) tryKey(this.sub, key, SUB_EXACT, SUB_PREFIX);
    }
    // A subscriber part may begin with 0 (070-060 65 28): "060 65 28" is tried as one too.
    if (trunk && key.length + 1 >= SUB_MIN_DIGITS) tryKey(this.sub, '0' + key, SUB_EXACT, SUB_PREFIX);
    kinds.sort((a, b) => b.score - a.score);

    const gen = ++this.gen;
    const { taken, n } = this;
    const out: NumberHit[] = [];
    for (const kind of kinds) {
      if (out.length >= limit) break;
      const { list, lo, hi, score, extension } = kind;
      const take = (doc: number) => {
        taken[doc] = gen;
        out.push({ doc, score, extension });
      };
      if ((hi - lo) * (hi - lo) > limit * n) {
        for (let doc = 0; doc < n && out.length < limit; doc++) {
          if (taken[doc] === gen) continue;
          let inside = false;
          for (let i = list.posStart[doc]!, end = list.posStart[doc + 1]!; i < end && !inside; i++) inside = list.pos[i]! >= lo && list.pos[i]! < hi;
          if (inside && accept(doc)) take(doc);
        }
      } else {
        const docs: number[] = [];
        for (let i = lo; i < hi; i++) {
          const doc = list.docs[i]!;
          if (taken[doc] !== gen && accept(doc)) docs.push(doc);
        }
        docs.sort((a, b) => a - b);
        for (let i = 0; i < docs.length && out.length < limit; i++) if (taken[docs[i]!] !== gen) take(docs[i]!);
      }
    }
    return out;
  }
}

function exactKeyDocs(keys: readonly string[], docs: Uint32Array, key: string, shift: number): number[] {
  const out: number[] = [];
  for (let i = lowerBound(keys, key); i < keys.length && keys[i] === key; i++) out.push(docs[i]! >>> shift);
  return out;
}

/** Documents whose number or extension is exactly this caller's (any format, SIP/tel URI), in rank order. */
export function lookupNumberDocs(data: SearchIndexData, raw: string): number[] {
  const user = stripUri(raw);
  const digits = user.replace(/\D/g, '');
  const seen = new Set<number>();
  const docs: number[] = [];
  const push = (list: number[]) => list.forEach((d) => !seen.has(d) && (seen.add(d), docs.push(d)));
  // Short digit strings without a leading 0 or + are extensions (internal callers).
  if (/^\d{2,8}$/.test(user) && !user.startsWith('0')) push(exactKeyDocs(data.extKeys, data.extDocs, digits, 0));
  const e164 = toE164(user);
  if (e164) push(exactKeyDocs(data.numKeys, data.numDocs, storedNumberKey(e164), FIELD_BITS));
  return docs.sort((a, b) => a - b);
}
