// GET/PUT /api/v1/settings/company: the company's time zone. Every staff member reads it (the web
// shows times in company time); only admins change it, audited.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, ALL_STAFF } from '../http/auth-hook.js';
import { companySettingsSchema, getCompanySettings, setCompanySettings } from './company-time-zone.js';

export const companySettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings/company',
    {
      config: { roles: ALL_STAFF },
      schema: { tags: ['settings'], response: { 200: companySettingsSchema } },
    },
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
