// API contract of the retention domain: lost customers and win-back, loyalty penalty, queue
// fairness, positive surprises, economics and the weekly digest.
import { z } from 'zod';
import { currency, fromBeforeTo, isoDateTime } from '../platform/http/field-schemas.js';

export const periodQuery = z
  .object({
    from: isoDateTime.optional().describe('default: 30 days before to'),
    to: isoDateTime.optional().describe('default: now'),
  })
  .superRefine(fromBeforeTo);
export type PeriodQuery = z.infer<typeof periodQuery>;

export const lostSourceSchema = z.enum(['cancellation', 'churn_model', 'manual']);
export type LostSource = z.infer<typeof lostSourceSchema>;
export const offerKindSchema = z.enum(['loyalty_price', 'service_voucher', 'voucher']);
export type OfferKind = z.infer<typeof offerKindSchema>;

export const confirmLostSchema = z.object({
  customerId: z.string().min(1).max(100),
  source: lostSourceSchema,
  reasonCode: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ only')
    .optional()
    .describe('an exit-interview reason code, when known at confirmation'),
  reason: z.string().trim().min(1).max(2000).optional().describe('free text'),
});
export type ConfirmLost = z.input<typeof confirmLostSchema>;

export const lostCustomerSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  source: lostSourceSchema,
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  confirmedAt: z.string(),
  confirmedBy: z.string().nullable(),
  valueMinor: z.number().int().describe('CLV at confirmation, or revenue of the trailing 12 months'),
  valueBasis: z.enum(['clv', 'revenue_12m']),
  currency: z.string(),
  offer: z.object({ kind: offerKindSchema, amountMinor: z.number().int().nullable(), text: z.string() }),
  winBackTaskId: z.string().nullable(),
  status: z.enum(['lost', 'won_back']),
  wonBackAt: z.string().nullable(),
});
export type LostCustomer = z.infer<typeof lostCustomerSchema>;

export const lostProposalSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  source: z.enum(['cancellation', 'churn_model']),
  proposedAt: z.string().nullable(),
  reason: z.string().nullable(),
  contractId: z.string().nullable(),
  pAlive: z.number().nullable(),
  valueAtRiskMinor: z.number().int().nullable(),
});

export const dismissProposalSchema = z.object({
  customerId: z.string().min(1).max(100),
  reason: z.string().trim().min(1).max(2000).describe('why the customer is not lost (kept in the audit log)'),
});
export type DismissProposal = z.infer<typeof dismissProposalSchema>;

export const lostReasonsSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  items: z.array(
    z.object({
      code: z.string().describe("exit-interview reason code; 'unknown' when none was given"),
      count: z.number().int(),
      share: z.number(),
      fromExitInterview: z.number().int(),
      fromConfirmation: z.number().int(),
    }),
  ),
  comments: z
    .array(z.object({ customerId: z.string(), at: z.string(), text: z.string() }))
    .describe('customer-written text: render as text'),
});
export type LostReasons = z.infer<typeof lostReasonsSchema>;

export const winBackSchema = z.object({
  from: z.string(),
  to: z.string(),
  lost: z.number().int().describe('customers confirmed lost in the period'),
  wonBack: z.number().int().describe('of those, bought again since (until now)'),
  winBackRate: z.number().nullable(),
  medianDaysToWinBack: z.number().nullable(),
  method: z.string(),
});
export type WinBack = z.infer<typeof winBackSchema>;

const contractPenaltySchema = z.object({
  contractId: z.string(),
  productId: z.string(),
  productCode: z.string(),
  billingPeriod: z.string(),
  priceMinor: z.number().int(),
  newCustomerPriceMinor: z.number().int().describe('per the contract billing period'),
  overpaymentPerYearMinor: z.number().int(),
  since: z.string().describe('contract start, or when the new-customer price fell below this price'),
});

export const loyaltyPenaltyItemSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  customerNumber: z.string(),
  tenureYears: z.number(),
  currency: z.string(),
  overpaymentPerYearMinor: z.number().int(),
  since: z.string(),
  contracts: z.array(contractPenaltySchema),
});
export type LoyaltyPenaltyItem = z.infer<typeof loyaltyPenaltyItemSchema>;

export const loyaltyPenaltySummarySchema = z.object({
  totalPerYearMinor: z.number().int(),
  currency: z.string(),
  customers: z.number().int(),
  contracts: z.number().int(),
  dismissedContracts: z.number().int(),
});

export const dismissSchema = z.object({ reason: z.string().trim().min(1).max(2000) });

export const loyaltyDecisionSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  customerId: z.string(),
  action: z.enum(['applied', 'dismissed']),
  reason: z.string().nullable(),
  priceMinor: z.number().int(),
  newCustomerPriceMinor: z.number().int(),
  currency: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
});
export type LoyaltyDecision = z.infer<typeof loyaltyDecisionSchema>;

const waitSchema = z.object({
  count: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});
