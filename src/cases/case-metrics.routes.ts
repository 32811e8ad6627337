// HTTP routes of case metrics (all staff; per-person figures only when the company turns them on).
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
      schema: { tags, querystring: caseMetricsQuery, response: { 200: caseMetricsSchema } },
    },
    async (req) => metrics.caseMetrics(req.ctx(), req.query),
  );
  app.get(
    '/settings/metrics',
    {
      config: { roles: ALL_STAFF },
      schema: { tags: ['settings'], response: { 200: metricsSettingsSchema } },
    },
    async (req) => ({
      perPersonVisible: await metrics.getPerPersonVisible(req.ctx()),
    }),
  );
  app.put(
    '/settings/metrics',
    {
      config: { roles: ADMINS },
      schema: { tags: ['settings'], body: metricsSettingsSchema, response: { 200: metricsSettingsSchema } },
    },
    async (req) => ({
      perPersonVisible: await metrics.setPerPersonVisible(req.ctx(), req.body.perPersonVisible),
    }),
  );
};
