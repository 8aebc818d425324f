// i18next for the renderer: Swedish by default, English on request. Resources live in common/i18n.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, resources, type Locale } from '../common/i18n';

export function initI18n(lng: Locale = DEFAULT_LOCALE): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LOCALE,
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false, // resources are bundled: render the first frame in the right language
    showSupportNotice: false, // no vendor banner in the operator's console
  });
  return i18next;
}
