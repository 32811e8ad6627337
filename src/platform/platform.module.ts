// The platform as a module: auth, company-settings and import-status routes, the mail job, queue and outbox gauges,
// and privacy coverage of mails and audit.
import type { DomainModule } from './module.js';
import { authRoutes } from './auth/auth.routes.js';
import { ssoRoutes } from './auth/sso.routes.js';
import { eraseAuditForCustomer, listAuditForCustomer } from './audit/audit.service.js';
import { eraseMailsForCustomer, listMailsForCustomer } from './mail/mail.service.js';
import { eraseIdempotencyAnswersFor } from './http/idempotency.js';
import { registerPlatformMetrics } from './metrics/platform.metrics.js';
import { importRoutes } from './import/import.routes.js';
import { companySettingsRoutes } from './time/company-settings.routes.js';

export const platformModule: DomainModule = {
  name: 'platform',
  apiTags: [
    {
      name: 'auth',
      description:
        'Log in and out (password, or single sign-on with an OpenID Connect provider), the signed-in user, and personal API tokens for integrations (see Authentication above).',
    },
    {
      name: 'users',
      description: 'Staff users, their roles and teams; admins manage them and can revoke any API token.',
    },
    {
      name: 'settings',
      description:
        'Company-wide settings per area (time zone, tiers, cases, surveys, churn, retention, housekeeping): everyone reads most, admins change them, audited.',
    },
    {
      name: 'imports',
      description:
        'Bulk imports of customers, purchases and contracts from CSV, JSON or NDJSON uploads, streamed and checked row by row; nothing is written while any row is invalid unless `skipInvalid` is set. With `Prefer: respond-async` an import is queued and followed at its status URL (GET /imports/{id}).',
    },
    {
      name: 'metrics',
      description:
        'Figures over a period for dashboards: cases, surveys, churn runs; per-person figures only when the company turns them on.',
    },
    {
      name: 'privacy',
      description: 'GDPR: export everything about a customer, or erase them, across every domain (admins).',
    },
  ],
  routes: async (app) => {
    await app.register(authRoutes);
    await app.register(ssoRoutes);
    await app.register(companySettingsRoutes);
    await app.register(importRoutes);
  },
  registerMetrics: registerPlatformMetrics,
  privacy: {
    domain: 'communication',
    // idempotency_keys has no customer column: stored answers are found by the customer's id.
    tables: ['outbox_mails', 'audit_log'],
    exportCustomer: async (ctx, id) => ({
      mails: await listMailsForCustomer(ctx, id),
      audit: await listAuditForCustomer(ctx, id),
    }),
    eraseCustomer: async (ctx, id) => {
      await eraseMailsForCustomer(ctx, id);
      await eraseAuditForCustomer(ctx, id);
      await eraseIdempotencyAnswersFor(ctx, id);
    },
  },
};
