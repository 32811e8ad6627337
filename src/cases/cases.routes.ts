// HTTP routes of complaint cases (staff API).
import { doc } from '../platform/http/api-doc.js';
import { registerCaseOutcomeRoutes } from './case-outcome.routes.js';
import { casesExamples } from './cases.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../platform/errors.js';
import { ALL_STAFF } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { goodwillBudget } from './case-goodwill.service.js';
import { listInbox } from './case-inbox.service.js';
import { createCase } from './case-intake.service.js';
import { closeCase, reopenCase, resolveCase } from './case-lifecycle.service.js';
import { addPoint, answerPoint, mergePoints, splitPoint } from './case-points.service.js';
import { updateCase } from './case-update.service.js';
import {
  addPointSchema,
  answerPointSchema,
  caseSchema,
  closeCaseSchema,
  createCaseSchema,
  goodwillBudgetSchema,
  inboxItemSchema,
  inboxQuery,
  mergePointsSchema,
  pointSchema,
  reopenCaseSchema,
  splitPointSchema,
  updateCaseSchema,
} from './cases.schema.js';
import { getCase } from './cases.service.js';

const idParams = z.object({ id: z.string() });
const pointParams = z.object({ id: z.string(), pointId: z.string() });
const _cParams = z.object({ id: z.string(), cid: z.string() });
const _gParams = z.object({ id: z.string(), gid: z.string() });

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];
  const staff = { roles: ALL_STAFF };
  app.get(
    '/cases/inbox',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'listCaseInbox',
          summary: 'List the case inbox',
          description:
            'The case queue in pages: highest priority score first, then the soonest resolution due; filtered by state, team, owner, touchpoint or customer (default: every state still in a queue).',
          ...casesExamples.listCaseInbox,
        }),
        tags,
        querystring: inboxQuery,
        response: { 200: pageOf(inboxItemSchema) },
      },
    },
    async (req) => listInbox(req.ctx(), req.query),
  );
  app.get(
    '/cases/goodwill-budget',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'getGoodwillBudget',
          summary: 'Read a goodwill budget',
          description:
            "How much goodwill a user granted this month against their empowerment limit. Agents see only their own; managers any user's.",
          ...casesExamples.getGoodwillBudget,
        }),
        tags,
        querystring: z.object({ userId: z.string().optional() }),
        response: { 200: goodwillBudgetSchema },
      },
    },
    async (req) => {
      const ctx = req.ctx();
      const me = ctx.actor.kind === 'user' ? ctx.actor : null;
      const userId = req.query.userId ?? me!.id;
      if (me && me.role === 'agent' && userId !== me.id)
        throw new AppError('FORBIDDEN', 'Agents see only their own goodwill budget');
      return goodwillBudget(ctx, userId);
    },
  );
  app.post(
    '/cases',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'createCase',
          summary: 'Open a complaint case',
          description:
            'Opens a case for a customer with its points, assesses anger and sets the SLA due dates. Queues the acknowledgement mail (when the customer has an address), may escalate to a manager (task and mail), indexes the texts for search and emits `case.created`. Audited.',
          errors: ['CUSTOMER_ERASED'],
          ...casesExamples.createCase,
        }),
        tags,
        body: createCaseSchema,
        response: { 201: caseSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createCase(req.ctx(), req.body)),
  );
  app.get(
    '/cases/:id',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'getCase',
          summary: 'Read one case',
          description: 'One case with points, commitments, goodwill, SLA state and escalation.',
          ...casesExamples.getCase,
        }),
        tags,
        params: idParams,
        response: { 200: caseSchema },
      },
    },
    async (req) => getCase(req.ctx(), req.params.id),
  );
  app.patch(
    '/cases/:id',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'updateCase',
          summary: 'Change a case',
          description:
            'Changes owner, team, priority, status (open, waiting for the customer), root cause or tags; audited, SLA clocks follow the status.',
          errors: ['CASE_STATE_INVALID'],
          ...casesExamples.updateCase,
        }),
        tags,
        params: idParams,
        body: updateCaseSchema,
        response: { 200: caseSchema },
      },
    },
    async (req) => updateCase(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/cases/:id/points',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'addCasePoint',
          summary: 'Add a point to a case',
          description:
            'Adds one more point the customer raised; each point needs its own answer before the case can be resolved. Audited.',
          errors: ['CASE_STATE_INVALID'],
          ...casesExamples.addCasePoint,
        }),
        tags,
        params: idParams,
        body: addPointSchema,
        response: { 201: pointSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await addPoint(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/points/merge',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'mergeCasePoints',
          summary: 'Merge points of a case',
          description:
            'Merges two or more points that are one matter into a new point; the merged ones are marked as such. Audited.',
          errors: ['CONFLICT', 'CASE_STATE_INVALID'],
          ...casesExamples.mergeCasePoints,
        }),
        tags,
        params: idParams,
        body: mergePointsSchema,
        response: { 201: pointSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await mergePoints(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/points/:pointId/split',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'splitCasePoint',
          summary: 'Split a point of a case',
          description: 'Splits one point into several; the original is marked split. Audited.',
          errors: ['CONFLICT', 'CASE_STATE_INVALID'],
          ...casesExamples.splitCasePoint,
        }),
        tags,
        params: pointParams,
        body: splitPointSchema,
        response: { 201: z.object({ items: z.array(pointSchema) }) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ items: await splitPoint(req.ctx(), req.params.id, req.params.pointId, req.body) }),
  );
  app.patch(
    '/cases/:id/points/:pointId',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'answerCasePoint',
          summary: 'Answer a point of a case',
          description: 'Records the answer (outcome and text) to one point; audited.',
          errors: ['CONFLICT', 'CASE_STATE_INVALID'],
          ...casesExamples.answerCasePoint,
        }),
        tags,
        params: pointParams,
        body: answerPointSchema,
        response: { 200: pointSchema },
      },
    },
    async (req) => answerPoint(req.ctx(), req.params.id, req.params.pointId, req.body),
  );
  app.post(
    '/cases/:id/resolve',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'resolveCase',
          summary: 'Resolve a case',
          description:
            'Marks the case resolved when every point has an answer and the case has an apology, a root-cause category with its analysis and a preventive action (an admin may waive these for severity low); otherwise 409 CASE_INCOMPLETE names each missing part in `errors`. Stops the resolution SLA and emits `case.resolved`. Audited.',
          errors: ['CASE_STATE_INVALID', 'CASE_INCOMPLETE'],
          ...casesExamples.resolveCase,
        }),
        tags,
        params: idParams,
        response: { 200: caseSchema },
      },
    },
    async (req) => resolveCase(req.ctx(), req.params.id),
  );
  app.post(
    '/cases/:id/close',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'closeCase',
          summary: 'Close a case',
          description:
            'Closes a resolved case. Refused with 409 CASE_INCOMPLETE (each missing part named in `errors`) while a point lacks an answer, the apology, cause or preventive action is missing, a commitment is open, goodwill waits for approval, or an escalation call-back is open and no `callbackOutcome` is given; with it the open call-backs are completed with that outcome. Emits `case.closed`, which queues the recovery survey unless the case was trivial. Audited.',
          errors: ['CASE_STATE_INVALID', 'CASE_INCOMPLETE'],
          ...casesExamples.closeCase,
        }),
        tags,
        params: idParams,
        body: closeCaseSchema.optional(),
        response: { 200: caseSchema },
      },
    },
    async (req) => closeCase(req.ctx(), req.params.id, req.body ?? {}),
  );
  app.post(
    '/cases/:id/reopen',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'reopenCase',
          summary: 'Reopen a case',
          description:
            'Reopens a resolved or closed case with a reason; the SLA clocks run again and `case.reopened` is emitted. Audited.',
          errors: ['CASE_STATE_INVALID'],
          ...casesExamples.reopenCase,
        }),
        tags,
        params: idParams,
        body: reopenCaseSchema,
        response: { 200: caseSchema },
      },
    },
    async (req) => reopenCase(req.ctx(), req.params.id, req.body.reason),
  );
  registerCaseOutcomeRoutes(app);
};
