// Housekeeping as a module: the daily pruning job and its settings API (admins only).
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
    { config: { roles: ADMINS }, schema: { tags, response: { 200: housekeepingSettingsSchema } } },
    async (req) => getHousekeepingSettings(req.ctx()),
  );
  app.put(
    '/settings/housekeeping',
    {
      config: { roles: ADMINS },
      schema: {
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
