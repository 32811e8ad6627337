// HTTP routes of what a case promises and tells: commitments, goodwill with its approvals, the
// letter, the audit trail, and the case settings (registered by casesRoutes).
import { doc } from '../platform/http/api-doc.js';
import { casesExamples } from './cases.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { readerLanguage } from '../platform/http/reader-language.js';
import { withAuditLabels } from '../platform/i18n/audit-labels.js';
import { addCommitment, fulfilCommitment } from './case-commitments.service.js';
import { decideGoodwill } from './case-goodwill-decision.js';
import { addGoodwill } from './case-goodwill.service.js';
import { getLetterTemplates, renderLetter, sendLetter, setLetterTemplates } from './case-letter.js';
import { caseSettingsSchema, getCaseSettings, setCaseSettings } from './case-settings.js';
import {
  caseAuditEntrySchema,
  commitmentSchema,
  createCommitmentSchema,
  createGoodwillSchema,
  decideGoodwillSchema,
  declineGoodwillSchema,
  fulfilCommitmentSchema,
  goodwillSchema,
  letterSchema,
  letterTemplatesSchema,
} from './cases.schema.js';
import { listCaseAudit } from './cases.service.js';

const idParams = z.object({ id: z.string() });
const _pointParams = z.object({ id: z.string(), pointId: z.string() });
const cParams = z.object({ id: z.string(), cid: z.string() });
const gParams = z.object({ id: z.string(), gid: z.string() });

export type CasesApp = Parameters<FastifyPluginAsyncZod>[0];

/** Commitment, goodwill, letter, audit and settings routes, on the cases plugin's instance. */
export function registerCaseOutcomeRoutes(app: CasesApp): void {
  const tags = ['cases'];
  const staff = { roles: ALL_STAFF };
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
          description:
            "A manager or admin approves goodwill above the requester's limit; never the requester themself (403 GOODWILL_SELF_APPROVAL). Within the approver's own limit (set on the user, else their role's per-case limit) it is granted; above it the approval is recorded as an endorsement and the request goes up to the approver's manager, then an admin (a new approval task; the answer stays pending_approval with the new approverId). Audited.",
          errors: ['CONFLICT', 'GOODWILL_SELF_APPROVAL', 'GOODWILL_LIMIT_EXCEEDED'],
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
          description:
            'A manager or admin declines pending goodwill with a reason (required). The requester and the case owner each get a task (`case_goodwill_declined`) and an e-mail naming the reason. Audited.',
          errors: ['CONFLICT'],
          ...casesExamples.declineCaseGoodwill,
        }),
        tags,
        params: gParams,
        body: declineGoodwillSchema,
        response: { 200: goodwillSchema },
      },
    },
    async (req) => decideGoodwill(req.ctx(), req.params.id, req.params.gid, 'decline', req.body),
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
            "The letter to the customer from the company template: every point with its answer, the apology, cause and preventive action, commitments and goodwill, in the customer's language. A line whose placeholders are all empty is left out (never a placeholder dash).",
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
            'Queues the resolution letter as a mail to the customer (outbox, `mail.send` job) and records it in the case; refused with 409 CASE_INCOMPLETE (each missing part named) while a point has no answer or the apology, root cause or preventive action is missing. Audited.',
          errors: ['CASE_STATE_INVALID', 'CASE_INCOMPLETE', 'UNPROCESSABLE'],
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
}
