// Customer-facing and staff texts of the case domain: namespace 'cases' of the server's one
// i18next instance (locale files in ./locales). The helpers keep their older signatures so every
// caller compiles; they word through platform/i18n.
import {
  bundleOf,
  formatDateTime as formatDateTimeI18n,
  formatMoney as formatMoneyI18n,
  interpolate,
  type Lang as I18nLang,
  langOf as langOfI18n,
  registerNamespace,
} from '../platform/i18n/i18n.js';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

registerNamespace('cases', { de, en });

export type Lang = I18nLang;
export type CaseTexts = typeof de;

/** The texts of a language (German when the language is unknown), as i18next holds them. */
export function textsFor(lang: string | null | undefined): CaseTexts {
  return bundleOf(lang, 'cases') as unknown as CaseTexts;
}

export function langOf(lang: string | null | undefined): Lang {
  return langOfI18n(lang);
}

/** Replaces every {{name}} with its value; unknown placeholders become empty. Plain text, no escaping. */
export function fill(template: string, vars: Record<string, string | number | null | undefined>): string {
  return interpolate(template, vars);
}

/** A date and time for a reader in their language and the company's time zone. */
export function formatDateTime(iso: string, lang: string, timeZone: string): string {
  return formatDateTimeI18n(iso, lang, timeZone);
}

/** Minor units as a localised amount ("25,00 €", "€25.00"), digits per currency (platform/money). */
export function formatMoney(amountMinor: number, currency: string, lang: string): string {
  return formatMoneyI18n(amountMinor, currency, lang);
}

/** Escapes text for HTML element content and attribute values. */
export { escapeHtml } from '../platform/i18n/html.js';
