// Typo tolerance for search-as-you-type. A query word of FUZZY_MIN_LENGTH letters or more also
// matches a term when the word is within one edit (a wrong, missing, extra or swapped adjacent
// letter, the first letter included) of a PREFIX of the term, so "andresso" finds Andersson while
// it is still being typed. Every word one edit away is generated and looked up as a prefix range
// in the sorted term dictionary (binary search): a result always comes from a real term, so
// gibberish stays empty. At 8 letters that is about 420 lookups in a dictionary of a few thousand
// terms, tens of microseconds.
import { lowerBound, prefixRange } from './termDict';

export const FUZZY_MIN_LENGTH = 5;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit from a folded word whose use as a prefix can find a term (see above). */
export function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  const n = word.length;
  for (let i = 0; i < n; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i + 1);
    out.add(head + tail); // an extra letter typed
    if (i + 1 < n) out.add(head + word[i + 1] + word[i] + word.slice(i + 2)); // two letters swapped
    for (const c of LETTERS) {
      if (c !== word[i]) out.add(head + c + tail); // a wrong letter
      out.add(head + c + word.slice(i)); // a missing letter (one at the end is any longer prefix)
    }
  }
  out.delete(word);
  return out;
}

/**
 * The term ranges [lo, hi) whose terms start with a string one edit from word, merged and with the
 * word's own prefix range [skipLo, skipHi) taken out (those terms match better already).
 * Flat array: lo0, hi0, lo1, hi1, ...
 */
export function fuzzyRanges(terms: readonly string[], word: string, skipLo: number, skipHi: number): number[] {
  if (word.length < FUZZY_MIN_LENGTH || /[^a-z]/.test(word)) return [];
  const found: Array<[number, number]> = [];
  for (const p of oneEditAway(word)) {
    const lo = lowerBound(terms, p);
    if (lo >= terms.length || !terms[lo]!.startsWith(p)) continue;
    found.push(prefixRange(terms, p));
  }
  found.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  const push = (lo: number, hi: number) => {
    if (lo >= hi) return;
    const last = out.length - 1;
    if (last > 0 && out[last]! >= lo) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  };
  for (const [lo, hi] of found) {
    if (hi <= skipLo || lo >= skipHi) push(lo, hi);
    else {
      push(lo, Math.min(hi, skipLo));
      push(Math.max(lo, skipHi), hi);
    }
  }
  return out;
}

/** Optimal-string-alignment distance of a and b, stopping early above 1: is it 0 or 1? */
function withinOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const ra = a.slice(i + 1);
  const rb = b.slice(i + 1);
  if (a.length === b.length) return ra === rb || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Is word within one edit of some prefix of term? The rule fuzzyRanges implements, said directly. */
export function nearPrefixOf(word: string, term: string): boolean {
  if (term.startsWith(word)) return true;
  for (let len = word.length - 1; len <= word.length + 1; len++) {
    if (len > 0 && len <= term.length && withinOne(word, term.slice(0, len))) return true;
  }
  return false;
}
