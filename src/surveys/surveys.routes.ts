// HTTP routes of the surveys domain: definitions, settings, invitations, answers, praise, metrics.
import { doc } from '../platform/http/api-doc.js';
import { surveysExamples } from './surveys.examples.js';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { importQuery, importQueuedSchema, importReportSchema } from '../platform/import/import.schema.js';
import { ASYNC_IMPORT_EXAMPLE, ASYNC_IMPORT_NOTE, answerImport } from '../platform/import/import.respond.js';
import { acceptUploads } from '../platform/import/import.upload.js';
import { importSurveyAnswers } from './survey-answers.import.js';
import {
  answerSchema,
  createDefinitionSchema,
  definitionSchema,
  invitationSchema,
  listAnswersQuery,
  listInvitationsQuery,
  metricsQuery,
  metricsSchema,
  praiseQuery,
  praiseSchema,
  repurchaseQuery,
  repurchaseSchema,
  requestSurveySchema,
  surveySettingsSchema,
  updateDefinitionSchema,
} from './surveys.schema.js';
import {
  createDefinition,
  getDefinition,
  listDefinitions,
  updateDefinition,
} from './survey-definitions.service.js';
import { listAnswers, listInvitations, listPraise } from './survey-lists.service.js';
import { requestSurvey } from './survey-sending.service.js';
import { getSurveySettings, setSurveySettings } from './survey-settings.service.js';
import { repurchaseMatrixReport, surveyMetrics } from './surveys.metrics.js';

const idParams = z.object({ id: z.string() });

