// Swedish number handling for the directory: stored numbers are E.164, queries come any way
// (0512-57 20 01, +46 512 57 20 01, 0046512572001, an extension, a SIP URI of an incoming call).
import { displayNumber, normaliseNumber } from '../phone';

/** Parse a number written any way into E.164, Sweden as the default country. Undefined if not a number. */
export function toE164(raw: string): string | undefined {
  const cleaned = stripUri(raw);
  if (!/\d/.test(cleaned) || /[a-z]/i.test(cleaned)) return undefined;
  const n = normaliseNumber(cleaned);
  return n.kind === 'e164' ? n.e164 : undefined;
}

/** The user part of sip:/tel: URIs ("sip:+46512572001@pbx;user=phone" → "+46512572001"). */
export function stripUri(raw: string): string {
  const m = /^\s*(?:sips?|tel):([^@;>]+)/i.exec(raw);
  return (m ? m[1]! : raw).trim();
}

/** Does a search query look like a number rather than a name? */
export function looksLikeNumber(query: string): boolean {
  return /^[\d\s+()\-/.]+$/.test(query.trim()) && /\d/.test(query);
}

/**
 * Digits of a partly typed number, reduced to the key the index stores: the national significant
 * number for Swedish numbers (no +46, 0046 or trunk 0), else "00" + the international digits.
 * "0512-57" → "51257"; "+46 512" → "512"; "2001" → "2001" (also tried as an extension and as the
 * subscriber part of a number). Digits that begin with 46 and are long enough to be more than a
 * country code ("46512570123", the + left out) also give the national digits as `withoutPlus`.
 */
export function numberQueryKey(query: string): { key: string; international: boolean; trunk: boolean; withoutPlus?: string } {
  const q = query.trim();
  const digits = q.replace(/\D/g, '');
  if (q.startsWith('+')) return swedishOr(digits);
  if (digits.startsWith('00')) return swedishOr(digits.slice(2));
  if (digits.startsWith('0')) return { key: digits.slice(1), international: false, trunk: true };
  if (digits.startsWith('46') && digits.length >= MIN_WITHOUT_PLUS) return { key: digits, international: false, trunk: false, withoutPlus: digits.slice(2).replace(/^0/, '') };
  return { key: digits, international: false, trunk: false };
}

/** "46" and at least three national digits: shorter, it is more likely an extension being typed. */
const MIN_WITHOUT_PLUS = 5;

function swedishOr(intl: string): { key: string; international: boolean; trunk: boolean } {
  if ('46'.startsWith(intl)) return { key: '', international: true, trunk: false }; // "+4" so far
  if (intl.startsWith('46')) return { key: intl.slice(2).replace(/^0/, ''), international: true, trunk: false };
  return { key: '00' + intl, international: true, trunk: false };
}

/** The index key of a stored E.164 number: its national digits for Sweden, else "00" + digits. */
export function storedNumberKey(e164: string): string {
  return e164.startsWith('+46') ? e164.slice(3) : '00' + e164.slice(1);
}

// Area-code length by the first four national digits: Swedish area codes are prefix-free, so this
// asks libphonenumber once per exchange instead of once per number (200k numbers at 100k entries).
const areaLength = new Map<string, number>();

/**
 * The subscriber part of a Swedish number, the digits after the area code as the national format
 * shows them ("+46512570123" is 0512-57 01 23 → "570123"; "+46701234567" → "1234567"), or
 * undefined for foreign numbers. Callers often read only this part out.
 */
export function subscriberKey(e164: string): string | undefined {
  if (!e164.startsWith('+46')) return undefined;
  const national = e164.slice(3);
  const head = national.slice(0, 4);
  let len = areaLength.get(head);
  if (len === undefined) {
    const shown = displayNumber(e164);
    const dash = shown.indexOf('-');
    len = dash > 1 ? dash - 1 : 0; // "0512-..." → 3; no dash → no subscriber part
    areaLength.set(head, len);
  }
  return len > 0 && len < national.length ? national.slice(len) : undefined;
}
