// Search normalisation. Two keys per word:
//  - the folded form: lower case, diacritics removed (Åsa → asa, Sjögren → sjogren, René → rene);
//  - the variant key: the folded form with common Swedish spelling variants merged, so names a
//    caller says one way and HR wrote another share one key.
// Both work on prefixes too: the key of a typed prefix is a prefix of the key of the whole word
// for the rules below, which is what lets search-as-you-type use variants.
//
// Documented variants (test/node/directory-variants.test.ts checks every row):
//   Karlsson / Carlsson, Carl / Karl   c before a, o, u, r, l, k, s, t → k; c before e, i, y → s
//   Eriksson / Ericsson / Erixon       ck, cs → k(s); x → ks
//   Mikael / Michael, Kristina / Christina   ch → k
//   Filip / Philip, Sofia / Sophia     ph → f
//   Gustafsson / Gustavsson, Olof / Olov   f inside a word → v (not the first letter: Filip, Fredrik)
//   Tomas / Thomas                     th → t
//   Per / Pehr, Ahlberg / Alberg       h after a vowel and not before one is silent
//   Sjöberg / Sjöbergh, Lind / Lindh   h after a consonant and not before a vowel is silent
//   Persson / Pehrsson, Johansson / Johanson, Nilsson / Nilson, Pettersson / Petersson
//                                      a doubled letter counts once (-sson / -son)
//   Lindqvist / Lindquist / Lindkvist  qu → kv, q → k
//   Claesson / Klasson, Mikael / Michael   ae → a
//   Wikström / Vikström, Zetterberg / Setterberg   w → v, z → s
//   Schön / Sjön, Stjärna / Sjärna, Skjöld / Sjöld   sch, stj, skj → sj
//   Djurberg / Jurberg, Hjalmar / Jalmar, Ljung / Jung   initial dj, gj, hj, lj → j
//   Schmidt / Schmit                   dt → t
//   Söderberg / Soderberg, Linnéa / Linnea   by folding (the folded form, not the variant key)
// Not merged: ä / e (Pär / Per, Bäck / Beck): folding has already made ä an a, and Per and Pär
// are also distinct names; a single-letter difference in a word of five letters or more is still
// found by the typo rule (fuzzy.ts): Beckström finds Bäckström.
// A run of three or more equal letters stays as it is: no name has one, and "zzzz" must not
// become a short key that matches half the directory.

const SPECIAL: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', ð: 'd', þ: 'th', ł: 'l', đ: 'd' };

/** Lower case and strip diacritics. Keeps digits and letters; other characters become spaces. */
export function fold(text: string): string {
  const lower = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return lower.replace(/[øæßðþłđ]/g, (c) => SPECIAL[c] ?? c);
}

/** Words of a text, folded: "Anna-Karin Sjögren" → ["anna", "karin", "sjogren"]. */
export function tokenize(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const VOWELS = 'aeiouy';

/** The spelling-variant key of one folded word (the rules in the table above, in this order). */
export function variantKey(word: string): string {
  const w = word
    .replace(/sch|stj|skj/g, 'sj')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ch/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/qu/g, 'kv')
    .replace(/q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/x/g, 'ks')
    .replace(/dt/g, 't')
    .replace(/ae/g, 'a')
    .replace(/(?<=.)f/g, 'v')
    .replace(/^[dghl]j/, 'j');
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    // A non-initial h not before a vowel is silent, after a vowel (Pehr) or a consonant (Bergh).
    const next = w[i + 1];
    if (c === 'h' && i > 0 && (next === undefined || !VOWELS.includes(next))) continue;
    if (c === w[i - 1] && !/\d/.test(c)) {
      // A doubled letter counts once; a longer run is kept whole.
      const runStart = w[i - 2] === c;
      const runGoesOn = w[i + 1] === c;
      if (!runStart && !runGoesOn) continue;
    }
    out += c;
  }
  return out;
}
