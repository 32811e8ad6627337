// The survey texts (namespace 'surveys' of the server's one i18next instance, files in ../locales)
// in the customer's (or staff user's) language; {{name}} placeholders are filled by fill().
import { bundleOf, interpolate, registerNamespace } from '../../platform/i18n/i18n.js';
import de from '../locales/de.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import type { SurveyTexts } from './en.js';

registerNamespace('surveys', { de, en });

export type { SurveyTexts };
export type SurveyLocale = 'de' | 'en';

/** The texts for a locale; anything but English gets German (the product's home language). */
export function texts(locale: string | null | undefined): SurveyTexts {
  return bundleOf(locale, 'surveys') as unknown as SurveyTexts;
}

/** Fills {{key}} placeholders with the given values (plain text; HTML escaping is the caller's job). */
export function fill(template: string, values: Record<string, string | number>): string {
  return interpolate(template, values);
}
