// HTTP routes of the churn early warning.
import { readerLanguage } from '../platform/http/reader-language.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { enqueueChurnRun } from './churn.jobs.js';
import { churnRunMetrics, churnRunMetricsQuery, churnRunMetricsSchema } from './churn.metrics.js';
import {
  atRiskItemSchema,
  atRiskQuery,
  churnSettingsSchema,
  diagnosticsQuery,
  diagnosticsSchema,
  listRunsQuery,
  runRequestSchema,
  runSchema,
  scoreSchema,
} from './churn.schema.js';
import { listAtRisk } from './churn.at-risk.js';
import { runQueuedSchema, runStatusSchema } from './churn.run-status.schema.js';
import { getDiagnostics, getRunStatus, listRuns } from './churn.runs.js';
import { getCustomerScoreHistory } from './churn.scores.js';
import { getChurnSettings, setChurnSettings } from './churn.settings.js';

const idParams = z.object({ id: z.string() });

export const churnRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['churn'];
  app.get(
    '/churn/at-risk',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: atRiskQuery, response: { 200: pageOf(atRiskItemSchema) } },
    },
    async (req) => {
      const ctx = req.ctx();
      return listAtRisk(ctx, req.query, readerLanguage(req));
    },
  );
  app.get(
    '/churn/customers/:id',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(scoreSchema) }) } },
    },
    async (req) => ({ items: await getCustomerScoreHistory(req.ctx(), req.params.id) }),
  );
  app.get(
    '/churn/runs',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: listRunsQuery, response: { 200: pageOf(runSchema) } },
    },
    async (req) => listRuns(req.ctx(), req.query),
  );
  app.get(
    '/churn/runs/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        tags,
        summary: 'A scoring run: status, progress and result',
        description:
          'The status URL of a queued run: `status` (queued, running, done, failed), `progress` (the phase ' +
          'running now, customers to score and scored, the phases done), the whole run report when done ' +
          '(the fields of GET /churn/runs items) and `error` when failed.',
        params: idParams,
        response: { 200: runStatusSchema },
      },
    },
    async (req) => getRunStatus(req.ctx(), req.params.id),
  );
  app.post(
    '/churn/runs',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        description:
          'Queues a scoring run (job `churn.run`) and answers 202 with its id and status URL (also in ' +
          '`Location`); the run appears under GET /churn/runs when done. One run at a time: while a run ' +
          'is running this answers 409 CHURN_RUN_RUNNING with its `runId`.',
        body: runRequestSchema,
        response: { 202: runQueuedSchema },
      },
    },
    async (req, reply) => {
      const queued = await enqueueChurnRun(req.ctx(), req.body);
      const statusUrl = `/api/v1/churn/runs/${queued.id}`;
      return reply
        .code(202)
        .header('location', statusUrl)
        .send({ id: queued.id, status: 'queued' as const, statusUrl, job: queued.job });
    },
  );
  app.get(
    '/churn/diagnostics',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: diagnosticsQuery, response: { 200: diagnosticsSchema } },
    },
    async (req) => getDiagnostics(req.ctx(), req.query.runId),
  );
  app.get(
    '/metrics/churn-runs',
    {
      config: { roles: ALL_STAFF },
      schema: {
        tags: ['metrics'],
        description:
          'Completed scoring runs in [from, to), oldest first: customers at risk and value at risk',
        querystring: churnRunMetricsQuery,
        response: { 200: churnRunMetricsSchema },
      },
    },
    async (req) => churnRunMetrics(req.ctx(), req.query),
  );
  app.get(
    '/settings/churn',
    { config: { roles: ADMINS }, schema: { tags: ['settings'], response: { 200: churnSettingsSchema } } },
    async (req) => getChurnSettings(req.ctx()),
  );
  app.put(
    '/settings/churn',
    {
      config: { roles: ADMINS },
      schema: { tags: ['settings'], body: churnSettingsSchema, response: { 200: churnSettingsSchema } },
    },
    async (req) => setChurnSettings(req.ctx(), req.body),
  );
};
