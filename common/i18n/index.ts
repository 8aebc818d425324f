import { sv } from './sv';
import { en } from './en';
import type { Locale, Resources } from './types';

export type { Locale, Resources };
export const DEFAULT_LOCALE: Locale = 'sv';
export const resources: Record<Locale, { translation: Resources }> = { sv: { translation: sv }, en: { translation: en } };
export { sv, en };
