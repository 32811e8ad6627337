// The case conversation, search, root-cause register and case metrics as a module of the app
// (registered after the cases module, whose services it uses).
import type { FastifyPluginAsync } from 'fastify';
import type { DomainModule } from '../platform/module.js';
import { caseMessagesRoutes } from './case-messages.routes.js';
import { eraseConversation, exportConversation } from './case-messages.service.js';
import { caseMetricsRoutes } from './case-metrics.routes.js';
import { rootCausesRoutes } from './root-causes.routes.js';
import {
  eraseRootCauseObservations,
  exportRootCauseObservations,
  seedRootCauseCategories,
} from './root-causes.service.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(caseMessagesRoutes);
  await app.register(rootCausesRoutes);
  await app.register(caseMetricsRoutes);
};

export const caseExtrasModule: DomainModule = {
  name: 'case-extras',
  apiTags: [
    {
      name: 'root-causes',
      description:
        'The root-cause register: categories, the Pareto of complaints and lost customers by cause, and improvement actions with their recurrence.',
    },
  ],
  routes,
  privacy: {
    domain: 'caseConversation',
    tables: ['case_messages', 'case_message_attachments', 'case_search_docs', 'root_cause_observations'],
    exportCustomer: async (ctx, customerId) => ({
      ...(await exportConversation(ctx, customerId)),
      rootCauseObservations: await exportRootCauseObservations(ctx, customerId),
    }),
    eraseCustomer: async (ctx, customerId) => {
      await eraseConversation(ctx, customerId);
      await eraseRootCauseObservations(ctx, customerId);
    },
  },
  seed: seedRootCauseCategories,
};
