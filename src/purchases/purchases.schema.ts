// API contract of purchases (the import's query and report are in platform/import/import.schema.ts).
import { z } from 'zod';
import { currency, fromBeforeTo, isoDateTime, pageQuery } from '../platform/http/field-schemas.js';

export const purchaseKinds = ['sale', 'service', 'parts', 'other'] as const;
export const purchaseKindSchema = z.enum(purchaseKinds);
export type PurchaseKind = z.infer<typeof purchaseKindSchema>;

export const minorUnits = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const purchaseSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  customerId: z.string(),
  purchasedAt: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  kind: purchaseKindSchema,
  productCode: z.string().nullable(),
  quantity: z.number().int(),
  description: z.string().nullable(),
  source: z.enum(['api', 'import']),
  createdAt: z.string(),
});
export type Purchase = z.infer<typeof purchaseSchema>;

export const createPurchaseSchema = z.object({
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('the source system id; a repeat answers the existing purchase'),
  customerId: z.string().min(1),
  purchasedAt: isoDateTime,
  amountMinor: minorUnits,
  currency: currency,
  kind: purchaseKindSchema,
  productCode: z.string().trim().min(1).max(100).nullable().optional(),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  description: z.string().max(2000).nullable().optional(),
});
export type CreatePurchase = z.input<typeof createPurchaseSchema>;

export const listPurchasesQuery = z
  .object({
    ...pageQuery,
    customerId: z.string().optional(),
    from: isoDateTime.optional().describe('purchases at or after this time'),
    to: isoDateTime.optional().describe('purchases before this time'),
    kind: purchaseKindSchema.optional(),
  })
  .superRefine(fromBeforeTo);
export type ListPurchasesQuery = z.infer<typeof listPurchasesQuery>;
