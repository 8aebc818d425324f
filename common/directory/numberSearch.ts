// Numbers in the index: a typed number (any format, partly typed is a prefix) and the exact match
// of an incoming caller's number. Keys are national digits (phone.ts); the subscriber part of
// each number is a second, lower-scored key, so "57012" or "570 12" finds 0512-570 12.
import type { SearchIndexData } from './indexTypes';
import { numberQueryKey, storedNumberKey, stripUri, toE164 } from './phone';
import { lowerBound, prefixRange } from './termDict';
import { FIELD_BITS } from './termDict';

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

/** Calls add(doc, score, isExtension) for every document a typed number matches. */
export function collectNumberMatches(data: SearchIndexData, query: string, add: (doc: number, score: number, isExtension: boolean) => void): void {
  const { key, international, trunk, withoutPlus } = numberQueryKey(query);
  if (!key) return;
  const range = (keys: readonly string[], docs: Uint32Array, k: string, shift: number, exact: number, prefix: number, isExt: boolean) => {
    const [lo, hi] = prefixRange(keys, k);
    for (let i = lo; i < hi; i++) add(docs[i]! >>> shift, keys[i]!.length === k.length ? exact : prefix, isExt);
  };
  range(data.numKeys, data.numDocs, key, FIELD_BITS, NUM_EXACT, NUM_PREFIX, false);
  if (withoutPlus) range(data.numKeys, data.numDocs, withoutPlus, FIELD_BITS, NUM_WITHOUT_PLUS_EXACT, NUM_WITHOUT_PLUS_PREFIX, false);
  if (!international && !trunk) {
    range(data.extKeys, data.extDocs, key, 0, EXT_EXACT, EXT_PREFIX, true);
    if (key.length >= SUB_MIN_DIGITS) range(data.subKeys, data.subDocs, key, FIELD_BITS, SUB_EXACT, SUB_PREFIX, false);
  }
  // A subscriber part may begin with 0 (070-060 65 28): "060 65 28" is tried as one too.
  if (trunk && key.length + 1 >= SUB_MIN_DIGITS) range(data.subKeys, data.subDocs, '0' + key, FIELD_BITS, SUB_EXACT, SUB_PREFIX, false);
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
