// HTTP routes of the churn early warning.
import { doc } from '../platform/http/api-doc.js';
import { churnExamples } from './churn.examples.js';
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
import { getDiagnostics, getRun, listRuns } from './churn.runs.js';
import { getCustomerScoreHistory } from './churn.scores.js';
import { getChurnSettings, setChurnSettings } from './churn.settings.js';

const idParams = z.object({ id: z.string() });

export const churnRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['churn'];
  app.get(
    '/churn/at-risk',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listAtRiskCustomers',
          summary: 'List customers at risk',
          description:
            "Customers of the latest scoring run whose churn probability passed the threshold, highest value at risk first, with the reasons worded in the reader's language.",
          ...churnExamples.listAtRiskCustomers,
        }),
        tags,
        querystring: atRiskQuery,
        response: { 200: pageOf(atRiskItemSchema) },
      },
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
      schema: {
        ...doc({
          id: 'getCustomerChurnHistory',
          summary: "Read a customer's churn scores",
          description: "The customer's score in every run, newest first.",
          ...churnExamples.getCustomerChurnHistory,
        }),
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(scoreSchema) }) },
      },
    },
    async (req) => ({ items: await getCustomerScoreHistory(req.ctx(), req.params.id) }),
  );
  app.get(
    '/churn/runs',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listChurnRuns',
          summary: 'List scoring runs',
          description: 'Scoring runs in pages, newest first, with status and counts.',
          ...churnExamples.listChurnRuns,
        }),
        tags,
        querystring: listRunsQuery,
        response: { 200: pageOf(runSchema) },
      },
    },
    async (req) => listRuns(req.ctx(), req.query),
  );
  app.get(
    '/churn/runs/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getChurnRun',
          summary: 'Read one scoring run',
          description: 'One scoring run with its model, parameters and counts.',
          ...churnExamples.getChurnRun,
        }),
        tags,
        params: idParams,
        response: { 200: runSchema },
      },
    },
    async (req) => getRun(req.ctx(), req.params.id),
  );
  app.post(
    '/churn/runs',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'startChurnRun',
          summary: 'Start a scoring run',
          description:
            'Queues a scoring run (job `churn.run`, one at a time); the run appears under GET /churn/runs when done and creates at-risk tasks. Answers 202 with the job.',
          ...churnExamples.startChurnRun,
        }),
        tags,
        body: runRequestSchema,
        response: { 202: z.object({ job: z.object({ key: z.string(), type: z.string() }) }) },
      },
    },
    async (req, reply) => reply.code(202).send({ job: await enqueueChurnRun(req.ctx(), req.body) }),
  );
  app.get(
    '/churn/diagnostics',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getChurnDiagnostics',
          summary: 'Read model diagnostics',
          description:
            'How well the model of a run (default: the latest) fits the data, to judge whether its scores can be trusted.',
          ...churnExamples.getChurnDiagnostics,
        }),
        tags,
        querystring: diagnosticsQuery,
        response: { 200: diagnosticsSchema },
      },
    },
    async (req) => getDiagnostics(req.ctx(), req.query.runId),
  );
  app.get(
    '/metrics/churn-runs',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getChurnRunMetrics',
          summary: 'Read scoring-run metrics',
          description:
            'Completed scoring runs in [from, to), oldest first: customers at risk and value at risk.',
          ...churnExamples.getChurnRunMetrics,
        }),
        tags: ['metrics'],
        querystring: churnRunMetricsQuery,
        response: { 200: churnRunMetricsSchema },
      },
    },
    async (req) => churnRunMetrics(req.ctx(), req.query),
  );
  app.get(
    '/settings/churn',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'getChurnSettings',
          summary: 'Read the churn settings',
          description: 'Model choice, risk threshold, schedule and task creation of the churn early warning.',
          ...churnExamples.getChurnSettings,
        }),
        tags: ['settings'],
        response: { 200: churnSettingsSchema },
      },
    },
    async (req) => getChurnSettings(req.ctx()),
  );
  app.put(
    '/settings/churn',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateChurnSettings',
          summary: 'Change the churn settings',
          description: 'Replaces the churn settings; the next run uses them. Audited.',
          ...churnExamples.updateChurnSettings,
        }),
        tags: ['settings'],
        body: churnSettingsSchema,
        response: { 200: churnSettingsSchema },
      },
    },
    async (req) => setChurnSettings(req.ctx(), req.body),
  );
};
