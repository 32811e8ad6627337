// The survey texts in the customer's (or staff user's) language; {name} placeholders are filled by fill().
import { de } from './de.js';
import { en, type SurveyTexts } from './en.js';

export type { SurveyTexts };
export type SurveyLocale = 'de' | 'en';

/** The texts for a locale; anything but 'en' gets German (the product's home language). */
export function texts(locale: string | null | undefined): SurveyTexts {
  return locale === 'en' ? en : de;
}

/** Replaces {key} placeholders with the given values (plain text; HTML escaping is the caller's job). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
