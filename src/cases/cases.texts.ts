// Customer-facing and staff texts of the case domain, from the locale files; filling and formatting.
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export type Lang = 'de' | 'en';
export type CaseTexts = typeof de;

const texts: Record<Lang, CaseTexts> = { de, en };

/** The texts of a language (German when the language is unknown). */
export function textsFor(lang: string | null | undefined): CaseTexts {
  return texts[lang === 'en' ? 'en' : 'de'];
}

export function langOf(lang: string | null | undefined): Lang {
  return lang === 'en' ? 'en' : 'de';
}

/** Replaces every {{name}} with its value; unknown placeholders become empty. Plain text, no escaping. */
export function fill(template: string, vars: Record<string, string | number | null | undefined>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
    const v = vars[key];
    return v === null || v === undefined ? '' : String(v);
  });
}

/** A date and time for a reader in their language and the company's time zone. */
export function formatDateTime(iso: string, lang: string, timeZone: string): string {
  const locale = langOf(lang) === 'de' ? 'de-DE' : 'en-GB';
  const key = `${locale}|${timeZone}`;
  // Building an Intl formatter costs far more than using one; case intake formats on every receipt.
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone });
    dateTimeFormats.set(key, f);
  }
  return f.format(new Date(iso));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Minor units as a localised amount ("25,00 €", "€25.00"). */
export function formatMoney(amountMinor: number, currency: string, lang: string): string {
  return new Intl.NumberFormat(langOf(lang) === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency,
  }).format(amountMinor / 100);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
