// The webhooks domain's texts (namespace 'webhooks': URL field errors, the admin notice of a
// disabled endpoint, audit labels), registered with the server's one i18next instance.
import { registerNamespace } from '../platform/i18n/i18n.js';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

registerNamespace('webhooks', { de, en });
