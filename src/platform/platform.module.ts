// The platform as a module: auth, company-settings and import-status routes, the mail job, queue and outbox gauges,
// and privacy coverage of mails and audit.
import type { DomainModule } from './module.js';
import { authRoutes } from './auth/auth.routes.js';
import { eraseAuditForCustomer, listAuditForCustomer } from './audit/audit.service.js';
import { eraseMailsForCustomer, listMailsForCustomer } from './mail/mail.service.js';
import { registerPlatformMetrics } from './metrics/platform.metrics.js';
import { importRoutes } from './import/import.routes.js';
import { companySettingsRoutes } from './time/company-settings.routes.js';

export const platformModule: DomainModule = {
  name: 'platform',
  routes: async (app) => {
    await app.register(authRoutes);
    await app.register(companySettingsRoutes);
    await app.register(importRoutes);
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
