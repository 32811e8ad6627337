// The customer-facing side of complaint cases as a module of the app: the public complaint form
// (/complaint), the status and confirmation pages (/c/<token>), the form's privacy notice setting,
// and the status links in the GDPR registry (registered after the cases module, whose services it uses).
import type { FastifyPluginAsync } from 'fastify';
import type { DomainModule } from '../platform/module.js';
import { casePrivacyNoticeRoutes } from './case-privacy-notice.routes.js';
import { casePublicRoutes, ensureComplaintFormSecret } from './case-public.routes.js';
import { caseStatusPageRoutes } from './case-status-page.routes.js';
import { eraseStatusTokens, exportStatusTokens } from './case-status-tokens.js';

const publicRoutes: FastifyPluginAsync = async (app) => {
  await app.register(casePublicRoutes);
  await app.register(caseStatusPageRoutes);
};

export const casePublicModule: DomainModule = {
  name: 'case-public',
  routes: casePrivacyNoticeRoutes,
  publicRoutes,
  privacy: {
    domain: 'casePublic',
    tables: ['case_status_tokens'],
    exportCustomer: async (ctx, customerId) => ({ statusLinks: await exportStatusTokens(ctx, customerId) }),
    eraseCustomer: eraseStatusTokens,
  },
  seed: ensureComplaintFormSecret,
};
