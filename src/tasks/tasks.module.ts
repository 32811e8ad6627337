// The tasks domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { registerTaskJobs } from './tasks.jobs.js';
import { tasksPrivacy } from './tasks.privacy.js';
import { tasksRoutes } from './tasks.routes.js';

export const tasksModule: DomainModule = {
  name: 'tasks',
  routes: tasksRoutes,
  registerJobs: registerTaskJobs,
  privacy: tasksPrivacy,
};
