// Texts of the public complaint form, the confirmation and the customer's status page: namespace
// 'casePublic' (locale files ./locales/public.de.json and public.en.json).
import { bundleOf, type Lang, registerNamespace } from '../platform/i18n/i18n.js';
import de from './locales/public.de.json' with { type: 'json' };
import en from './locales/public.en.json' with { type: 'json' };

registerNamespace('casePublic', { de, en });

export type PublicTexts = typeof de;

/** The public pages' texts in a language (German when unknown). */
export function publicTexts(lang: string | null | undefined): PublicTexts {
  return bundleOf(lang, 'casePublic') as unknown as PublicTexts;
}

/**
 * The language a browser prefers among German and English (Accept-Language with its q-values);
 * German when it names neither.
 */
export function browserLang(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',').slice(0, 30)) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const lang = tag?.startsWith('de') ? 'de' : tag?.startsWith('en') ? 'en' : null;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'de';
}
