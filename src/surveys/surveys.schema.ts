// API contract of surveys: definitions, settings, invitations, answers, praise and metrics.
import { z } from 'zod';
import { fromBeforeTo, isoDateTime, pageQuery } from '../platform/http/field-schemas.js';

export const scaleSchema = z.enum(['csat', 'nps', 'ces', 'none']);
export type Scale = z.infer<typeof scaleSchema>;
export const triggerSchema = z.enum([
  'purchase',
  'after_sales_interaction',
  'case_closed',
  'periodic',
  'customer_lost',
  'manual',
]);
export type Trigger = z.infer<typeof triggerSchema>;

/** The range of each scale; 'none' (exit interview) has no scale. */
export const SCALE_RANGE: Record<Scale, [number, number] | null> = {
  csat: [1, 5],
  nps: [0, 10],
  ces: [1, 7],
  none: null,
};

export const reasonSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ only'),
  de: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});

export const definitionSchema = z.object({
  id: z.string(),
  code: z.string(),
  scale: scaleSchema,
  trigger: triggerSchema,
  touchpointCode: z.string().nullable(),
  questionDe: z.string(),
  questionEn: z.string(),
  commentDe: z.string().nullable(),
  commentEn: z.string().nullable(),
  reasons: z.array(reasonSchema),
  delayDays: z.number().int(),
  precedence: z.boolean().describe('always allowed when consent exists, regardless of the frequency limit'),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Definition = z.infer<typeof definitionSchema>;

const definitionFields = {
  touchpointCode: z.string().trim().min(1).max(50).nullable(),
  questionDe: z.string().trim().min(1).max(500),
  questionEn: z.string().trim().min(1).max(500),
  commentDe: z.string().trim().min(1).max(300).nullable(),
  commentEn: z.string().trim().min(1).max(300).nullable(),
  reasons: z.array(reasonSchema).max(20),
  delayDays: z.number().int().min(0).max(365),
  precedence: z.boolean(),
  active: z.boolean(),
};

export const createDefinitionSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{2,50}$/, 'lower-case letters, digits and _ only'),
  scale: scaleSchema,
  trigger: triggerSchema,
  ...definitionFields,
  touchpointCode: definitionFields.touchpointCode.default(null),
  commentDe: definitionFields.commentDe.default(null),
  commentEn: definitionFields.commentEn.default(null),
  reasons: definitionFields.reasons.default([]),
  delayDays: definitionFields.delayDays.default(0),
  precedence: definitionFields.precedence.default(false),
  active: definitionFields.active.default(true),
});
export type CreateDefinition = z.input<typeof createDefinitionSchema>;

export const updateDefinitionSchema = z.object(definitionFields).partial();
export type UpdateDefinition = z.infer<typeof updateDefinitionSchema>;

export const surveySettingsSchema = z.object({
  minDaysBetweenSurveys: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .describe('at most one survey per customer in this many days'),
  reminderAfterDays: z.number().int().min(0).max(60).describe('0 = no reminder'),
  tokenValidDays: z.number().int().min(1).max(365),
  followUpHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  relationshipEveryMonths: z.number().int().min(1).max(60),
  repurchaseMonths: z.number().int().min(1).max(120),
  saleAndAfterSalesShareLimit: z
    .boolean()
    .default(false)
    .describe(
      'false (default): the sale survey and the after-sales survey of the same customer do not block each other under the frequency limit (each still waits for its own kind and for other surveys); true: any survey blocks the next one',
    ),
});
export type SurveySettings = z.infer<typeof surveySettingsSchema>;

export const defaultSurveySettings: SurveySettings = {
  minDaysBetweenSurveys: 90,
  reminderAfterDays: 4,
  tokenValidDays: 30,
  followUpHours: 48,
  relationshipEveryMonths: 12,
  repurchaseMonths: 24,
  saleAndAfterSalesShareLimit: false,
};

