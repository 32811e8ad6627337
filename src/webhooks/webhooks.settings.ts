// The webhook settings (one company setting, audited) and the target policy they make together
// with the installation's environment (WEBHOOKS_ALLOW_PRIVATE, WEBHOOKS_ALLOW_HTTP).
import { type Ctx, inTransaction } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { type WebhookSettings, webhookSettingsSchema } from './webhooks.schema.js';
import type { TargetPolicy } from './webhooks.ssrf.js';

export const WEBHOOK_SETTINGS_KEY = 'webhooks.settings';

export const defaultWebhookSettings: WebhookSettings = {
  allowHttp: false,
  disableAfterFailures: 15,
  maxAttempts: 15,
  timeoutSeconds: 10,
  rotationGraceHours: 24,
  logRetentionDays: 30,
};

export function getWebhookSettings(ctx: Ctx): Promise<WebhookSettings> {
  return getSetting(ctx, WEBHOOK_SETTINGS_KEY, webhookSettingsSchema, defaultWebhookSettings);
}

/** Validates and stores the settings (audited); bad input is a 400 naming the field. */
export function setWebhookSettings(ctx: Ctx, input: unknown): Promise<WebhookSettings> {
  return inTransaction(ctx, (tx) => setSetting(tx, WEBHOOK_SETTINGS_KEY, webhookSettingsSchema, input));
}

/** http when the admin or the environment allows it; private addresses only when the environment does. */
export async function targetPolicy(ctx: Ctx, settings?: WebhookSettings): Promise<TargetPolicy> {
  const s = settings ?? (await getWebhookSettings(ctx));
  return {
    allowHttp: s.allowHttp || ctx.config.webhooksAllowHttp,
    allowPrivate: ctx.config.webhooksAllowPrivate,
  };
}
