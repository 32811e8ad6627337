// HTTP routes of the root-cause register: categories (admins edit), Pareto (all staff), actions (managers).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import {
  createActionSchema,
  createCategorySchema,
  improvementActionSchema,
  listCategoriesQuery,
  paretoQuery,
  paretoSchema,
  recurrenceRuleSchema,
  rootCauseCategorySchema,
  updateActionSchema,
  updateCategorySchema,
} from './root-causes.schema.js';
import * as actions from './root-cause-actions.service.js';
import * as rootCauses from './root-causes.service.js';

const codeParams = z.object({ code: z.string() });
const actionParams = z.object({ code: z.string(), actionId: z.string() });

export const rootCausesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['root-causes'];
  app.get(
    '/root-causes',
    {
      config: { roles: ALL_STAFF },
      schema: {
        tags,
        querystring: listCategoriesQuery,
        response: { 200: z.object({ items: z.array(rootCauseCategorySchema) }) },
      },
    },
    async (req) => ({
      items: await rootCauses.listRootCauseCategories(req.ctx(), {
        includeInactive: req.query.includeInactive,
      }),
    }),
  );
  app.post(
    '/root-causes',
    {
      config: { roles: ADMINS },
      schema: { tags, body: createCategorySchema, response: { 201: rootCauseCategorySchema } },
    },
    async (req, reply) => reply.code(201).send(await rootCauses.createRootCauseCategory(req.ctx(), req.body)),
  );
  app.patch(
    '/root-causes/:code',
    {
      config: { roles: ADMINS },
      schema: {
        tags,
        params: codeParams,
        body: updateCategorySchema,
        response: { 200: rootCauseCategorySchema },
      },
    },
    async (req) => rootCauses.updateRootCauseCategory(req.ctx(), req.params.code, req.body),
  );
  app.get(
    '/root-causes/pareto',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: paretoQuery, response: { 200: paretoSchema } },
    },
    async (req) => rootCauses.paretoOfRootCauses(req.ctx(), req.query.from, req.query.to),
  );
  app.get(
    '/root-causes/:code/actions',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        params: codeParams,
        response: { 200: z.object({ items: z.array(improvementActionSchema) }) },
      },
    },
    async (req) => ({
      items: await actions.listImprovementActions(req.ctx(), req.params.code),
    }),
  );
  app.post(
    '/root-causes/:code/actions',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        params: codeParams,
        body: createActionSchema,
        response: { 201: improvementActionSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await actions.createImprovementAction(req.ctx(), req.params.code, req.body)),
  );
  app.patch(
    '/root-causes/:code/actions/:actionId',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        params: actionParams,
        body: updateActionSchema,
        response: { 200: improvementActionSchema },
      },
    },
    async (req) => actions.updateImprovementAction(req.ctx(), req.params.code, req.params.actionId, req.body),
  );
  app.get(
    '/settings/root-cause-recurrence',
    { config: { roles: ALL_STAFF }, schema: { tags: ['settings'], response: { 200: recurrenceRuleSchema } } },
    async (req) => rootCauses.getRecurrenceRule(req.ctx()),
  );
  app.put(
    '/settings/root-cause-recurrence',
    {
      config: { roles: ADMINS },
      schema: { tags: ['settings'], body: recurrenceRuleSchema, response: { 200: recurrenceRuleSchema } },
    },
    async (req) => rootCauses.setRecurrenceRule(req.ctx(), req.body),
  );
};
