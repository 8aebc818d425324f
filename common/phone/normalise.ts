// Swedish number normalisation for comparing and showing numbers (P-GREET, P-NUMBERS).
// Numbers arrive in every shape: "0512-570 00", "+46 512 570 00", "0046512 57000", a SIP URI user
// "+4651257000", or a short internal extension "2001". libphonenumber-js knows the Swedish
// numbering plan (area codes, IDD prefix 00), so we do not hand-roll it.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type NumberKind = 'e164' | 'extension' | 'unknown';

export interface NormalisedNumber {
  /** What we were given, trimmed. */
  readonly raw: string;
  readonly kind: NumberKind;
  /** "+4651257000" for a public number; undefined for extensions and garbage. */
  readonly e164?: string;
  /** "0512-570 00" for Swedish numbers, "+47 22 22 22 22"-style for foreign ones, the digits for extensions. */
  readonly display: string;
  /** An extension behind a public number ("ext. 12", ";ext=12"), when given. */
  readonly extension?: string;
  /** The stable comparison key: E.164 (with ";ext=N" if any), or the bare digits of an extension. */
  readonly key: string;
}

/** Short in-house numbers: internal extensions and access codes like "9". */
const EXTENSION = /^[0-9*#]{1,6}$/;

/** "0512-570 00 ankn. 123", "... anknytning 123". */
const SWEDISH_EXTENSION = /\s*(?:ankn\.?|anknytning)\s*([0-9]{1,6})\s*$/i;

/** Digits (and a leading +) only: SIP users and typed numbers carry spaces, dashes and brackets. */
function compact(text: string): string {
  return text.replace(/[\s\-()./]/g, '');
}

export function normaliseNumber(input: string): NormalisedNumber {
  const raw = input.trim();
  const bare = compact(raw);
  // Short codes first: libphonenumber would turn "2001" into "+462001", which is not a number.
  if (EXTENSION.test(bare)) return { raw, kind: 'extension', display: bare, key: bare };

  // Swedish "ankn." is not in libphonenumber's extension vocabulary; take it off ourselves.
  const swedishExt = SWEDISH_EXTENSION.exec(raw);
  const main = swedishExt ? raw.slice(0, swedishExt.index) : raw;
  const parsed = parsePhoneNumberFromString(main, 'SE');
  if (parsed && parsed.isPossible()) {
    const e164 = parsed.number;
    const extension = swedishExt?.[1] ?? (parsed.ext || undefined);
    const display = parsed.country === 'SE' ? parsed.formatNational() : parsed.formatInternational();
    return {
      raw,
      kind: 'e164',
      e164,
      display: extension ? `${display.replace(/\s*ext\.\s*\S+$/, '')} ankn. ${extension}` : display,
      ...(extension ? { extension } : {}),
      key: extension ? `${e164};ext=${extension}` : e164,
    };
  }
  return { raw, kind: 'unknown', display: raw, key: bare };
}

/** True when two numbers in any format reach the same subscriber (and extension, if given). */
export function sameNumber(a: string, b: string): boolean {
  const ka = normaliseNumber(a).key;
  return ka !== '' && ka === normaliseNumber(b).key;
}

/** How an operator reads a number: national format for Swedish numbers, otherwise as given. */
export function displayNumber(input: string): string {
  return normaliseNumber(input).display;
}
