import type { sv } from './sv';

/** The shape every locale must have: the Swedish tree with every leaf a string. */
type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Resources = Widen<typeof sv>;
export type Locale = 'sv' | 'en';

// Typed keys for every i18next `t` (renderer and common): a missing key fails to compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}
