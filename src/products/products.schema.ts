// API contract of products (with the new-customer price and its history) and of contracts.
import { z } from 'zod';
import { currency, isoDateTime, pageQuery } from '../platform/http/field-schemas.js';
import { minorUnits } from '../purchases/purchases.schema.js';

export const productKinds = ['product', 'service', 'parts', 'subscription', 'other'] as const;
export const productKindSchema = z.enum(productKinds);
export const billingPeriods = ['month', 'year', 'once'] as const;
export const billingPeriodSchema = z.enum(billingPeriods);
export type BillingPeriod = z.infer<typeof billingPeriodSchema>;

const nameText = z.string().trim().min(1).max(300);

export const productSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.object({ de: z.string(), en: z.string() }),
  kind: productKindSchema,
  currency: z.string(),
  newCustomerPriceMinor: z.number().int().describe('what a new customer pays now, per billingPeriod'),
  billingPeriod: billingPeriodSchema,
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

export const createProductSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, . _ - (at most 100)'),
  name: z.object({ de: nameText, en: nameText }),
  kind: productKindSchema,
  currency: currency,
  newCustomerPriceMinor: minorUnits,
  billingPeriod: billingPeriodSchema,
  active: z.boolean().default(true),
});
export type CreateProduct = z.input<typeof createProductSchema>;

export const updateProductSchema = z.object({
  name: z.object({ de: nameText, en: nameText }).partial().optional(),
  kind: productKindSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateProduct = z.infer<typeof updateProductSchema>;

export const setNewCustomerPriceSchema = z.object({
  priceMinor: minorUnits,
  billingPeriod: billingPeriodSchema.optional().describe('default: the current billing period'),
});
export type SetNewCustomerPrice = z.infer<typeof setNewCustomerPriceSchema>;

export const productPriceSchema = z.object({
  priceMinor: z.number().int(),
  currency: z.string(),
  billingPeriod: billingPeriodSchema,
  validFrom: z.string(),
  setBy: z.string().nullable(),
});
export type ProductPrice = z.infer<typeof productPriceSchema>;

export const listProductsQuery = z.object({
  ...pageQuery,
  active: z.enum(['true', 'false']).optional(),
  kind: productKindSchema.optional(),
});
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

export const contractStatusSchema = z.enum(['active', 'cancelled', 'ended']);
export type ContractStatus = z.infer<typeof contractStatusSchema>;

export const contractSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  customerId: z.string(),
  productId: z.string(),
  productCode: z.string(),
  priceMinor: z.number().int().describe('what this customer pays per billingPeriod'),
  currency: z.string(),
  billingPeriod: billingPeriodSchema,
  startedAt: z.string(),
  renewsAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  endsAt: z.string().nullable().describe('when a cancelled contract stops running'),
  status: contractStatusSchema.describe('active; cancelled (notice given, still running); ended'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof contractSchema>;

export const createContractSchema = z
  .object({
    externalId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('the source system id; a repeat answers the existing contract'),
    customerId: z.string().min(1),
    productId: z.string().min(1).optional(),
    productCode: z.string().trim().min(1).max(100).optional(),
    priceMinor: minorUnits,
    currency: currency,
    billingPeriod: billingPeriodSchema,
    startedAt: isoDateTime,
    renewsAt: isoDateTime.nullable().optional(),
  })
  .refine((c) => c.productId || c.productCode, {
    message: 'productId or productCode is required',
    path: ['productId'],
  });
export type CreateContract = z.input<typeof createContractSchema>;

export const updateContractSchema = z.object({
  priceMinor: minorUnits.optional(),
  billingPeriod: billingPeriodSchema.optional(),
  startedAt: isoDateTime.optional(),
  renewsAt: isoDateTime.nullable().optional(),
});
export type UpdateContract = z.infer<typeof updateContractSchema>;

export const cancelContractSchema = z.object({
  reason: z.string().trim().min(1).max(1000),
  at: isoDateTime.optional().describe('when the customer cancelled; default now'),
  endsAt: isoDateTime
    .optional()
    .describe('default: the renewal date if later than the cancellation, else the cancellation'),
});
export type CancelContract = z.infer<typeof cancelContractSchema>;

export const listContractsQuery = z.object({
  ...pageQuery,
  customerId: z.string().optional(),
  productId: z.string().optional(),
  status: contractStatusSchema.optional(),
});
export type ListContractsQuery = z.infer<typeof listContractsQuery>;
