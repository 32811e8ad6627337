// HTTP routes of case metrics (all staff; per-person figures only when the company turns them on).
import { doc } from '../platform/http/api-doc.js';
import { caseMetricsExamples } from './case-metrics.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, ALL_STAFF } from '../platform/http/auth-hook.js';
import { caseMetricsQuery, caseMetricsSchema, metricsSettingsSchema } from './case-metrics.schema.js';
import * as metrics from './case-metrics.service.js';

export const caseMetricsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['metrics'];
  app.get(
    '/metrics/cases',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getCaseMetrics',
          summary: 'Read case metrics',
          description:
            'Cases received, resolved, SLA kept, first-response and resolution times, reopen rate and goodwill in the period, per team and, when the company allows it, per person.',
          errors: ['PER_PERSON_HIDDEN'],
          ...caseMetricsExamples.getCaseMetrics,
        }),
        tags,
        querystring: caseMetricsQuery,
        response: { 200: caseMetricsSchema },
      },
    },
    async (req) => metrics.caseMetrics(req.ctx(), req.query),
  );
  app.get(
    '/settings/metrics',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getMetricsSettings',
          summary: 'Read the metrics settings',
          description: 'Whether per-person figures are shown in metrics.',
          ...caseMetricsExamples.getMetricsSettings,
        }),
        tags: ['settings'],
        response: { 200: metricsSettingsSchema },
      },
    },
    async (req) => ({
      perPersonVisible: await metrics.getPerPersonVisible(req.ctx()),
    }),
  );
  app.put(
    '/settings/metrics',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateMetricsSettings',
          summary: 'Change the metrics settings',
          description: 'Turns per-person figures on or off for the whole company; audited.',
          ...caseMetricsExamples.updateMetricsSettings,
        }),
        tags: ['settings'],
        body: metricsSettingsSchema,
        response: { 200: metricsSettingsSchema },
      },
    },
    async (req) => ({
      perPersonVisible: await metrics.setPerPersonVisible(req.ctx(), req.body.perPersonVisible),
    }),
  );
};
