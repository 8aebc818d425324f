// Typo tolerance for search-as-you-type. A query word of FUZZY_MIN_LENGTH letters or more also
// matches a term when the word is within one edit (a wrong, missing, extra or swapped adjacent
// letter, the first letter included) of a PREFIX of the term, so "andresso" finds Andersson while
// it is still being typed. Every word one edit away is generated and looked up as a prefix range
// in the sorted term dictionary (binary search): a result always comes from a real term, so
// gibberish stays empty. oneEditAway lists those words (tests use it); fuzzyRanges finds the same
// terms with far fewer lookups (see there).

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

/** First index in [lo, hi) whose term is >= key. */
function lowerBoundIn(terms: readonly string[], key: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range of terms in [lo, hi) that start with prefix. */
function rangeIn(terms: readonly string[], prefix: string, lo: number, hi: number): [number, number] {
  const a = lowerBoundIn(terms, prefix, lo, hi);
  let b = a;
  while (b < hi && terms[b]!.startsWith(prefix)) {
    // Most ranges are a term or two long; a long one is closed by binary search.
    if (b - a > 8) return [a, lowerBoundIn(terms, prefix + '\uffff', b, hi)];
    b++;
  }
  return [a, b];
}

/** A range of terms this small is checked term by term instead of by 26 lookups per position. */
const FEW_TERMS = 48;

/**
 * The term ranges [lo, hi) whose terms start with a string one edit from word, merged and with the
 * word's own prefix range [skipLo, skipHi) taken out (those terms match better already).
 * Flat array: lo0, hi0, lo1, hi1, ...
 * Every edit at position i keeps word[0, i) in front, so only positions up to the longest head of
 * the word that some term starts with can give a match, and each is looked up inside the range of
 * terms with that head: a few dozen lookups instead of ~26 per letter.
 */
export function fuzzyRanges(terms: readonly string[], word: string, skipLo: number, skipHi: number): number[] {
  if (word.length < FUZZY_MIN_LENGTH || /[^a-z]/.test(word)) return [];
  const n = word.length;
  // heads[i] = range of terms that start with word[0, i).
  const heads: Array<[number, number]> = [[0, terms.length]];
  for (let i = 0; i < n; i++) {
    const [lo, hi] = heads[i]!;
    const next = rangeIn(terms, word.slice(0, i + 1), lo, hi);
    if (next[0] >= next[1]) break;
    heads.push(next);
  }
  const found: Array<[number, number]> = [];
  const look = (prefix: string, lo: number, hi: number) => {
    const r = rangeIn(terms, prefix, lo, hi);
    if (r[0] < r[1]) found.push(r);
  };
  for (let i = 0; i < heads.length && i < n; i++) {
    const [lo, hi] = heads[i]!;
    const head = word.slice(0, i);
    look(head + word.slice(i + 1), lo, hi); // an extra letter typed
    if (i + 1 < n) look(head + word[i + 1] + word[i] + word.slice(i + 2), lo, hi); // two letters swapped
    const rest = word.slice(i + 1);
    const from = word.slice(i);
    if (hi - lo <= FEW_TERMS) {
      for (let t = lo; t < hi; t++) {
        const term = terms[t]!;
        const wrong = term.length >= n && term[i] !== word[i] && term.startsWith(rest, i + 1);
        const missing = term.length > n && term.startsWith(from, i + 1);
        if (wrong || missing) found.push([t, t + 1]);
      }
    } else {
      for (const c of LETTERS) {
        if (c !== word[i]) look(head + c + rest, lo, hi); // a wrong letter
        look(head + c + from, lo, hi); // a missing letter (one at the end is any longer prefix)
      }
    }
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
