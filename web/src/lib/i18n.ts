// i18next set-up: German and English bundles; the choice is remembered, else taken from the browser.
// Only the active language's texts are loaded (each is its own chunk); a switch loads the other.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'stammkunde.language';

/** The remembered language, else the browser's first supported one, else German. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'de' || stored === 'en') return stored;
  } catch {
    // storage blocked: fall through to the browser's languages
  }
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.slice(0, 2).toLowerCase();
    if (base === 'de' || base === 'en') return base;
  }
  return 'de';
}

const loaders: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  de: () => import('../locales/bundle.de'),
  en: () => import('../locales/bundle.en'),
};

async function loadLanguage(lang: Language): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  i18n.addResourceBundle(lang, 'translation', (await loaders[lang]()).default);
}

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/** Resolves once the active language's texts are in: the app renders after it. */
export const i18nReady: Promise<void> = (async () => {
  const lng = initialLanguage();
  await i18n.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await loadLanguage(lng);
  await i18n.changeLanguage(lng);
  document.documentElement.lang = i18n.language;
})();

export default i18n;
