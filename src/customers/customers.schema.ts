// API contract of customers, consent records and tier rules.
import { z } from 'zod';
import { isoDateTime, pageQuery } from '../platform/http/field-schemas.js';

export const localeSchema = z.enum(['de', 'en']);
export const tierSchema = z.string().min(1).max(40);

export const consentChannelSchema = z.enum(['email', 'phone', 'post', 'sms']);
export const consentPurposeSchema = z.enum(['surveys', 'marketing', 'service']);
export const consentBasisSchema = z.enum(['opt_in', 'existing_customer', 'contract', 'objection']);

export const customerSchema = z.object({
  id: z.string(),
  number: z.string(),
  externalRef: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: localeSchema,
  customerSince: z.string(),
  tenureYears: z.number(),
  ownerId: z.string().trim().min(1).nullable(),
  tags: z.array(z.string()),
  tier: z.string(),
  tierPinned: z.boolean(),
  revenue12mMinor: z.number().int(),
  status: z.enum(['active', 'lost', 'erased', 'prospect']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

const customerFields = {
  externalRef: z.string().trim().min(1).max(200).nullable(),
  number: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(300),
  email: z.email().max(320).nullable(),
  phone: z.string().trim().max(50).nullable(),
  locale: localeSchema,
  customerSince: isoDateTime,
  ownerId: z.string().trim().min(1).nullable(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50),
  status: z.enum(['active', 'lost', 'prospect']),
};

export const createCustomerSchema = z.object({
  ...customerFields,
  externalRef: customerFields.externalRef.optional(),
  number: customerFields.number.optional(),
  email: customerFields.email.optional(),
  phone: customerFields.phone.optional(),
  locale: customerFields.locale.default('de'),
  customerSince: customerFields.customerSince.optional(),
  ownerId: customerFields.ownerId.optional(),
  tags: customerFields.tags.default([]),
  status: customerFields.status.default('active'),
});
export type CreateCustomer = z.input<typeof createCustomerSchema>;

export const updateCustomerSchema = z.object(customerFields).omit({ number: true }).partial();
export type UpdateCustomer = z.infer<typeof updateCustomerSchema>;

export const listCustomersQuery = z.object({
  ...pageQuery,
  q: z.string().trim().max(200).optional(),
  tier: z.string().optional(),
  ownerId: z.string().optional(),
  tag: z.string().optional(),
  locale: localeSchema.optional(),
  status: z.enum(['active', 'lost', 'erased', 'prospect']).optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export const pinTierSchema = z.object({
  tier: tierSchema.nullable().describe('null releases the pin; the tier is derived again'),
  reason: z.string().trim().min(1).max(500).optional(),
});

export const consentSchema = z.object({
  id: z.string(),
  channel: consentChannelSchema,
  purpose: consentPurposeSchema,
  basis: consentBasisSchema,
  status: z.enum(['given', 'withdrawn']),
  at: z.string(),
  source: z.string(),
  recordedBy: z.string().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const recordConsentSchema = z.object({
  channel: consentChannelSchema,
  purpose: consentPurposeSchema,
  basis: consentBasisSchema,
  status: z.enum(['given', 'withdrawn']),
  at: isoDateTime.optional(),
  source: z.string().trim().min(1).max(200),
});
export type RecordConsent = z.input<typeof recordConsentSchema>;

export const tierRulesSchema = z
  .array(
    z.object({
      tier: tierSchema,
      minTenureYears: z.number().min(0),
      minRevenue12mMinor: z.number().int().min(0),
    }),
  )
  .min(1)
  .refine(
    // Runs even when .min(1) failed, so an empty list must not be dereferenced.
    (rules) => {
      const last = rules.at(-1);
      return !last || (last.minTenureYears === 0 && last.minRevenue12mMinor === 0);
    },
    {
      message: 'the last rule must have zero thresholds so every customer gets a tier',
    },
  );
/** GET and PUT /settings/tiers. */
export const tierSettingsSchema = z.object({ rules: tierRulesSchema });
export type TierSettings = z.infer<typeof tierSettingsSchema>;

/** One entry of a customer's audit trail (GET /customers/:id/audit). */
export const customerAuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  entityType: z.string(),
  entityId: z.string(),
  customerId: z.string().nullable(),
  action: z.string(),
  label: z.string().describe("the action worded in the reader's language"),
  changes: z.record(z.string(), z.any()),
});
export type CustomerAuditEntry = z.infer<typeof customerAuditEntrySchema>;
