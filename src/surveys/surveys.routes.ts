// HTTP routes of the surveys domain: definitions, settings, invitations, answers, praise, metrics.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
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
      schema: { tags, response: { 200: z.object({ items: z.array(definitionSchema) }) } },
    },
    async (req) => ({
      items: await listDefinitions(req.ctx()),
    }),
  );
  app.post(
    '/surveys/definitions',
    {
      config: { roles: ADMINS },
      schema: { tags, body: createDefinitionSchema, response: { 201: definitionSchema } },
    },
    async (req, reply) => reply.code(201).send(await createDefinition(req.ctx(), req.body)),
  );
  app.get(
    '/surveys/definitions/:id',
    { config: { roles: ALL_STAFF }, schema: { tags, params: idParams, response: { 200: definitionSchema } } },
    async (req) => getDefinition(req.ctx(), req.params.id),
  );
  app.patch(
    '/surveys/definitions/:id',
    {
      config: { roles: ADMINS },
      schema: { tags, params: idParams, body: updateDefinitionSchema, response: { 200: definitionSchema } },
    },
    async (req) => updateDefinition(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/surveys/requests',
    {
      config: { roles: MANAGERS },
      schema: {
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
      schema: { tags, querystring: listInvitationsQuery, response: { 200: pageOf(invitationSchema) } },
    },
    async (req) => listInvitations(req.ctx(), req.query),
  );
  app.get(
    '/surveys/answers',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: listAnswersQuery, response: { 200: pageOf(answerSchema) } },
    },
    async (req) => listAnswers(req.ctx(), req.query),
  );
  app.get(
    '/surveys/praise',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: praiseQuery, response: { 200: pageOf(praiseSchema) } },
    },
    async (req) => listPraise(req.ctx(), req.query),
  );
  app.get(
    '/settings/surveys',
    { config: { roles: ALL_STAFF }, schema: { tags: ['settings'], response: { 200: surveySettingsSchema } } },
    async (req) => getSurveySettings(req.ctx()),
  );
  app.put(
    '/settings/surveys',
    {
      config: { roles: ADMINS },
      schema: { tags: ['settings'], body: surveySettingsSchema, response: { 200: surveySettingsSchema } },
    },
    async (req) => setSurveySettings(req.ctx(), req.body),
  );
  app.get(
    '/metrics/surveys',
    {
      config: { roles: ALL_STAFF },
      schema: { tags: ['metrics'], querystring: metricsQuery, response: { 200: metricsSchema } },
    },
    async (req) => surveyMetrics(req.ctx(), req.query),
  );
  app.get(
    '/metrics/repurchase-matrix',
    {
      config: { roles: ALL_STAFF },
      schema: { tags: ['metrics'], querystring: repurchaseQuery, response: { 200: repurchaseSchema } },
    },
    async (req) => repurchaseMatrixReport(req.ctx(), req.query),
  );
};
