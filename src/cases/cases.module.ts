// The complaint-case domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { registerCaseMetrics } from './case-sla-metrics.js';
import { registerCaseJobs } from './cases.jobs.js';
import { casesRoutes } from './cases.routes.js';
import { eraseCustomerCases, exportCustomerCases } from './cases.privacy.js';

export const casesModule: DomainModule = {
  name: 'cases',
  apiTags: [
    {
      name: 'cases',
      description:
        'Complaint cases from intake to the resolution letter: points and their answers, SLA clocks, escalation, commitments, goodwill, the conversation with the customer and full-text search.',
    },
  ],
  routes: casesRoutes,
  registerJobs: registerCaseJobs,
  registerMetrics: registerCaseMetrics,
  privacy: {
    domain: 'cases',
    tables: ['cases', 'case_points', 'case_commitments', 'case_goodwill', 'case_escalations'],
    exportCustomer: exportCustomerCases,
    eraseCustomer: eraseCustomerCases,
  },
};
