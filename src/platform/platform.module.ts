// The platform as a module: auth and company-settings routes, the mail job, queue and outbox gauges,
// and privacy coverage of mails and audit.
import type { DomainModule } from './module.js';
import { authRoutes } from './auth/auth.routes.js';
import { eraseAuditForCustomer, listAuditForCustomer } from './audit/audit.service.js';
import { eraseMailsForCustomer, listMailsForCustomer } from './mail/mail.service.js';
import { registerPlatformMetrics } from './metrics/platform.metrics.js';
import { companySettingsRoutes } from './time/company-settings.routes.js';

export const platformModule: DomainModule = {
  name: 'platform',
  apiTags: [
    {
      name: 'auth',
      description:
        'Log in and out, the signed-in user, and personal API tokens for integrations (see Authentication above).',
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
        'Bulk imports of customers, purchases and contracts from CSV, JSON or NDJSON uploads, streamed and checked row by row; nothing is written while any row is invalid unless `skipInvalid` is set.',
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
    await app.register(companySettingsRoutes);
  },
  registerMetrics: registerPlatformMetrics,
  privacy: {
    domain: 'communication',
    tables: ['outbox_mails', 'audit_log'],
    exportCustomer: async (ctx, id) => ({
      mails: await listMailsForCustomer(ctx, id),
      audit: await listAuditForCustomer(ctx, id),
    }),
    eraseCustomer: async (ctx, id) => {
      await eraseMailsForCustomer(ctx, id);
      await eraseAuditForCustomer(ctx, id);
    },
  },
};
