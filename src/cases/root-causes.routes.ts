// HTTP routes of the root-cause register: categories (admins edit), Pareto (all staff), actions (managers).
import { doc } from '../platform/http/api-doc.js';
import { rootCausesExamples } from './root-causes.examples.js';
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
        ...doc({
          id: 'listRootCauses',
          summary: 'List root-cause categories',
          description:
            'The categories complaints and lost customers are filed under, optionally with inactive ones.',
          ...rootCausesExamples.listRootCauses,
        }),
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
      schema: {
        ...doc({
          id: 'createRootCause',
          summary: 'Create a root-cause category',
          description: 'Adds a category with a stable code; audited.',
          errors: ['DUPLICATE'],
          ...rootCausesExamples.createRootCause,
        }),
        tags,
        body: createCategorySchema,
        response: { 201: rootCauseCategorySchema },
      },
    },
    async (req, reply) => reply.code(201).send(await rootCauses.createRootCauseCategory(req.ctx(), req.body)),
  );
  app.patch(
    '/root-causes/:code',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateRootCause',
          summary: 'Change a root-cause category',
          description: 'Changes label or active flag of a category; audited.',
          ...rootCausesExamples.updateRootCause,
        }),
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
      schema: {
        ...doc({
          id: 'getRootCausePareto',
          summary: 'Read the root-cause Pareto',
          description:
            'Categories by number of cases in the period, most frequent first, with cumulative share and recurrence after improvement actions.',
          ...rootCausesExamples.getRootCausePareto,
        }),
        tags,
        querystring: paretoQuery,
        response: { 200: paretoSchema },
      },
    },
    async (req) => rootCauses.paretoOfRootCauses(req.ctx(), req.query.from, req.query.to),
  );
  app.get(
    '/root-causes/:code/actions',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'listRootCauseActions',
          summary: 'List improvement actions',
          description: 'The improvement actions taken against one root cause.',
          ...rootCausesExamples.listRootCauseActions,
        }),
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
        ...doc({
          id: 'createRootCauseAction',
          summary: 'Start an improvement action',
          description:
            'Records an action against a root cause with an owner and due date; recurrence is measured from its completion. Audited.',
          ...rootCausesExamples.createRootCauseAction,
        }),
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
        ...doc({
          id: 'updateRootCauseAction',
          summary: 'Change an improvement action',
          description: 'Changes status, owner, due date or note of an action; audited.',
          ...rootCausesExamples.updateRootCauseAction,
        }),
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
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getRootCauseRecurrenceRule',
          summary: 'Read the recurrence rule',
          description:
            'When a root cause counts as recurring after an improvement action (window and threshold).',
          ...rootCausesExamples.getRootCauseRecurrenceRule,
        }),
        tags: ['settings'],
        response: { 200: recurrenceRuleSchema },
      },
    },
    async (req) => rootCauses.getRecurrenceRule(req.ctx()),
  );
  app.put(
    '/settings/root-cause-recurrence',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateRootCauseRecurrenceRule',
          summary: 'Change the recurrence rule',
          description: 'Replaces the recurrence rule; audited.',
          ...rootCausesExamples.updateRootCauseRecurrenceRule,
        }),
        tags: ['settings'],
        body: recurrenceRuleSchema,
        response: { 200: recurrenceRuleSchema },
      },
    },
    async (req) => rootCauses.setRecurrenceRule(req.ctx(), req.body),
  );
};
