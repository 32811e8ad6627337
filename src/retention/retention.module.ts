// The retention domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { registerRetentionJobs } from './retention.jobs.js';
import { retentionPrivacy } from './retention.privacy.js';
import { retentionRoutes } from './retention.routes.js';

export const retentionModule: DomainModule = {
  name: 'retention',
  routes: retentionRoutes,
  registerJobs: registerRetentionJobs,
  privacy: retentionPrivacy,
};
