import { sv } from './sv';
import { en } from './en';
import type { Locale, Resources } from './types';

export type { Locale, Resources };
export const DEFAULT_LOCALE: Locale = 'sv';
export const resources: Record<Locale, { translation: Resources }> = { sv: { translation: sv }, en: { translation: en } };
export { sv, en };

/** Catalogue keys of the weekdays (1 = Monday … 7 = Sunday, index 0 unused) and the months (index 0 = January). */
export const WEEKDAY_KEYS = ['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
export type WeekdayKey = Exclude<(typeof WEEKDAY_KEYS)[number], ''>;
