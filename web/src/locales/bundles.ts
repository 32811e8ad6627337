// The UI's translation bundles: the shared files plus one file pair per feature area that keeps
// its own texts (merged under the area's key, so `retention.json` holds the keys `retention.*`).
import de from './de.json';
import en from './en.json';
import retentionDe from './retention.de.json';
import retentionEn from './retention.en.json';
import webhooksDe from './webhooks.de.json';
import webhooksEn from './webhooks.en.json';

export type Tree = { [k: string]: string | Tree };

export const bundles: Record<'de' | 'en', Tree> = {
  de: { ...(de as Tree), retention: retentionDe as Tree, webhooks: webhooksDe as Tree },
  en: { ...(en as Tree), retention: retentionEn as Tree, webhooks: webhooksEn as Tree },
};
