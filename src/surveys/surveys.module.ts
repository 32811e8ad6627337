// The surveys domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { registerSurveyJobs } from './surveys.jobs.js';
import { surveysPublicRoutes } from './surveys.public.js';
import { surveysRoutes } from './surveys.routes.js';
import { eraseCustomerSurveys, exportCustomerSurveys, seedDefaultDefinitions } from './surveys.service.js';

export const surveysModule: DomainModule = {
  name: 'surveys',
  routes: surveysRoutes,
  publicRoutes: surveysPublicRoutes,
  registerJobs: registerSurveyJobs,
  seed: seedDefaultDefinitions,
  privacy: {
    domain: 'surveys',
    tables: ['survey_invitations', 'survey_answers', 'survey_tokens'],
    exportCustomer: exportCustomerSurveys,
    eraseCustomer: eraseCustomerSurveys,
  },
};
