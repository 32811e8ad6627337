// API contract of the churn early warning: settings, scoring runs, scores, the at-risk list, diagnostics.
import { z } from 'zod';
import { isoDateTime, pageQuery } from '../platform/http/field-schemas.js';

export const timeUnitSchema = z
  .enum(['day', 'week', 'month'])
  .describe('day = 1, week = 7, month = 30.4375 days');
export type TimeUnit = z.infer<typeof timeUnitSchema>;
export const candidateModelSchema = z.enum(['bgnbd', 'mbgnbd', 'pnbd']);
export type CandidateModel = z.infer<typeof candidateModelSchema>;

export const caseSeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);

export const alertSettingsSchema = z.object({
  pAliveBelow: z
    .number()
    .min(0)
    .max(1)
    .describe(
      'a repeat customer is at risk when P(alive) falls below this (probability gone above 1 − this); a run with a holdout chooses its own when thresholdFromHoldout',
    ),
  thresholdFromHoldout: z
    .boolean()
    .default(true)
    .describe(
      'choose pAliveBelow on the run’s holdout (the one whose flagged customers most surely stopped buying)',
    ),
  dropAtLeast: z
    .number()
    .min(0)
    .max(1)
    .describe('named as a reason when P(alive) fell by at least this since the last run'),
  overdueRatioAbove: z
    .number()
    .positive()
    .describe(
      'at risk when days since the last purchase ÷ the customer’s own usual gap exceeds this (against the population’s gap only named as a reason)',
    ),
  minClvMinor: z
    .number()
    .int()
    .min(0)
    .describe('only customers whose value if they stay is at least this (minor units)'),
  cancellationNotice: z
    .boolean()
    .default(true)
    .describe('at risk when a cancellation notice on a still running contract is in'),
  openCasesAtLeast: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(1)
    .describe('at risk with at least this many open complaint cases (0: off)'),
  openCaseMinSeverity: caseSeveritySchema
    .default('medium')
    .describe('only open cases of this severity or graver count'),
  badRatingDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(90)
    .describe('at risk after a bad survey rating within this many days (0: off)'),
  npsAtMost: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(6)
    .describe('an NPS answer up to this is bad (6: a detractor)'),
  csatAtMost: z.number().int().min(1).max(5).default(2).describe('a CSAT answer (1–5) up to this is bad'),
  cesAtMost: z
    .number()
    .int()
    .min(1)
    .max(7)
    .default(2)
    .describe('a CES answer (1–7, 7 = easy) up to this is bad'),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const scoringSettingsSchema = z.object({
  unit: timeUnitSchema,
  holdoutWeeks: z.number().int().min(0).max(520).describe('0: no holdout, the model is chosen by likelihood'),
  horizonDays: z.number().int().min(1).max(3650).describe('horizon of expected purchases and CLV, in days'),
  annualDiscountRate: z.number().min(0).max(1).describe('CLV discount rate per year, e.g. 0.1'),
  models: z.array(candidateModelSchema).min(1).max(3),
  capacityPerWeek: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(50)
    .describe(
      'retention calls the team can make in a week: each run tops the open retention tasks up to this, highest value at risk first; the other flagged customers are the watch list',
    ),
  taskDueDays: z.number().int().min(1).max(90),
});
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

export const churnSettingsSchema = z.object({ alerts: alertSettingsSchema, scoring: scoringSettingsSchema });
export type ChurnSettings = z.infer<typeof churnSettingsSchema>;

export const runRequestSchema = z.object({
  calibrationEnd: isoDateTime.optional().describe('default now; its UTC day is the last day included'),
  unit: timeUnitSchema.optional(),
  holdoutWeeks: z.number().int().min(0).max(520).optional(),
  models: z.array(candidateModelSchema).min(1).max(3).optional(),
  horizon: z
    .number()
    .positive()
    .max(10_000)
    .optional()
    .describe('in the run unit; default horizonDays of the settings'),
});
export type RunRequest = z.infer<typeof runRequestSchema>;

const numberRecord = z.record(z.string(), z.number().nullable());

export const holdoutErrorSchema = z.object({
  model: candidateModelSchema,
  converged: z.boolean(),
  logLikelihood: z.number().nullable(),
  params: numberRecord,
  meanAbsoluteError: z
    .number()
    .nullable()
    .describe('per customer: |predicted − actual| holdout purchases, averaged'),
  predictedTotal: z.number().nullable(),
  actualTotal: z.number(),
  aggregateError: z.number().nullable().describe('(predicted − actual) ÷ actual over all customers'),
});
export type HoldoutError = z.infer<typeof holdoutErrorSchema>;

export const phaseSchema = z.object({
  name: z.string(),
  seconds: z.number().describe('wall-clock'),
  cpuSeconds: z.number().optional().describe('CPU time of the process (SQLite runs in it)'),
  detail: z.string().optional(),
});
export type Phase = z.infer<typeof phaseSchema>;

export const runSchema = z.object({
  id: z.string(),
  at: z.string(),
  model: candidateModelSchema,
  selection: z.enum(['holdout', 'likelihood']),
  params: numberRecord,
  standardErrors: numberRecord,
  logLikelihood: z.number().nullable(),
  converged: z.boolean(),
  holdoutErrors: z.array(holdoutErrorSchema),
  spendModel: z
    .object({
      params: numberRecord,
      standardErrors: numberRecord,
      customers: z.number().int(),
      converged: z.boolean(),
    })
    .nullable(),
  unit: timeUnitSchema,
  unitDays: z.number(),
  calibrationEnd: z.string().describe('last day included (UTC)'),
  holdoutWeeks: z.number().int(),
  horizon: z.number().describe('in the run unit'),
  annualDiscountRate: z.number(),
  currency: z.string(),
  thresholds: alertSettingsSchema,
  customers: z.number().int(),
  groups: z.number().int().describe('distinct (x, t_x, T) patterns the likelihood is summed over'),
  evaluations: z.number().int().describe('likelihood evaluations of all fits in the run'),
  atRisk: z.number().int(),
  alerts: z.number().int().describe('alerts raised (each created a retention task)'),
  phases: z.array(phaseSchema),
  message: z.string().nullable(),
});
export type ChurnRun = z.infer<typeof runSchema>;

export const listRunsQuery = z.object({ ...pageQuery });

export const scoreSchema = z.object({
  runId: z.string(),
  at: z.string(),
  model: z.string(),
  pAlive: z.number(),
  previousPAlive: z.number().nullable(),
  expectedPurchases: z.number(),
  clvMinor: z.number().int().nullable().describe('value if the customer stays × P(alive)'),
  valueAtRiskMinor: z
    .number()
    .int()
    .describe('value if the customer stays × probability gone (1 − P(alive))'),
  valueIfStaysMinor: z.number().int().describe('CLV + value at risk'),
  valueBasis: z.enum(['clv', 'revenue']),
  currency: z.string(),
  x: z.number().int(),
  tx: z.number(),
  T: z.number(),
  unit: timeUnitSchema,
  daysSinceLast: z.number(),
  usualGapDays: z.number().nullable(),
  gapBasis: z.enum(['own', 'population']).nullable(),
  overdueRatio: z.number().nullable(),
  atRisk: z.boolean(),
});
export type Score = z.infer<typeof scoreSchema>;

export const reasonSchema = z.object({
  code: z.enum([
    'p_alive_low',
    'p_alive_drop',
    'overdue',
    'cancellation_notice',
    'open_cases',
    'bad_rating',
    'value',
  ]),
  text: z.string(),
});
export type Reason = z.infer<typeof reasonSchema>;

export const atRiskItemSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  customerNumber: z.string(),
  ownerId: z.string().nullable(),
  tier: z.string(),
  pAlive: z.number(),
  previousPAlive: z.number().nullable(),
  overdueRatio: z.number().nullable(),
  repeatPurchases: z.number().int().describe('purchase days after the first, up to the run’s end'),
  valueAtRiskMinor: z
    .number()
    .int()
    .describe('value if the customer stays × probability that they are gone (1 − P(alive))'),
  clvMinor: z.number().int().nullable().describe('value if the customer stays × P(alive)'),
  valueIfStaysMinor: z.number().int().describe('CLV + value at risk'),
  rankMinor: z
    .number()
    .int()
    .describe(
      'the ranking value: value if stays × probability gone, that probability raised by an explicit signal (notice: 1; complaint or bad rating: at least the threshold)',
    ),
  valueBasis: z.enum(['clv', 'revenue']),
  currency: z.string(),
  list: z
    .enum(['call', 'watch'])
    .describe('call: a retention task is open (within the capacity); watch: flagged, no task'),
  reasons: z.array(reasonSchema),
  taskId: z.string().nullable().describe('the customer’s open retention task'),
  runId: z.string(),
});
export type AtRiskItem = z.infer<typeof atRiskItemSchema>;

