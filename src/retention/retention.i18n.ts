// The retention domain's texts (namespace 'retention'), registered with the server's one i18next
// instance; `rt(lang, key, params)` words a key of this namespace.
import { type TParams, registerNamespace, t } from '../platform/i18n/i18n.js';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

registerNamespace('retention', { de, en });

export function rt(lang: string, key: string, params?: TParams): string {
  return t(lang, `retention:${key}`, params);
}
