// API contract of the root-cause register: categories, Pareto analysis and improvement actions.
import { z } from 'zod';
import { fromBeforeTo, isoDateTime } from '../platform/http/field-schemas.js';

export const rootCauseCodeSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _');

export const rootCauseCategorySchema = z.object({
  code: z.string(),
  name: z.object({ de: z.string(), en: z.string() }),
  active: z.boolean(),
  sortOrder: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RootCauseCategory = z.infer<typeof rootCauseCategorySchema>;

export const createCategorySchema = z.object({
  code: rootCauseCodeSchema,
  name: z.object({ de: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
});
export type CreateCategory = z.input<typeof createCategorySchema>;

export const updateCategorySchema = z
  .object({
    name: z.object({ de: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
    active: z.boolean(),
    sortOrder: z.number().int().min(0).max(10_000),
  })
  .partial();
export type UpdateCategory = z.input<typeof updateCategorySchema>;

export const listCategoriesQuery = z.object({
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** How recurring causes are flagged (setting `rootCauses.recurrence`). */
export const recurrenceRuleSchema = z.object({
  periods: z.number().int().min(2).max(12).describe('K: the current period and the K-1 before it'),
  minCases: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .describe('N: cases a category needs in each of those periods'),
});
export type RecurrenceRule = z.infer<typeof recurrenceRuleSchema>;

export const paretoQuery = z.object({ from: isoDateTime, to: isoDateTime }).superRefine(fromBeforeTo);

export const paretoSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int().describe('cases received in the period with a root cause'),
  unassigned: z.number().int().describe('cases received in the period without a root cause yet'),
  lostCustomers: z
    .number()
    .int()
    .describe('customers confirmed lost in the period whose exit reason maps to a root-cause category'),
  rule: recurrenceRuleSchema,
  items: z.array(
    z.object({
      code: z.string(),
      name: z.object({ de: z.string(), en: z.string() }),
      count: z.number().int(),
      share: z.number(),
      cumulativeShare: z.number(),
      previousCount: z.number().int().describe('cases in the period of equal length just before'),
      recurring: z.boolean().describe('at least minCases cases in each of the last `periods` periods'),
      rising: z.boolean().describe('more cases than in the previous period, and at least minCases'),
      openActions: z.number().int(),
      lostCustomers: z
        .number()
        .int()
        .describe('customers lost in the period for this cause (their exit reason, mapped)'),
    }),
  ),
});
export type Pareto = z.infer<typeof paretoSchema>;

export const actionStatusSchema = z.enum(['open', 'in_progress', 'done', 'cancelled']);

export const improvementActionSchema = z.object({
  id: z.string(),
  categoryCode: z.string(),
  ownerId: z.string(),
  description: z.string(),
  dueAt: z.string().nullable(),
  status: actionStatusSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type ImprovementAction = z.infer<typeof improvementActionSchema>;

export const createActionSchema = z.object({
  ownerId: z.string().min(1).max(100),
  description: z.string().trim().min(1).max(5000),
  dueAt: isoDateTime.nullable().optional(),
  status: actionStatusSchema.default('open'),
});
export type CreateAction = z.input<typeof createActionSchema>;

export const updateActionSchema = z
  .object({
    ownerId: z.string().min(1).max(100),
    description: z.string().trim().min(1).max(5000),
    dueAt: isoDateTime.nullable(),
    status: actionStatusSchema,
  })
  .partial();
export type UpdateAction = z.input<typeof updateActionSchema>;

export const rootCauseSourceSchema = z.enum(['lost_customer']);
export type RootCauseSource = z.infer<typeof rootCauseSourceSchema>;
