// The retention domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { registerRetentionJobs } from './retention.jobs.js';
import { retentionPrivacy } from './retention.privacy.js';
import { retentionRoutes } from './retention.routes.js';

export const retentionModule: DomainModule = {
  name: 'retention',
  apiTags: [
    {
      name: 'retention',
      description:
        'Keeping and winning back customers: lost customers and win-back, the loyalty penalty, queue fairness, Wow moments, retention economics and the Monday digest.',
    },
  ],
  routes: retentionRoutes,
  registerJobs: registerRetentionJobs,
  privacy: retentionPrivacy,
};
