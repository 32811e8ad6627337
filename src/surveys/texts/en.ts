// The English survey texts as a type source: the web imports `en` as a type (exit reason codes).
// The texts themselves live in ../locales/en.json (namespace 'surveys' of the server's i18next).
import en from '../locales/en.json' with { type: 'json' };

export { en };
export type SurveyTexts = typeof en;
