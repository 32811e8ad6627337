// Webhooks as a module of the app: routes, the fan-out and delivery jobs, privacy of the deliveries.
import type { DomainModule } from '../platform/module.js';
import './webhooks.i18n.js';
import { registerWebhookJobs } from './webhooks.jobs.js';
import { webhooksPrivacy } from './webhooks.privacy.js';
import { webhooksRoutes } from './webhooks.routes.js';

export const webhooksModule: DomainModule = {
  name: 'webhooks',
  apiTags: [
    {
      name: 'webhooks',
      description:
        'Outbound webhooks (Standard Webhooks): endpoints an admin registers with the events they want, signed deliveries with retries, the delivery log and the event catalogue; payloads under components.schemas WebhookPayload…, guide in docs/webhooks.md.',
    },
  ],
  routes: webhooksRoutes,
  registerJobs: registerWebhookJobs,
  privacy: webhooksPrivacy,
};
