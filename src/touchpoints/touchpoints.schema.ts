// API contract of the touchpoint catalogue and the interactions recorded at each touchpoint.
import { z } from 'zod';
import { fromBeforeTo, isoDateTime, pageQuery } from '../platform/http/field-schemas.js';

export const phaseSchema = z.enum(['sale', 'after_sales', 'billing', 'other']);
export const channelSchema = z.enum(['in_person', 'phone', 'email', 'web', 'other']);
export type Phase = z.infer<typeof phaseSchema>;
export type Channel = z.infer<typeof channelSchema>;

export const touchpointSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.object({ de: z.string(), en: z.string() }),
  phase: phaseSchema,
  active: z.boolean(),
  sortOrder: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Touchpoint = z.infer<typeof touchpointSchema>;

const names = z.object({ de: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) });

export const createTouchpointSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-z0-9_]{0,49}$/,
      'a slug: lower-case letters, digits and _, starting with a letter, at most 50',
    ),
  name: names,
  phase: phaseSchema,
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(1_000_000).default(100),
});
export type CreateTouchpoint = z.input<typeof createTouchpointSchema>;

export const updateTouchpointSchema = z
  .object({
    name: names.partial(),
    phase: phaseSchema,
    active: z.boolean(),
    sortOrder: z.number().int().min(0).max(1_000_000),
  })
  .partial()
  .describe('the code is fixed once created: events and reports refer to it');
export type UpdateTouchpoint = z.input<typeof updateTouchpointSchema>;

export const listTouchpointsQuery = z.object({
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const interactionSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  touchpointId: z.string(),
  touchpointCode: z.string(),
  phase: phaseSchema,
  at: z.string(),
  staffUserId: z.string().nullable(),
  channel: channelSchema,
  note: z.string().nullable().describe('customer-related free text; plain text, never markup'),
  externalId: z.string().nullable(),
  createdAt: z.string(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const recordInteractionSchema = z.object({
  customerId: z.string().min(1).max(100),
  touchpoint: z.string().min(1).max(100).describe('code or id of the touchpoint'),
  at: isoDateTime.optional().describe('default: now'),
  staffUserId: z
    .string()
    .min(1)
    .max(100)
    .nullable()
    .optional()
    .describe('omitted: the calling staff user; null: none'),
  channel: channelSchema,
  note: z.string().max(10_000).nullable().optional(),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .optional()
    .describe('unique; recording the same id again returns the first interaction'),
});
export type RecordInteraction = z.input<typeof recordInteractionSchema>;

export const listInteractionsQuery = z
  .object({
    ...pageQuery,
    customerId: z.string().optional(),
    touchpoint: z.string().optional().describe('code or id'),
    from: isoDateTime.optional().describe('inclusive'),
    to: isoDateTime.optional().describe('exclusive'),
  })
  .superRefine(fromBeforeTo);
export type InteractionFilter = {
  customerId?: string;
  touchpoint?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
};

export const customerInteractionsQuery = z.object({ ...pageQuery });
