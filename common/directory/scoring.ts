// How a word's match in a document is scored. A match is one small code, field * QUALITIES +
// quality, so the hot loops keep a byte per document and look the score up in a table.
import type { MatchField } from './indexTypes';

// Field codes (4 bits in a posting) with their weights and the name the UI sees. The last two are
// never in a posting: PLACE is the municipality or a locality of the entry, matched from docMuni
// (places.ts); PLACE_WORD is where a whole place word is also the start of another word
// ("Nossebro" in Nossebroskolan): a little more than the place alone, far less than the field.
export const F = { surname: 0, given: 1, name: 2, role: 3, title: 4, unit: 5, forvaltning: 6, email: 7, notes: 8, place: 9, placeWord: 10 } as const;
const WEIGHT = [10, 9, 10, 7, 5, 4, 3, 2, 1, 1, 1.5];
const FIELD_NAME: MatchField[] = ['name', 'name', 'name', 'role', 'title', 'unit', 'unit', 'email', 'notes', 'unit', 'unit'];

// How well a word matched: whole folded word, folded prefix, whole variant key, variant prefix,
// and a prefix within one typo (fuzzy.ts), which ranks below every spelling variant.
export const Q_EXACT = 0;
export const Q_PREFIX = 1;
export const Q_VARIANT = 2;
export const Q_VARIANT_PREFIX = 3;
export const Q_FUZZY = 4;
const QUALITY = [1, 0.8, 0.7, 0.55, 0.4];
export const QUALITIES = QUALITY.length;

export const CODE_SCORE = new Float64Array(WEIGHT.length * QUALITIES);
for (let f = 0; f < WEIGHT.length; f++) for (let q = 0; q < QUALITIES; q++) CODE_SCORE[f * QUALITIES + q] = WEIGHT[f]! * QUALITY[q]!;
export const CODE_FIELD: MatchField[] = Array.from(CODE_SCORE, (_, code) => FIELD_NAME[Math.floor(code / QUALITIES)]!);
/** Distinct scores, best first; precomputed lists are ordered by these levels, then by rank. */
export const LEVELS = [...new Set(CODE_SCORE)].sort((a, b) => b - a);
export const CODE_LEVEL = Uint8Array.from(CODE_SCORE, (s) => LEVELS.indexOf(s));
