import { LOCALES, type Locale, localeFromAcceptLanguage } from '../../domain/people/locale.ts';

/**
 * Messages of the web pages in French and English (issue 17). Each area of the workspace defines
 * its own catalogue with `defineMessages(name, en, fr)`: English first, and a French catalogue
 * whose keys TypeScript checks against the English one (test/web/i18n.test.ts checks it again at
 * run time, for every catalogue registered). A message may hold `{placeholders}`, filled by `t`.
 *
 * The domain's words in French follow the sector's usage: opérateur, investisseur, payeur
 * (tiers-payeur), évaluateur (tiers-vérificateur), contrat à impact. What a contract itself says
 * (outcome names, titles) is content: shown as written, never translated.
 */
export { LOCALES, type Locale };

export type Messages = Record<string, string>;
export type Params = Record<string, string | number>;
export type Translate<K extends string = string> = (key: K, params?: Params) => string;

export interface Catalogue<K extends string = string> {
  name: string;
  en: Record<K, string>;
  fr: Record<K, string>;
  /** The translator of one language. */
  for(locale: Locale): Translate<K>;
}

/** Every catalogue defined so far (the parity test walks them). */
export const catalogues: Catalogue[] = [];

/** Fills `{name}` placeholders; an unknown placeholder stays as written (a test catches it). */
export function interpolate(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function defineMessages<const E extends Messages>(name: string, en: E, fr: { [K in keyof E]: string }): Catalogue<keyof E & string> {
  type K = keyof E & string;
  const catalogue: Catalogue<K> = {
    name,
    en: en as Record<K, string>,
    fr: fr as Record<K, string>,
    for(locale) {
      const messages = locale === 'fr' ? catalogue.fr : catalogue.en;
      return (key, params) => interpolate(messages[key] ?? catalogue.en[key] ?? key, params);
    },
  };
  catalogues.push(catalogue as unknown as Catalogue);
  return catalogue;
}

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * The language of a page: the signed-in member's preference, else the language the visitor chose
 * with the switch (a cookie, while signed out), else the browser's Accept-Language, else English.
 */
export function resolveLocale(input: { memberLocale?: string | null | undefined; cookie?: string | undefined; acceptLanguage?: string | undefined }): Locale {
  if (isLocale(input.memberLocale)) return input.memberLocale;
  if (isLocale(input.cookie)) return input.cookie;
  return localeFromAcceptLanguage(input.acceptLanguage);
}

/** BCP 47 tags for Intl: French as written in France, English as in the United Kingdom (day/month order, 24-hour clock). */
export const intlLocale = (locale: Locale): string => (locale === 'fr' ? 'fr-FR' : 'en-GB');
