// GET/PUT /api/v1/settings/company: the company's time zone. Every staff member reads it (the web
// shows times in company time); only admins change it, audited.
import { doc } from '../http/api-doc.js';
import { companySettingsExamples } from './company-settings.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, ALL_STAFF } from '../http/auth-hook.js';
import { companySettingsSchema, getCompanySettings, setCompanySettings } from './company-time-zone.js';

export const companySettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings/company',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getCompanySettings',
          summary: 'Read the company settings',
          description:
            "The company's time zone, which decides local days, weeks, schedules and how times are shown.",
          ...companySettingsExamples.getCompanySettings,
        }),
        tags: ['settings'],
        response: { 200: companySettingsSchema },
      },
    },
    async (req) => getCompanySettings(req.ctx()),
  );
  app.put(
    '/settings/company',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateCompanySettings',
          summary: 'Change the company settings',
          description: 'Changes the company time zone; schedules follow from their next run. Audited.',
          ...companySettingsExamples.updateCompanySettings,
        }),
        tags: ['settings'],
        body: companySettingsSchema.partial(),
        response: { 200: companySettingsSchema },
      },
    },
    async (req) => setCompanySettings(req.ctx(), req.body),
  );
};
