// The tasks domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { registerTaskJobs } from './tasks.jobs.js';
import { tasksPrivacy } from './tasks.privacy.js';
import { tasksRoutes } from './tasks.routes.js';

export const tasksModule: DomainModule = {
  name: 'tasks',
  apiTags: [
    {
      name: 'tasks',
      description:
        'The one to-do list every domain writes into (escalations, at-risk customers, recognition) plus manual tasks; overdue tasks are mailed to their assignee.',
    },
  ],
  routes: tasksRoutes,
  registerJobs: registerTaskJobs,
  privacy: tasksPrivacy,
};
