// HTTP routes of complaint cases (staff API).
import { doc } from '../platform/http/api-doc.js';
import { casesExamples } from './cases.examples.js';
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
            'Marks the case resolved when every point has an answer and no commitment is open; stops the resolution SLA and emits `case.resolved`. Audited.',
          errors: ['CASE_STATE_INVALID', 'CASE_POINT_UNANSWERED', 'CASE_COMMITMENT_OPEN'],
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
            'Closes a resolved case, optionally with a root cause. Emits `case.closed`, which queues the recovery survey unless the case was trivial. Audited.',
          errors: ['CASE_STATE_INVALID', 'CASE_COMMITMENT_OPEN'],
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
  app.post(
    '/cases/:id/commitments',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'addCaseCommitment',
          summary: 'Promise something to the customer',
          description:
            'Records a commitment (a call-back, a part ordered) with a due time; an overdue one queues a reminder mail to the owner. Audited.',
          errors: ['CASE_STATE_INVALID'],
          ...casesExamples.addCaseCommitment,
        }),
        tags,
        params: idParams,
        body: createCommitmentSchema,
        response: { 201: commitmentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await addCommitment(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/commitments/:cid/fulfil',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'fulfilCaseCommitment',
          summary: 'Fulfil a commitment',
          description: 'Marks the commitment kept, optionally with a note; audited.',
          errors: ['CONFLICT'],
          ...casesExamples.fulfilCaseCommitment,
        }),
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
      schema: {
        ...doc({
          id: 'addCaseGoodwill',
          summary: 'Grant or propose goodwill',
          description:
            "Records goodwill (refund, voucher, free service) in the company currency. Within the user's empowerment limit it is granted at once; above it, it waits for a manager (a task is created), or with `granted` it fails. Audited.",
          errors: ['CASE_STATE_INVALID', 'CURRENCY_MISMATCH', 'GOODWILL_LIMIT_EXCEEDED'],
          ...casesExamples.addCaseGoodwill,
        }),
        tags,
        params: idParams,
        body: createGoodwillSchema,
        response: { 201: goodwillSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await addGoodwill(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/goodwill/:gid/approve',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'approveCaseGoodwill',
          summary: 'Approve goodwill',
          description: "A manager approves goodwill above the proposer's limit; audited.",
          errors: ['CONFLICT'],
          ...casesExamples.approveCaseGoodwill,
        }),
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
        ...doc({
          id: 'declineCaseGoodwill',
          summary: 'Decline goodwill',
          description: 'A manager declines proposed goodwill with an optional note; audited.',
          errors: ['CONFLICT'],
          ...casesExamples.declineCaseGoodwill,
        }),
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
    {
      config: staff,
      schema: {
        ...doc({
          id: 'getCaseLetter',
          summary: 'Preview the resolution letter',
          description:
            "The letter to the customer from the company template: every point with its answer, commitments and goodwill, in the customer's language.",
          ...casesExamples.getCaseLetter,
        }),
        tags,
        params: idParams,
        response: { 200: letterSchema },
      },
    },
    async (req) => renderLetter(req.ctx(), req.params.id),
  );
  app.post(
    '/cases/:id/letter/send',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'sendCaseLetter',
          summary: 'Send the resolution letter',
          description:
            'Queues the resolution letter as a mail to the customer (outbox, `mail.send` job) and records it in the case; audited.',
          errors: ['CASE_STATE_INVALID', 'UNPROCESSABLE'],
          ...casesExamples.sendCaseLetter,
        }),
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
        ...doc({
          id: 'listCaseAudit',
          summary: "Read a case's audit trail",
          description:
            "Every recorded change to the case, with actor, time and changed fields, worded in the reader's language.",
          ...casesExamples.listCaseAudit,
        }),
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
    {
      config: staff,
      schema: {
        ...doc({
          id: 'getCaseLetterTemplates',
          summary: 'Read the letter templates',
          description: 'The resolution letter templates per language.',
          ...casesExamples.getCaseLetterTemplates,
        }),
        tags: ['settings'],
        response: { 200: letterTemplatesSchema },
      },
    },
    async (req) => getLetterTemplates(req.ctx()),
  );
  app.put(
    '/settings/case-letter-templates',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateCaseLetterTemplates',
          summary: 'Change the letter templates',
          description: 'Replaces the resolution letter templates; audited.',
          ...casesExamples.updateCaseLetterTemplates,
        }),
        tags: ['settings'],
        body: letterTemplatesSchema,
        response: { 200: letterTemplatesSchema },
      },
    },
    async (req) => setLetterTemplates(req.ctx(), req.body),
  );
  app.get(
    '/settings/cases',
    {
      config: staff,
      schema: {
        ...doc({
          id: 'getCaseSettings',
          summary: 'Read the case settings',
          description:
            'SLA targets per priority and tier, business hours and holidays, escalation thresholds and goodwill limits.',
          ...casesExamples.getCaseSettings,
        }),
        tags: ['settings'],
        response: { 200: caseSettingsSchema },
      },
    },
    async (req) => getCaseSettings(req.ctx()),
  );
  app.put(
    '/settings/cases',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateCaseSettings',
          summary: 'Change the case settings',
          description:
            'Changes the case settings sent (merged over the current ones and validated as a whole); applies to cases from now on. Audited.',
          ...casesExamples.updateCaseSettings,
        }),
        tags: ['settings'],
        body: z.record(z.string(), z.any()),
        response: { 200: caseSettingsSchema },
      },
    },
    async (req) => setCaseSettings(req.ctx(), req.body),
  );
};
