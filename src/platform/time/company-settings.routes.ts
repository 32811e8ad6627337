// GET/PUT /api/v1/settings/company: the company's time zone (admins only; a change is audited).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../http/auth-hook.js';
import { companySettingsSchema, getCompanySettings, setCompanySettings } from './company-time-zone.js';

export const companySettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings/company',
    { config: { roles: ADMINS }, schema: { tags: ['settings'], response: { 200: companySettingsSchema } } },
    async (req) => getCompanySettings(req.ctx()),
  );
  app.put(
    '/settings/company',
    {
      config: { roles: ADMINS },
      schema: {
        tags: ['settings'],
        body: companySettingsSchema.partial(),
        response: { 200: companySettingsSchema },
      },
    },
    async (req) => setCompanySettings(req.ctx(), req.body),
  );
};
