// Staff-facing texts of the retention domain (tasks, flags, digest), from the locale files.
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export type Lang = 'de' | 'en';
export type RetentionTexts = typeof de;

const texts: Record<Lang, RetentionTexts> = { de, en };

export function langOf(lang: string | null | undefined): Lang {
  return lang === 'en' ? 'en' : 'de';
}

/** The texts of a language (German when unknown). */
export function textsFor(lang: string | null | undefined): RetentionTexts {
  return texts[langOf(lang)];
}

/** Replaces every {{name}} with its value; plain text, no escaping. */
export function fill(template: string, vars: Record<string, string | number | null | undefined>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
    const v = vars[key];
    return v === null || v === undefined ? '' : String(v);
  });
}

/** Minor units as a localised amount ("25,00 €", "€25.00"). */
export function formatMoney(amountMinor: number, currency: string, lang: string): string {
  return new Intl.NumberFormat(langOf(lang) === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency,
  }).format(amountMinor / 100);
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
