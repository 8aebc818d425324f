// Search normalisation. Two keys per word:
//  - the folded form: lower case, diacritics removed (Åsa → asa, Sjögren → sjogren, René → rene);
//  - the variant key: the folded form with common Swedish spelling variants merged, so that
//    Carlsson/Karlsson, Philip/Filip and Pehrsson/Persson share one key.
// Both work on prefixes too: the key of a typed prefix is a prefix of the key of the whole word
// for the rules below, which is what lets search-as-you-type use variants.

const SPECIAL: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', ð: 'd', þ: 'th', ł: 'l', đ: 'd' };

/** Lower case and strip diacritics. Keeps digits and letters; other characters become spaces. */
export function fold(text: string): string {
  const lower = text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return lower.replace(/[øæßðþłđ]/g, (c) => SPECIAL[c] ?? c);
}

/** Words of a text, folded: "Anna-Karin Sjögren" → ["anna", "karin", "sjogren"]. */
export function tokenize(text: string): string[] {
  return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
}

const VOWELS = 'aeiouy';

/**
 * The spelling-variant key of one folded word. Rules, in order:
 * sch/stj/skj → sj; ph → f; th → t; ch → k; ck → k; qu → kv; q → k; c before e/i/y → s, other c → k;
 * w → v; z → s; x → ks; dt → t; initial dj/gj/hj/lj → j; h after a vowel and not before one is
 * silent (Pehr → Per, Ahlberg → Alberg); doubled letters collapse (Karlsson → karlson).
 */
export function variantKey(word: string): string {
  let w = word
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
    .replace(/^[dghl]j/, 'j');
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    if (c === 'h' && i > 0 && VOWELS.includes(w[i - 1]!) && !VOWELS.includes(w[i + 1] ?? '')) continue;
    if (out.length > 0 && out[out.length - 1] === c && !/\d/.test(c)) continue;
    out += c;
  }
  w = out;
  return w;
}