export const requestSurveySchema = z.object({
  customerId: z.string().min(1).max(100),
  definitionCode: z.string().min(1).max(50),
  triggerRef: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('one invitation per definition and reference'),
  touchpointCode: z.string().trim().min(1).max(50).optional(),
  agentId: z.string().min(1).max(100).optional(),
  caseId: z.string().min(1).max(100).optional(),
});
export type RequestSurvey = z.input<typeof requestSurveySchema>;

export const invitationSchema = z.object({
  id: z.string(),
  definitionCode: z.string(),
  customerId: z.string(),
  status: z.enum(['sent', 'skipped', 'answered']),
  skipReason: z.string().nullable(),
  consentBasis: z.string().nullable(),
  touchpointCode: z.string().nullable(),
  agentId: z.string().nullable(),
  caseId: z.string().nullable(),
  locale: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  reminderSentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const listInvitationsQuery = z.object({
  ...pageQuery,
  customerId: z.string().optional(),
  status: z.enum(['sent', 'skipped', 'answered']).optional(),
  definitionCode: z.string().optional(),
});
export type ListInvitationsQuery = z.infer<typeof listInvitationsQuery>;

export const answerSchema = z.object({
  id: z.string(),
  invitationId: z.string(),
  definitionCode: z.string(),
  customerId: z.string(),
  scale: scaleSchema,
  score: z.number().int().nullable(),
  reasonCode: z.string().nullable(),
  comment: z.string().nullable().describe('customer-written text: render as text only'),
  praise: z.boolean(),
  touchpointCode: z.string().nullable(),
  agentId: z.string().nullable(),
  teamId: z.string().nullable(),
  caseId: z.string().nullable(),
  answeredAt: z.string(),
});
export type Answer = z.infer<typeof answerSchema>;

export const listAnswersQuery = z
  .object({
    ...pageQuery,
    customerId: z.string().optional(),
    definitionCode: z.string().optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
  })
  .superRefine(fromBeforeTo);
export type ListAnswersQuery = z.infer<typeof listAnswersQuery>;

export const praiseQuery = z
  .object({
    ...pageQuery,
    teamId: z.string().optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
  })
  .superRefine(fromBeforeTo);
export type PraiseQuery = z.infer<typeof praiseQuery>;

export const praiseSchema = z.object({
  answerId: z.string(),
  answeredAt: z.string(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  teamId: z.string().nullable(),
  scale: scaleSchema,
  score: z.number().int().nullable(),
  comment: z.string().nullable().describe('customer-written text: render as text only'),
  touchpointCode: z.string().nullable(),
});

export const metricsQuery = z
  .object({
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    groupBy: z.enum(['touchpoint', 'team', 'agent', 'period']).optional(),
  })
  .superRefine(fromBeforeTo);
export type MetricsQuery = z.infer<typeof metricsQuery>;

const metricGroupSchema = z.object({
  key: z.string().nullable().describe('touchpoint code, team id, agent id or YYYY-MM; null = none'),
  sent: z.number().int(),
  answered: z.number().int(),
  responseRate: z.number().nullable(),
  nps: z.object({
    value: z.number().nullable(),
    n: z.number().int(),
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
  }),
  csat: z.object({ value: z.number().nullable(), n: z.number().int(), satisfied: z.number().int() }),
  ces: z.object({ value: z.number().nullable(), n: z.number().int() }),
  comments: z.array(
    z.object({
      answeredAt: z.string(),
      scale: scaleSchema,
      score: z.number().int().nullable(),
      comment: z.string(),
    }),
  ),
});
export const metricsSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  groupBy: z.string().nullable(),
  overall: metricGroupSchema,
  groups: z.array(metricGroupSchema),
});

export const repurchaseQuery = z.object({
  months: z.coerce
    .number()
    .int()
    .min(1)
    .max(120)
    .optional()
    .describe('window after the after-sales answer; default from settings'),
});

export const repurchaseSchema = z.object({
  months: z.number().int(),
  cells: z.array(
    z.object({
      saleSatisfied: z.boolean(),
      afterSalesSatisfied: z.boolean(),
      n: z.number().int(),
      repurchased: z.number().int(),
      rate: z.number().nullable(),
      openWindow: z.number().int(),
    }),
  ),
});
