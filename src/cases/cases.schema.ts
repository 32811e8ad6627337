// API contract of complaint cases: intake, points, resolution, commitments, goodwill, inbox, letter.
import { z } from 'zod';
import { currency, isoDateTime, pageQuery } from '../platform/http/field-schemas.js';

export const channelSchema = z.enum(['email', 'phone', 'web', 'letter', 'in_person', 'api']);
export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);
export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export const caseStatusSchema = z.enum(['new', 'open', 'waiting_customer', 'resolved', 'closed', 'reopened']);
export const outcomeSchema = z.enum(['resolved', 'partially', 'rejected', 'explained']);
export const commitmentKindSchema = z.enum(['refund', 'callback', 'repair', 'other']);
export const goodwillKindSchema = z.enum(['credit', 'voucher', 'refund', 'gift']);

const text = (max: number) => z.string().trim().min(1).max(max);
const pointText = text(10_000);

export const pointSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  text: z.string(),
  answer: z.string().nullable(),
  outcome: outcomeSchema.nullable(),
  rootCauseCode: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  splitFrom: z.string().nullable(),
});
export type CasePoint = z.infer<typeof pointSchema>;

export const commitmentSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: commitmentKindSchema,
  description: z.string(),
  ownerId: z.string(),
  dueAt: z.string(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  status: z.enum(['open', 'fulfilled']),
  fulfilledAt: z.string().nullable(),
  fulfilledBy: z.string().nullable(),
  note: z.string().nullable(),
  reminderSentAt: z.string().nullable(),
  overdueAlertSentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Commitment = z.infer<typeof commitmentSchema>;

export const goodwillSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: goodwillKindSchema,
  amountMinor: z.number().int(),
  currency: z.string(),
  description: z.string(),
  status: z.enum(['granted', 'pending_approval', 'declined']),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable().describe('the approval note, or the reason of a decline'),
  approvalTaskId: z.string().nullable(),
  approverId: z
    .string()
    .nullable()
    .describe('who must decide the pending gesture now (never the requester); null once decided'),
  endorsements: z
    .array(z.object({ userId: z.string(), at: z.string(), note: z.string().nullable() }))
    .describe("approvals above the approver's own limit, each passed one step up the hierarchy"),
});
export type Goodwill = z.infer<typeof goodwillSchema>;

export const escalationSchema = z.object({
  id: z.string(),
  level: z.number().int(),
  reasons: z.array(z.string()),
  fromUserId: z.string().nullable(),
  toUserId: z.string().nullable(),
  taskId: z.string().nullable(),
  at: z.string(),
});
export type Escalation = z.infer<typeof escalationSchema>;

const angerSchema = z.object({
  level: z.number(),
  band: z.string(),
  leaving: z.boolean(),
  signals: z.array(z.object({ kind: z.string(), text: z.string(), weight: z.number() })),
});

export const caseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  customerId: z.string(),
  channel: channelSchema,
  touchpointCode: z.string().nullable(),
  subject: z.string().nullable(),
  description: z.string(),
  requestedRemedy: z.string().nullable(),
  lang: z.enum(['de', 'en']),
  status: caseStatusSchema,
  severity: severitySchema,
  priority: prioritySchema,
  priorityScore: z.number().int(),
  priorityFactors: z.record(z.string(), z.any()),
  anger: angerSchema,
  customerTier: z.string(),
  customerSince: z.string(),
  tenureYears: z.number(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  teamId: z.string().nullable(),
  escalationLevel: z.number().int(),
  receivedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable().describe('null while the case waits for the customer'),
  slaPaused: z.boolean(),
  apology: z.string().nullable(),
  rootCauseCode: z.string().nullable(),
  rootCauseAnalysis: z.string().nullable(),
  preventiveAction: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  trivial: z.boolean(),
  reopenCount: z.number().int(),
  letterSentAt: z.string().nullable(),
  verification: z
    .enum(['unverified', 'verified'])
    .nullable()
    .describe(
      'Public complaint form only: unverified until the owner of the e-mail address confirms through the mailed link; null for cases staff opened',
    ),
  createdAt: z.string(),
  updatedAt: z.string(),
  points: z.array(pointSchema),
  commitments: z.array(commitmentSchema),
  goodwill: z.array(goodwillSchema),
  escalations: z.array(escalationSchema),
});
export type Case = z.infer<typeof caseSchema>;

