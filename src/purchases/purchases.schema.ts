// API contract of purchases and of the import endpoints (the report of an import).
import { z } from 'zod';
import { pageQuery } from '../platform/http/pagination.js';

export const purchaseKinds = ['sale', 'service', 'parts', 'other'] as const;
export const purchaseKindSchema = z.enum(purchaseKinds);
export type PurchaseKind = z.infer<typeof purchaseKindSchema>;

export const isoDateTime = z.iso.datetime({ offset: true });
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
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
  currency: currencySchema,
  kind: purchaseKindSchema,
  productCode: z.string().trim().min(1).max(100).nullable().optional(),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  description: z.string().max(2000).nullable().optional(),
});
export type CreatePurchase = z.input<typeof createPurchaseSchema>;

export const listPurchasesQuery = z.object({
  ...pageQuery,
  customerId: z.string().optional(),
  from: isoDateTime.optional().describe('purchases at or after this time'),
  to: isoDateTime.optional().describe('purchases before this time'),
  kind: purchaseKindSchema.optional(),
});
export type ListPurchasesQuery = z.infer<typeof listPurchasesQuery>;

export const importFormatSchema = z.enum(['csv', 'json']);
export type ImportFormat = z.infer<typeof importFormatSchema>;

export const importQuery = z.object({
  format: importFormatSchema.optional().describe('default: from the content type (text/csv or JSON/NDJSON)'),
  skipInvalid: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe(
      'import the good rows and report the bad ones; without it a file with a bad row imports nothing',
    ),
});

export const rejectedRowSchema = z.object({ line: z.number().int(), field: z.string(), reason: z.string() });
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

export const importReportSchema = z.object({
  entity: z.enum(['purchases', 'customers', 'contracts']),
  format: importFormatSchema,
  skipInvalid: z.boolean(),
  imported: z.boolean().describe('false when rows were rejected without skipInvalid: nothing was written'),
  rowsRead: z.number().int(),
  created: z.number().int(),
  alreadyPresent: z.number().int().describe('rows whose external id exists already (left unchanged)'),
  rejected: z.number().int().describe('rows rejected; every one is counted'),
  rejectedRows: z.array(rejectedRowSchema).describe('the first rejected rows, one entry per bad field'),
  rejectedRowsTruncated: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;
