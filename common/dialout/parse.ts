// What the operator types for a dial-out, as the caller says it ("070-123 45 67", "0512-123 45",
// "+44 20 7946 0958", "00 44 20 …", "0044…"), read with libphonenumber-js (default region SE):
// the E.164 number, its country and line type, and whether a barred range warns or blocks it.
// The "max" metadata is used because only it carries the number patterns getType() needs
// (mobile, fixed line, premium rate …); the smaller sets answer undefined for every number.
import { parsePhoneNumberFromString, validatePhoneNumberLength, type NumberType } from 'libphonenumber-js/max';
import type { BarredCategory, BarredRange } from './schema';

export type LineType = 'mobile' | 'fixed-line' | 'fixed-line-or-mobile' | 'toll-free' | 'premium-rate' | 'shared-cost' | 'voip' | 'personal-number' | 'pager' | 'uan' | 'voicemail' | 'unknown';

const LINE_TYPES: Record<NonNullable<NumberType>, LineType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal-number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

export type InvalidReason = 'not-a-number' | 'too-short' | 'too-long' | 'not-possible';

export interface BarredMatch {
  readonly action: 'warn' | 'block';
  readonly category: BarredCategory;
  /** The range as configured ("0900"). */
  readonly prefix: string;
}

export type DialOutNumber =
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly reason: InvalidReason }
  | {
      readonly kind: 'number';
      /** "+442079460958" */
      readonly e164: string;
      /** "+44 20 7946 0958" */
      readonly international: string;
      /** "070-123 45 67" for Swedish numbers, else the international form. */
      readonly display: string;
      /** ISO 3166 region ("GB"), null for non-geographic numbers (satellite, +800 …). */
      readonly region: string | null;
      /** "44" */
      readonly callingCode: string;
      readonly lineType: LineType;
      /** False when the number has a possible length but is in no range of the numbering plan. */
      readonly inPlan: boolean;
      readonly barred: BarredMatch | null;
    };

/** Digits, spaces and dial punctuation, optionally a leading "+": anything else is not a number. */
const TYPED = /^\+?[0-9\s\-()./]*[0-9][0-9\s\-()./]*$/;

/** A configured prefix as the start of an E.164 number: "0900" -> "+46900", "00881" -> "+881". */
export function prefixToE164(prefix: string): string {
  const p = prefix.replace(/\s/g, '');
  if (p.startsWith('+')) return p;
  if (p.startsWith('00')) return `+${p.slice(2)}`;
  if (p.startsWith('0')) return `+46${p.slice(1)}`;
  return `+${p}`;
}

/** The range the number falls in: a blocking range before a warning one. */
export function barredMatch(e164: string, ranges: readonly BarredRange[]): BarredMatch | null {
  const hits = ranges.filter((r) => e164.startsWith(prefixToE164(r.prefix)));
  const hit = hits.find((r) => r.action === 'block') ?? hits[0];
  return hit ? { action: hit.action, category: hit.category, prefix: hit.prefix } : null;
}

export function parseDialOut(input: string, ranges: readonly BarredRange[]): DialOutNumber {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (!TYPED.test(text)) return { kind: 'invalid', reason: 'not-a-number' };
  const parsed = parsePhoneNumberFromString(text, 'SE');
  if (!parsed || !parsed.isPossible()) {
    const length = validatePhoneNumberLength(text, 'SE');
    return { kind: 'invalid', reason: length === 'TOO_SHORT' ? 'too-short' : length === 'TOO_LONG' ? 'too-long' : 'not-possible' };
  }
  const type = parsed.getType();
  const region = parsed.country ?? null;
  const international = parsed.formatInternational();
  return {
    kind: 'number',
    e164: parsed.number,
    international,
    display: region === 'SE' ? parsed.formatNational() : international,
    region,
    callingCode: parsed.countryCallingCode,
    lineType: type ? LINE_TYPES[type] : 'unknown',
    inPlan: parsed.isValid(),
    barred: barredMatch(parsed.number, ranges),
  };
}

/** True when the number may be called: a number, and not in a blocking range. */
export function callable(n: DialOutNumber): n is Extract<DialOutNumber, { kind: 'number' }> {
  return n.kind === 'number' && n.barred?.action !== 'block';
}

/** What the console sends to the PBX: the outside-line prefix, then the number in the PBX's format. */
export function dialString(e164: string, settings: { outsidePrefix: string; numberFormat: 'e164' | 'from-sweden' }): string {
  const number = settings.numberFormat === 'e164' ? e164 : e164.startsWith('+46') ? `0${e164.slice(3)}` : `00${e164.slice(1)}`;
  return `${settings.outsidePrefix}${number}`;
}

/** The country's name in the operator's language ("Storbritannien"), null for non-geographic numbers. */
export function countryName(region: string | null, locale: string): string | null {
  if (!region) return null;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(region) ?? null;
  } catch {
    return null;
  }
}
