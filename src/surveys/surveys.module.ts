// The surveys domain as a module of the app.
import { registerImportJob } from '../platform/import/import.jobs.js';
import type { DomainModule } from '../platform/module.js';
import { importSurveyAnswers } from './survey-answers.import.js';
import { surveysPublicRoutes } from './public-page.routes.js';
import { seedDefaultDefinitions } from './survey-definitions.service.js';
import { registerSurveyJobs } from './surveys.jobs.js';
import { surveysPrivacy } from './surveys.privacy.js';
import { surveysRoutes } from './surveys.routes.js';

export const surveysModule: DomainModule = {
  name: 'surveys',
  apiTags: [
    {
      name: 'surveys',
      description:
        'Survey definitions, invitations (consent and frequency checked when sent), answers, praise and settings; customers answer on a public page.',
    },
  ],
  routes: surveysRoutes,
  publicRoutes: surveysPublicRoutes,
  registerJobs: (registry) => {
    registerSurveyJobs(registry);
    registerImportJob(registry, 'survey-answers', importSurveyAnswers);
  },
  seed: seedDefaultDefinitions,
  privacy: surveysPrivacy,
};
