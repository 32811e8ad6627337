// HTTP routes of complaint cases (staff API).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../platform/errors.js';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import { readerLanguage } from '../platform/http/reader-language.js';
import { withAuditLabels } from '../platform/i18n/audit-labels.js';
import { addCommitment, fulfilCommitment } from './case-commitments.service.js';
import { addGoodwill, decideGoodwill, goodwillBudget } from './case-goodwill.service.js';
import { listInbox } from './case-inbox.service.js';
import { createCase } from './case-intake.service.js';
import { getLetterTemplates, renderLetter, sendLetter, setLetterTemplates } from './case-letter.js';
import { closeCase, reopenCase, resolveCase } from './case-lifecycle.service.js';
import { addPoint, answerPoint, mergePoints, splitPoint } from './case-points.service.js';
import { caseSettingsSchema, getCaseSettings, setCaseSettings } from './case-settings.js';
import { updateCase } from './case-update.service.js';
import {
  addPointSchema,
  answerPointSchema,
  caseAuditEntrySchema,
  caseSchema,
  closeCaseSchema,
  commitmentSchema,
  createCaseSchema,
  createCommitmentSchema,
  createGoodwillSchema,
  decideGoodwillSchema,
  fulfilCommitmentSchema,
  goodwillBudgetSchema,
  goodwillSchema,
  inboxItemSchema,
  inboxQuery,
  letterSchema,
  letterTemplatesSchema,
  mergePointsSchema,
  pointSchema,
  reopenCaseSchema,
  splitPointSchema,
  updateCaseSchema,
} from './cases.schema.js';
import { getCase, listCaseAudit } from './cases.service.js';

const idParams = z.object({ id: z.string() });
const pointParams = z.object({ id: z.string(), pointId: z.string() });
const cParams = z.object({ id: z.string(), cid: z.string() });
const gParams = z.object({ id: z.string(), gid: z.string() });

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];
  const staff = { roles: ALL_STAFF };
  app.get(
    '/cases/inbox',
    { config: staff, schema: { tags, querystring: inboxQuery, response: { 200: pageOf(inboxItemSchema) } } },
    async (req) => listInbox(req.ctx(), req.query),
  );
  app.get(
    '/cases/goodwill-budget',
    {
      config: staff,
      schema: {
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
    { config: staff, schema: { tags, body: createCaseSchema, response: { 201: caseSchema } } },
    async (req, reply) => reply.code(201).send(await createCase(req.ctx(), req.body)),
  );
  app.get(
    '/cases/:id',
    { config: staff, schema: { tags, params: idParams, response: { 200: caseSchema } } },
    async (req) => getCase(req.ctx(), req.params.id),
  );
  app.patch(
    '/cases/:id',
    {
      config: staff,
      schema: { tags, params: idParams, body: updateCaseSchema, response: { 200: caseSchema } },
    },
    async (req) => updateCase(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/cases/:id/points',
    {
      config: staff,
      schema: { tags, params: idParams, body: addPointSchema, response: { 201: pointSchema } },
    },
    async (req, reply) => reply.code(201).send(await addPoint(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/points/merge',
    {
      config: staff,
      schema: { tags, params: idParams, body: mergePointsSchema, response: { 201: pointSchema } },
    },
    async (req, reply) => reply.code(201).send(await mergePoints(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/points/:pointId/split',
    {
      config: staff,
      schema: {
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
      schema: { tags, params: pointParams, body: answerPointSchema, response: { 200: pointSchema } },
    },
    async (req) => answerPoint(req.ctx(), req.params.id, req.params.pointId, req.body),
  );
  app.post(
    '/cases/:id/resolve',
    { config: staff, schema: { tags, params: idParams, response: { 200: caseSchema } } },
    async (req) => resolveCase(req.ctx(), req.params.id),
  );
  app.post(
    '/cases/:id/close',
    {
      config: staff,
      schema: { tags, params: idParams, body: closeCaseSchema.optional(), response: { 200: caseSchema } },
    },
    async (req) => closeCase(req.ctx(), req.params.id, req.body ?? {}),
  );
  app.post(
    '/cases/:id/reopen',
    {
      config: staff,
      schema: { tags, params: idParams, body: reopenCaseSchema, response: { 200: caseSchema } },
    },
    async (req) => reopenCase(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/cases/:id/commitments',
    {
      config: staff,
      schema: { tags, params: idParams, body: createCommitmentSchema, response: { 201: commitmentSchema } },
    },
    async (req, reply) => reply.code(201).send(await addCommitment(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/commitments/:cid/fulfil',
    {
      config: staff,
      schema: {
        tags,
        params: cParams,
        body: fulfilCommitmentSchema.optional(),
        response: { 200: commitmentSchema },
      },
    },
    async (req) => fulfilCommitment(req.ctx(), req.params.id, req.params.cid, req.body ?? {}),
  );
  app.post(
    '/cases/:id/goodwill',
    {
      config: staff,
      schema: { tags, params: idParams, body: createGoodwillSchema, response: { 201: goodwillSchema } },
    },
    async (req, reply) => reply.code(201).send(await addGoodwill(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/goodwill/:gid/approve',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        params: gParams,
        body: decideGoodwillSchema.optional(),
        response: { 200: goodwillSchema },
      },
    },
    async (req) => decideGoodwill(req.ctx(), req.params.id, req.params.gid, 'approve', req.body ?? {}),
  );
  app.post(
    '/cases/:id/goodwill/:gid/decline',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        params: gParams,
        body: decideGoodwillSchema.optional(),
        response: { 200: goodwillSchema },
      },
    },
    async (req) => decideGoodwill(req.ctx(), req.params.id, req.params.gid, 'decline', req.body ?? {}),
  );
  app.get(
    '/cases/:id/letter',
    { config: staff, schema: { tags, params: idParams, response: { 200: letterSchema } } },
    async (req) => renderLetter(req.ctx(), req.params.id),
  );
  app.post(
    '/cases/:id/letter/send',
    {
      config: staff,
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ mailId: z.string(), subject: z.string(), text: z.string() }) },
      },
    },
    async (req) => sendLetter(req.ctx(), req.params.id),
  );
  app.get(
    '/cases/:id/audit',
    {
      config: staff,
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(caseAuditEntrySchema) }) },
      },
    },
    async (req) => ({
      items: withAuditLabels(await listCaseAudit(req.ctx(), req.params.id), readerLanguage(req)),
    }),
  );
  app.get(
    '/settings/case-letter-templates',
    { config: staff, schema: { tags: ['settings'], response: { 200: letterTemplatesSchema } } },
    async (req) => getLetterTemplates(req.ctx()),
  );
  app.put(
    '/settings/case-letter-templates',
    {
      config: { roles: ADMINS },
      schema: { tags: ['settings'], body: letterTemplatesSchema, response: { 200: letterTemplatesSchema } },
    },
    async (req) => setLetterTemplates(req.ctx(), req.body),
  );
  app.get(
    '/settings/cases',
    { config: staff, schema: { tags: ['settings'], response: { 200: caseSettingsSchema } } },
    async (req) => getCaseSettings(req.ctx()),
  );
  app.put(
    '/settings/cases',
    {
      config: { roles: ADMINS },
      schema: {
        tags: ['settings'],
        body: z.record(z.string(), z.any()),
        response: { 200: caseSettingsSchema },
      },
    },
    async (req) => setCaseSettings(req.ctx(), req.body),
  );
};
