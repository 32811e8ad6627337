// Housekeeping as a module: the daily pruning job and its settings API (admins only).
import { doc } from '../http/api-doc.js';
import { housekeepingExamples } from './housekeeping.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../http/auth-hook.js';
import type { DomainModule } from '../module.js';
import {
  getHousekeepingSettings,
  housekeepingSettingsSchema,
  registerHousekeeping,
  setHousekeepingSettings,
} from './housekeeping.js';

const housekeepingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['settings'];
  app.get(
    '/settings/housekeeping',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'getHousekeepingSettings',
          summary: 'Read the housekeeping settings',
          description: 'How long sent mail bodies are kept before the daily housekeeping blanks them.',
          ...housekeepingExamples.getHousekeepingSettings,
        }),
        tags,
        response: { 200: housekeepingSettingsSchema },
      },
    },
    async (req) => getHousekeepingSettings(req.ctx()),
  );
  app.put(
    '/settings/housekeeping',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateHousekeepingSettings',
          summary: 'Change the housekeeping settings',
          description:
            'Changes the retention of sent mail bodies; applied by the next daily housekeeping run (01:30 company time). Audited.',
          ...housekeepingExamples.updateHousekeepingSettings,
        }),
        tags,
        body: housekeepingSettingsSchema.partial(),
        response: { 200: housekeepingSettingsSchema },
      },
    },
    async (req) => setHousekeepingSettings(req.ctx(), req.body),
  );
};

export const housekeepingModule: DomainModule = {
  name: 'housekeeping',
  routes: housekeepingRoutes,
  registerJobs: registerHousekeeping,
};
