// The tasks domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { registerTaskJobs } from './tasks.jobs.js';
import { tasksRoutes } from './tasks.routes.js';
import { eraseCustomerTasks, exportCustomerTasks } from './tasks.service.js';

export const tasksModule: DomainModule = {
  name: 'tasks',
  routes: tasksRoutes,
  registerJobs: registerTaskJobs,
  privacy: {
    domain: 'tasks',
    tables: ['tasks'],
    exportCustomer: async (ctx, id) => ({ tasks: await exportCustomerTasks(ctx, id) }),
    eraseCustomer: eraseCustomerTasks,
  },
};
