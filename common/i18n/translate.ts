// Texts for pure code in common/ (absence wording, the message an employee gets), from the same
// catalogue as the interface, through i18next (its interpolation and plural rules). The renderer
// passes its own `t` (which follows the operator's language); the texts said or sent to people
// outside the console (P-RETURN, the message) use the Swedish one.
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, resources, type Locale } from './index';

const translators = new Map<Locale, TFunction>();

/** A fixed-language `t` (immutable; one i18next instance per language, made on first use). */
export function translator(locale: Locale = DEFAULT_LOCALE): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      interpolation: { escapeValue: false }, // plain text: React and mail bodies escape themselves
      initAsync: false,
      showSupportNotice: false,
    });
    t = instance.t;
    translators.set(locale, t);
  }
  return t;
}

export type { TFunction };