export const atRiskQuery = z.object({
  ...pageQuery,
  ownerId: z.string().optional(),
  list: z
    .enum(['call', 'watch'])
    .optional()
    .describe('only the customers with an open retention task (call) or without (watch)'),
});
export type AtRiskQuery = z.infer<typeof atRiskQuery>;

export const diagnosticsQuery = z.object({ runId: z.string().optional() });

const listShareSchema = z.object({
  customers: z.number().int(),
  noPurchaseShare: z.number().nullable().describe('share who bought nothing in the holdout period'),
  lift: z.number().nullable().describe('noPurchaseShare ÷ the same share among all repeat customers'),
});

export const listCheckSchema = z.object({
  available: z.boolean().describe('false when the run held no holdout period back'),
  calibrationEnd: z.string().nullable(),
  holdoutEnd: z.string().nullable(),
  pAliveBelow: z.number().describe('the threshold the run flagged with'),
  thresholdChosenOn: z.enum(['holdout', 'settings']),
  capacity: z.number().int().describe('the top of the list judged (the capacity per week)'),
  repeatCustomers: listShareSchema.describe('every customer with a repeat purchase before the holdout'),
  flagged: listShareSchema.describe('the repeat customers flagged at the threshold'),
  top: listShareSchema.describe('the first `capacity` flagged customers in ranking order'),
  candidates: z.array(
    z.object({
      pAliveBelow: z.number(),
      customers: z.number().int(),
      noPurchaseShare: z.number().nullable(),
      lowerBound: z.number().nullable().describe('95 % Wilson lower bound of noPurchaseShare'),
    }),
  ),
});
export type ListCheck = z.infer<typeof listCheckSchema>;

export const diagnosticsSchema = z.object({
  runId: z.string(),
  model: candidateModelSchema,
  unit: timeUnitSchema,
  available: z.boolean().describe('false when the run had no holdout period'),
  calibrationEnd: z.string().nullable().describe('end of the calibration period of the holdout check'),
  holdoutEnd: z.string().nullable(),
  byFrequency: z.array(
    z.object({
      x: z.string().describe('repeat purchases in calibration: 0 … 6, 7+'),
      customers: z.number().int(),
      actualMean: z.number().nullable(),
      predictedMean: z.number().nullable(),
    }),
  ),
  tracking: z.array(
    z.object({
      period: z.number().int(),
      end: z.string(),
      actual: z.number(),
      expected: z.number(),
      cumulativeActual: z.number(),
      cumulativeExpected: z.number(),
    }),
  ),
  holdoutErrors: z.array(holdoutErrorSchema),
  listCheck: listCheckSchema.nullable().describe('how well the at-risk list picked leavers on the holdout'),
  parameters: z.object({
    model: candidateModelSchema,
    params: numberRecord,
    standardErrors: numberRecord,
    logLikelihood: z.number().nullable(),
    spend: numberRecord.nullable(),
  }),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;
