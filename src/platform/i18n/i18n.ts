// The server's one text mechanism: an i18next instance without a backend, one namespace per
// domain. A domain registers its locale files (src/<domain>/locales/de.json, en.json) from its own
// `<domain>.i18n.ts`; platform never imports a domain. `t(lang, 'ns:key', params)` words a text.
import i18next, { type TOptions } from 'i18next';
import { formatMoney as formatMoneyLocale } from '../money/money.js';
import platformDe from './locales/de.json' with { type: 'json' };
import platformEn from './locales/en.json' with { type: 'json' };

export const LANGS = ['de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A locale file's content: nested objects of strings. */
export type LocaleTree = { [key: string]: string | LocaleTree };

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: {},
  lng: 'de',
  fallbackLng: 'de',
  supportedLngs: [...LANGS],
  ns: [],
  defaultNS: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  returnEmptyString: false,
});

const namespaces = new Map<string, Record<Lang, LocaleTree>>();

/**
 * Adds a domain's texts as namespace `ns` (once per process; registering again replaces them, so
 * a re-imported module is harmless).
 */
export function registerNamespace(ns: string, bundles: Record<Lang, LocaleTree>): void {
  for (const lang of LANGS) instance.addResourceBundle(lang, ns, bundles[lang], false, true);
  namespaces.set(ns, bundles);
}

/** The registered namespaces with their de and en trees (for the parity test and diagnostics). */
export function registeredNamespaces(): ReadonlyMap<string, Record<Lang, LocaleTree>> {
  return namespaces;
}

/** 'en' for English, German for everything else (the product's home language). */
export function langOf(lang: string | null | undefined): Lang {
  return typeof lang === 'string' && lang.toLowerCase().startsWith('en') ? 'en' : 'de';
}

/** The Intl locale of a reader language (de-DE, en-GB). */
export function intlLocale(lang: string | null | undefined): string {
  return langOf(lang) === 'en' ? 'en-GB' : 'de-DE';
}

export type TParams = Record<string, unknown>;

/** The text of `ns:key` in the reader's language, placeholders {{name}} filled (plain text, no escaping). */
export function t(lang: string | null | undefined, key: string, params: TParams = {}): string {
  return instance.t(key, { ...params, lng: langOf(lang) } as TOptions) as string;
}

/** Whether `ns:key` names a text; a plural text by its base key (`units.week` for `units.week_one`, `_other`). */
export function hasText(key: string): boolean {
  return instance.exists(key, { lng: 'de' }) || instance.exists(key, { lng: 'de', count: 2 });
}

/** The first of `keys` that names a text, worded; `fallback` when none does. */
export function tFirst(
  lang: string | null | undefined,
  keys: string[],
  fallback: string,
  params: TParams = {},
) {
  for (const key of keys) if (hasText(key)) return t(lang, key, params);
  return fallback;
}

/**
 * Minor units as a localised amount ("25,00 €", "€25.00"), through platform/money; `wholeUnits`
 * rounds to whole major units for estimates ("1.235 €").
 */
export function formatMoney(
  amountMinor: number,
  currency: string,
  lang: string | null | undefined,
  options: { wholeUnits?: boolean } = {},
): string {
  return formatMoneyLocale(amountMinor, currency, intlLocale(lang), options);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant worded for a reader in their language and a time zone ("Montag, 2. März 2026 um 10:00"). */
export function formatDateTime(
  iso: string,
  lang: string | null | undefined,
  timeZone: string,
  style: 'full' | 'medium' = 'full',
): string {
  const locale = intlLocale(lang);
  const key = `${locale}|${timeZone}|${style}`;
  // Building an Intl formatter costs far more than using one.
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: style, timeStyle: 'short', timeZone });
    dateTimeFormats.set(key, f);
  }
  return f.format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD or an instant) worded as a local date ("2. März 2026", "2 March 2026"). */
export function formatDate(isoOrDay: string, lang: string | null | undefined, timeZone = 'UTC'): string {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? `${isoOrDay}T12:00:00Z` : isoOrDay;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeZone }).format(new Date(at));
}

registerNamespace('platform', { de: platformDe, en: platformEn });

/**
 * Fills {{name}} placeholders of a template that is not a key (a text from settings, an older
 * helper's template) with i18next's interpolator; unknown placeholders become empty.
 */
export function interpolate(template: string, vars: TParams): string {
  const clean: TParams = {};
  for (const [k, v] of Object.entries(vars)) clean[k] = v ?? '';
  return instance.services.interpolator
    .interpolate(template, clean, 'de', { interpolation: { escapeValue: false } } as never)
    .replace(/\{\{\s*\w+\s*\}\}/g, '');
}

/** A namespace's whole tree in a language, as registered (for helpers that hand a tree on). */
export function bundleOf(lang: string | null | undefined, ns: string): LocaleTree {
  return (instance.getResourceBundle(langOf(lang), ns) ?? {}) as LocaleTree;
}
