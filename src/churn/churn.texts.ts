// The churn domain's texts in the reader's language (reasons, units, the retention task) from the
// locale files, and the number, money and date formats they are filled with.
import { formatMoney as formatMinorUnits } from '../platform/money/money.js';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export type Lang = 'de' | 'en';
export type ChurnTexts = typeof de;

const texts: Record<Lang, ChurnTexts> = { de, en };

/** German unless the language is English. */
export const langOf = (l: string | null | undefined): Lang => (l === 'en' ? 'en' : 'de');

/** The texts of a language. */
export function textsFor(lang: Lang): ChurnTexts {
  return texts[lang];
}

const localeOf = (lang: Lang) => (lang === 'de' ? 'de-DE' : 'en-GB');

/** Replaces every {{name}} with its value; unknown placeholders become empty. Plain text, no escaping. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(vars[k] ?? ''));
}

export function formatNumber(v: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(localeOf(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}

/** A value at risk in whole units of its currency ("1.235 €", "€1,235"): an estimate, not an invoice. */
export function formatMoney(minor: number, currency: string, lang: Lang): string {
  return formatMinorUnits(minor, currency, localeOf(lang), { wholeUnits: true });
}

/** A calendar day ("02.03.2026", "2 Mar 2026"); '–' for none. */
export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: lang === 'de' ? '2-digit' : 'numeric',
    month: lang === 'de' ? '2-digit' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(iso));
}

/** "23 weeks" / "23 Wochen" for a span of days (weeks from 14 days on). */
export function span(days: number, lang: Lang): string {
  const t = texts[lang].units;
  if (days >= 14) {
    const w = Math.round(days / 7);
    return fill(w === 1 ? t.week_one : t.week_other, { count: w });
  }
  const d = Math.round(days);
  return fill(d === 1 ? t.day_one : t.day_other, { count: d });
}

/** "23-week rhythm" / "23-Wochen-Rhythmus" for a usual gap of days (weeks from 14 days on). */
export function rhythm(days: number, lang: Lang): string {
  const t = texts[lang].units;
  return days >= 14
    ? fill(t.week_rhythm, { count: Math.round(days / 7) })
    : fill(t.day_rhythm, { count: Math.round(days) });
}
