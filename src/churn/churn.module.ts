// The churn early warning as a module of the app: routes, the nightly scoring job, privacy.
import type { DomainModule } from '../platform/module.js';
import { registerChurnJobs } from './churn.jobs.js';
import { churnPrivacy } from './churn.privacy.js';
import { churnRoutes } from './churn.routes.js';
import { registerChurnMetrics } from './churn.run-metrics.js';

export const churnModule: DomainModule = {
  name: 'churn',
  apiTags: [
    {
      name: 'churn',
      description:
        'The churn early warning: scoring runs of a buy-till-you-die model, customers at risk with their reasons, score history and model diagnostics.',
    },
  ],
  routes: churnRoutes,
  registerJobs: registerChurnJobs,
  registerMetrics: registerChurnMetrics,
  privacy: churnPrivacy,
};
