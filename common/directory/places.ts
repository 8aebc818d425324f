// Municipality and place names are words of every entry: a caller says "Anna i Grästorp",
// "Essunga kommun, ekonomi" or "Nossebro skola". Rather than posting these words for every entry
// (100k postings each), a query word that names, or while typing begins, a municipality or one of
// its localities matches every entry of that municipality (docMuni), with the lowest weight. The
// word keeps its ordinary matches too ("Tengene" is also the start of Tengeneskolan).
// "kommun", "kommuns" and "kommunen" are noise here: from four letters on they match every entry,
// so "essunga kommun ekonomi" is "essunga ekonomi".
import type { Municipality } from './model';
import { FUZZY_MIN_LENGTH, nearPrefixOf } from './fuzzy';

/** Folded place words and the municipality they belong to (tätorter per SCB). */
export const PLACES: ReadonlyArray<readonly [string, Municipality]> = [
  ['essunga', 'essunga'],
  ['nossebro', 'essunga'],
  ['jonslund', 'essunga'],
  ['grastorp', 'grastorp'],
  ['tengene', 'grastorp'],
  ['flakeberg', 'grastorp'],
];
export const NOISE = ['kommun', 'kommuns', 'kommunen'] as const;
const NOISE_MIN_LENGTH = 4;

/** Bit of a municipality in a place mask; the same order as docMuni (essunga 0, grastorp 1). */
export const muniBit = (m: Municipality): number => (m === 'essunga' ? 1 : 2);
export const ALL_PLACES = 3;

export interface PlaceMatch {
  /** Municipalities the word names (bit 0 Essunga, bit 1 Grästorp), or 0. */
  mask: number;
  /** The word is a whole place or noise word, not a prefix (or a typo) of one. */
  whole: boolean;
}

/**
 * Which municipalities a folded query word names or begins to name; with `typo`, also a place
 * name one typo away ("grastrop"). The caller passes false for a word that is itself a word of the
 * directory ("jonas" is Jonas, not a typo of Jonslund).
 */
export function placeMatch(word: string, typo = true): PlaceMatch {
  let mask = 0;
  let whole = false;
  for (const [place, m] of PLACES) {
    if (!place.startsWith(word) && !(typo && word.length >= FUZZY_MIN_LENGTH && nearPrefixOf(word, place))) continue;
    mask |= muniBit(m);
    if (word === place) whole = true;
  }
  if (word.length >= NOISE_MIN_LENGTH && NOISE.some((w) => w.startsWith(word))) {
    mask = ALL_PLACES;
    if ((NOISE as readonly string[]).includes(word)) whole = true;
  }
  return { mask, whole };
}