export const surveysRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['surveys'];
  app.get(
    '/surveys/definitions',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listSurveyDefinitions',
          summary: 'List survey definitions',
          description:
            'The surveys the company sends (sale, after-sales, recovery, exit, relationship NPS) with their questions and timing.',
          ...surveysExamples.listSurveyDefinitions,
        }),
        tags,
        response: { 200: z.object({ items: z.array(definitionSchema) }) },
      },
    },
    async (req) => ({
      items: await listDefinitions(req.ctx()),
    }),
  );
  app.post(
    '/surveys/definitions',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'createSurveyDefinition',
          summary: 'Create a survey definition',
          description:
            'Adds a survey with its kind, question texts per language, delay and reminder; audited.',
          errors: ['DUPLICATE'],
          ...surveysExamples.createSurveyDefinition,
        }),
        tags,
        body: createDefinitionSchema,
        response: { 201: definitionSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createDefinition(req.ctx(), req.body)),
  );
  app.get(
    '/surveys/definitions/:id',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getSurveyDefinition',
          summary: 'Read one survey definition',
          description: 'One survey definition.',
          ...surveysExamples.getSurveyDefinition,
        }),
        tags,
        params: idParams,
        response: { 200: definitionSchema },
      },
    },
    async (req) => getDefinition(req.ctx(), req.params.id),
  );
  app.patch(
    '/surveys/definitions/:id',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateSurveyDefinition',
          summary: 'Change a survey definition',
          description:
            'Changes texts, timing or active flag; invitations already sent keep their texts. Audited.',
          ...surveysExamples.updateSurveyDefinition,
        }),
        tags,
        params: idParams,
        body: updateDefinitionSchema,
        response: { 200: definitionSchema },
      },
    },
    async (req) => updateDefinition(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/surveys/requests',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'requestSurvey',
          summary: 'Ask a customer for a survey',
          description:
            "Queues a survey invitation (job) for a customer at the definition's delay. The send decision (consent, frequency cap) is taken when the job runs; `queued: false` when an identical request is already queued.",
          errors: ['CUSTOMER_ERASED'],
          ...surveysExamples.requestSurvey,
        }),
        tags,
        body: requestSurveySchema,
        response: { 202: z.object({ queued: z.boolean(), runAt: z.string() }) },
      },
    },
    async (req, reply) => reply.code(202).send(await requestSurvey(req.ctx(), req.body)),
  );
  app.get(
    '/surveys/invitations',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listSurveyInvitations',
          summary: 'List survey invitations',
          description:
            'Invitations in pages with their status, filtered by customer, status or survey (`definitionCode`).',
          ...surveysExamples.listSurveyInvitations,
        }),
        tags,
        querystring: listInvitationsQuery,
        response: { 200: pageOf(invitationSchema) },
      },
    },
    async (req) => listInvitations(req.ctx(), req.query),
  );
  app.get(
    '/surveys/answers',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listSurveyAnswers',
          summary: 'List survey answers',
          description:
            'Answers in pages, filtered by customer, survey (`definitionCode`) or time; comments as the customer wrote them.',
          ...surveysExamples.listSurveyAnswers,
        }),
        tags,
        querystring: listAnswersQuery,
        response: { 200: pageOf(answerSchema) },
      },
    },
    async (req) => listAnswers(req.ctx(), req.query),
  );
  app.get(
    '/surveys/praise',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listSurveyPraise',
          summary: 'List praise',
          description:
            'Positive comments from survey answers in pages, filtered by team or time, to pass on to the team.',
          ...surveysExamples.listSurveyPraise,
        }),
        tags,
        querystring: praiseQuery,
        response: { 200: pageOf(praiseSchema) },
      },
    },
    async (req) => listPraise(req.ctx(), req.query),
  );
  app.get(
    '/settings/surveys',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getSurveySettings',
          summary: 'Read the survey settings',
          description: 'Frequency cap per customer, quiet hours and the sender of survey mails.',
          ...surveysExamples.getSurveySettings,
        }),
        tags: ['settings'],
        response: { 200: surveySettingsSchema },
      },
    },
    async (req) => getSurveySettings(req.ctx()),
  );
  app.put(
    '/settings/surveys',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateSurveySettings',
          summary: 'Change the survey settings',
          description: 'Replaces the survey settings; applies to invitations decided from now on. Audited.',
          ...surveysExamples.updateSurveySettings,
        }),
        tags: ['settings'],
        body: surveySettingsSchema,
        response: { 200: surveySettingsSchema },
      },
    },
    async (req) => setSurveySettings(req.ctx(), req.body),
  );
  app.get(
    '/metrics/surveys',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getSurveyMetrics',
          summary: 'Read survey metrics',
          description:
            'Response rate, NPS and average score in the period per survey, touchpoint or (when the company allows it) per agent.',
          errors: ['PER_PERSON_HIDDEN'],
          ...surveysExamples.getSurveyMetrics,
        }),
        tags: ['metrics'],
        querystring: metricsQuery,
        response: { 200: metricsSchema },
      },
    },
    async (req) => surveyMetrics(req.ctx(), req.query),
  );
  app.get(
    '/metrics/repurchase-matrix',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getRepurchaseMatrix',
          summary: 'Read the repurchase matrix',
          description:
            'Whether customers bought again within the given months, by their survey answer, to show what a good or bad experience is worth.',
          ...surveysExamples.getRepurchaseMatrix,
        }),
        tags: ['metrics'],
        querystring: repurchaseQuery,
        response: { 200: repurchaseSchema },
      },
    },
    async (req) => repurchaseMatrixReport(req.ctx(), req.query),
  );
  await app.register(async (scope) => {
    acceptUploads(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/imports/survey-answers',
      {
        config: { roles: MANAGERS },
        schema: {
          ...doc({
            id: 'importSurveyAnswers',
            summary: 'Import historic survey answers from CSV or JSON',
            description:
              'Reads the uploaded file (CSV, JSON array or NDJSON; columns `customer_ref`, `survey` (a survey definition code such as `sale_csat` or `after_sales_csat`), `score`, `answered_at`) as a stream and records each row as an answered survey, so the survey figures and the repurchase matrix include the past at once. Historic answers send nothing, create no follow-up and do not count against the frequency limit. A row whose customer, survey and answer time were imported before is counted as already present. Without `skipInvalid` nothing is written when any row is invalid (422 with every rejected row and its line).' +
              ASYNC_IMPORT_NOTE,
            errors: ['IMPORT_REJECTED'],
            ...surveysExamples.importSurveyAnswers,
            responses: { 202: ASYNC_IMPORT_EXAMPLE },
          }),
          tags: ['imports'],
          querystring: importQuery,
          response: { 200: importReportSchema('survey-answers'), 202: importQueuedSchema },
        },
      },
      async (req, reply) => answerImport(req, reply, 'survey-answers', importSurveyAnswers, req.query),
    );
  });
};