export const inboxItemSchema = z.object({
  id: z.string(),
  reference: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  customerTier: z.string(),
  tenureYears: z.number(),
  status: caseStatusSchema,
  severity: severitySchema,
  priority: prioritySchema,
  priorityScore: z.number().int(),
  angerBand: z.string(),
  ownerId: z.string().nullable(),
  teamId: z.string().nullable(),
  touchpointCode: z.string().nullable(),
  escalationLevel: z.number().int(),
  receivedAt: z.string(),
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const createCaseSchema = z.object({
  customerId: z.string().min(1),
  channel: channelSchema.default('api'),
  touchpointCode: text(100).optional(),
  subject: text(300).optional(),
  description: text(20_000).optional().describe('the complaint as received; defaults to the points joined'),
  points: z
    .array(z.object({ text: pointText }))
    .min(1)
    .max(30),
  requestedRemedy: text(5_000).optional(),
  severity: severitySchema.default('medium'),
  receivedAt: isoDateTime
    .optional()
    .describe('when the complaint actually arrived (backdating allowed, not the future)'),
  ownerId: z.string().min(1).optional(),
});
export type CreateCase = z.input<typeof createCaseSchema>;

export const updateCaseSchema = z
  .object({
    status: z.enum(['open', 'waiting_customer']),
    severity: severitySchema,
    touchpointCode: text(100).nullable(),
    subject: text(300).nullable(),
    requestedRemedy: text(5_000).nullable(),
    ownerId: z.string().min(1),
    apology: text(10_000).nullable(),
    rootCauseCode: text(100).nullable(),
    rootCauseAnalysis: text(10_000).nullable(),
    preventiveAction: text(10_000).nullable(),
  })
  .partial();
export type UpdateCase = z.input<typeof updateCaseSchema>;

export const addPointSchema = z.object({ text: pointText });
export const splitPointSchema = z.object({ texts: z.array(pointText).min(2).max(10) });
export const mergePointsSchema = z.object({
  pointIds: z.array(z.string()).min(2).max(30),
  text: pointText.optional(),
});
export const answerPointSchema = z.object({
  answer: text(10_000),
  outcome: outcomeSchema,
  rootCauseCode: text(100).nullable().optional(),
});

export const closeCaseSchema = z.object({
  trivial: z.boolean().default(false),
  callbackOutcome: text(2_000)
    .optional()
    .describe('the outcome of the escalation call-backs still open; they are completed with it'),
});
export const reopenCaseSchema = z.object({ reason: text(2_000) });

export const createCommitmentSchema = z.object({
  kind: commitmentKindSchema,
  description: text(2_000),
  ownerId: z.string().min(1).optional().describe('defaults to the case owner'),
  dueAt: isoDateTime,
  amountMinor: z.number().int().min(0).optional(),
  currency: currency.optional(),
});
export type CreateCommitment = z.input<typeof createCommitmentSchema>;
export const fulfilCommitmentSchema = z.object({ note: text(2_000).optional() });

export const createGoodwillSchema = z.object({
  kind: goodwillKindSchema,
  amountMinor: z.number().int().positive(),
  currency: currency,
  description: text(2_000),
  status: z
    .literal('granted')
    .optional()
    .describe(
      'granted = grant now or fail with GOODWILL_LIMIT_EXCEEDED; omitted = above the limit it awaits approval',
    ),
});
export type CreateGoodwill = z.input<typeof createGoodwillSchema>;
export const decideGoodwillSchema = z.object({ note: text(2_000).optional() });
/** A decline always says why: the requester and the case owner are told the reason. */
export const declineGoodwillSchema = z.object({ reason: text(2_000) });

export const goodwillBudgetSchema = z.object({
  userId: z.string(),
  currency: z.string(),
  perCaseMinor: z.number().int().nullable(),
  perMonthMinor: z.number().int().nullable(),
  usedThisMonthMinor: z.number().int(),
  remainingMinor: z.number().int().nullable().describe('null = unlimited'),
});

export const inboxQuery = z.object({
  ...pageQuery,
  team: z.string().optional(),
  owner: z.string().optional(),
  state: caseStatusSchema
    .optional()
    .describe('default: every state still in a queue (new, open, waiting_customer, reopened)'),
  touchpoint: z.string().optional(),
  customerId: z.string().optional(),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const letterSchema = z.object({
  lang: z.enum(['de', 'en']),
  to: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
});

export const letterTemplateSchema = z.object({ subject: text(500), body: text(20_000), point: text(2_000) });
export const letterTemplatesSchema = z.object({ de: letterTemplateSchema, en: letterTemplateSchema });
export type LetterTemplates = z.infer<typeof letterTemplatesSchema>;

/** One entry of a case's audit trail (GET /cases/:id/audit). */
export const caseAuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  label: z.string().describe("the action worded in the reader's language"),
  changes: z.record(z.string(), z.any()),
});
export type CaseAuditEntry = z.infer<typeof caseAuditEntrySchema>;