export const fairnessGroupSchema = z.object({
  key: z.enum(['lt1', 'y1to3', 'y3to10', 'gt10', 'prospect']),
  kind: z.enum(['customer', 'prospect']),
  cases: z.number().int(),
  acknowledgement: waitSchema,
  firstResponse: waitSchema,
});
export const queueFairnessSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeBasis: z.literal('business_minutes'),
  groups: z.array(fairnessGroupSchema),
  customers: z.object({ cases: z.number().int(), acknowledgement: waitSchema, firstResponse: waitSchema }),
  prospects: z.object({ cases: z.number().int(), acknowledgement: waitSchema, firstResponse: waitSchema }),
  flags: z.array(
    z.object({
      stage: z.enum(['acknowledgement', 'firstResponse']),
      band: z.string(),
      comparedWith: z.string(),
      medianMinutes: z.number(),
      comparedMedianMinutes: z.number(),
      text: z.string(),
    }),
  ),
});
export type QueueFairness = z.infer<typeof queueFairnessSchema>;

export const createSurpriseSchema = z
  .object({
    customerId: z.string().min(1).max(100),
    what: z.string().trim().min(1).max(2000),
    costMinor: z.number().int().min(0).max(100_000_000).optional(),
    currency: currency.optional(),
  })
  .refine((v) => v.costMinor === undefined || v.currency !== undefined, {
    path: ['currency'],
    message: 'required with costMinor',
  });
export type CreateSurprise = z.input<typeof createSurpriseSchema>;

export const surpriseSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  userId: z.string().nullable(),
  teamId: z.string().nullable(),
  what: z.string(),
  costMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  at: z.string(),
});
export type Surprise = z.infer<typeof surpriseSchema>;

export const progressQuery = z.object({
  teamId: z.string().min(1).max(100).optional(),
  date: z.iso.date().optional().describe('local day in the company time zone, default today'),
});

export const progressSchema = z.object({
  date: z.string(),
  goal: z.number().int(),
  teams: z.array(
    z.object({
      teamId: z.string().nullable(),
      teamName: z.string(),
      count: z.number().int(),
      goal: z.number().int(),
      reached: z.boolean(),
    }),
  ),
  perPersonHidden: z.boolean().describe('true unless the setting metrics.perPersonVisible is on'),
  people: z
    .array(
      z.object({
        userId: z.string().nullable(),
        name: z.string(),
        teamId: z.string().nullable(),
        count: z.number().int(),
      }),
    )
    .nullable(),
});

export const effectQuery = z
  .object({
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    days: z.coerce
      .number()
      .int()
      .min(1)
      .max(730)
      .optional()
      .describe('repurchase window; default from settings'),
  })
  .superRefine(fromBeforeTo);

const groupEffectSchema = z.object({
  customers: z.number().int(),
  repurchased: z.number().int(),
  repurchaseRate: z.number().nullable(),
  csatMean: z.number().nullable(),
  csatAnswers: z.number().int(),
});
export const surpriseEffectSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  surprised: groupEffectSchema,
  comparison: groupEffectSchema.extend({
    standardisedRepurchaseRate: z
      .number()
      .nullable()
      .describe('weighted to the surprised group’s tier × tenure mix'),
  }),
  method: z.string(),
});

export const economicsSchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  valueLostToChurn: z.object({
    amountMinor: z.number().int(),
    customers: z.number().int(),
    clvBased: z.number().int(),
    revenueBased: z.number().int(),
  }),
  valueAtRisk: z.object({ amountMinor: z.number().int(), customers: z.number().int() }),
  goodwill: z.object({
    costMinor: z.number().int().describe('goodwill granted on cases received in the period'),
    retainedValueMinor: z
      .number()
      .int()
      .describe('value of complainants who bought again after their complaint was resolved'),
    retainedCustomers: z.number().int(),
  }),
  recovery: z.object({
    months: z.number().int(),
    complainants: z.object({
      n: z.number().int(),
      repurchased: z.number().int(),
      rate: z.number().nullable(),
    }),
    nonComplainants: z.object({
      n: z.number().int(),
      repurchased: z.number().int(),
      rate: z.number().nullable(),
    }),
    method: z.string(),
  }),
  wordOfMouth: z.object({
    unhappyCustomers: z.number().int(),
    peopleToldPerUnhappyCustomer: z.number(),
    estimatedReach: z.number(),
    isEstimate: z.literal(true),
    assumptions: z.array(z.string()),
  }),
});
export type Economics = z.infer<typeof economicsSchema>;

export const digestPreviewQuery = z.object({ locale: z.enum(['de', 'en']).default('de') });
export const digestPreviewSchema = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  week: z.string(),
  images: z.array(
    z.object({ cid: z.string(), filename: z.string(), contentType: z.string(), contentBase64: z.string() }),
  ),
});

/** POST /retention/win-back/check. */
export const winBackCheckSchema = z.object({ wonBack: z.number().int() });
/** POST /retention/digest/send. */
export const digestSendSchema = z.object({
  week: z.string(),
  sent: z.number().int(),
  alreadySent: z.number().int(),
});
