// The case conversation, search, root-cause register and case metrics as a module of the app
// (registered after the cases module, whose services it uses).
import type { FastifyPluginAsync } from 'fastify';
import { subscribe } from '../platform/events.js';
import type { DomainModule } from '../platform/module.js';
import { caseMessagesRoutes } from './case-messages.routes.js';
import { eraseConversation, exportConversation, indexCase } from './case-messages.service.js';
import { caseMetricsRoutes } from './case-metrics.routes.js';
import { rootCausesRoutes } from './root-causes.routes.js';
import { seedRootCauseCategories } from './root-causes.service.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(caseMessagesRoutes);
  await app.register(rootCausesRoutes);
  await app.register(caseMetricsRoutes);
};

export const caseExtrasModule: DomainModule = {
  name: 'case-extras',
  routes,
  privacy: {
    domain: 'caseConversation',
    tables: ['case_messages', 'case_message_attachments', 'case_search_docs'],
    exportCustomer: exportConversation,
    eraseCustomer: eraseConversation,
  },
  registerJobs: (registry) => {
    // The core does not call indexCaseText; the complaint text and points are indexed right after creation.
    subscribe(registry, 'case.created', 'case-search.index', async (ctx, payload: { caseId: string }) =>
      indexCase(ctx, payload.caseId),
    );
  },
  seed: seedRootCauseCategories,
};
