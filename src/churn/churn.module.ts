// The churn early warning as a module of the app: routes, the nightly scoring job, privacy.
import type { DomainModule } from '../platform/module.js';
import { registerChurnJobs } from './churn.jobs.js';
import { churnPrivacy } from './churn.privacy.js';
import { churnRoutes } from './churn.routes.js';
import { registerChurnMetrics } from './churn.run-metrics.js';

export const churnModule: DomainModule = {
  name: 'churn',
  routes: churnRoutes,
  registerJobs: registerChurnJobs,
  registerMetrics: registerChurnMetrics,
  privacy: churnPrivacy,
};
