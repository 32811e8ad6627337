// API contract of case metrics: response times, SLA compliance, reopen rate, escalations, goodwill.
import { z } from 'zod';
import { fromBeforeTo, isoDateTime } from '../platform/http/field-schemas.js';

export const caseMetricsQuery = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    groupBy: z.enum(['team', 'agent', 'touchpoint', 'period']).optional().describe('omitted: totals only'),
    period: z
      .enum(['week', 'month'])
      .default('month')
      .describe('with groupBy=period: ISO weeks or calendar months in the company time zone'),
  })
  .superRefine(fromBeforeTo);
export type CaseMetricsQuery = z.input<typeof caseMetricsQuery>;

const durationSchema = z.object({
  count: z.number().int().describe('cases the duration is known for'),
  medianBusinessMinutes: z.number().nullable(),
  p90BusinessMinutes: z.number().nullable(),
});

const slaSchema = z.object({
  met: z.number().int(),
  breached: z.number().int(),
  compliance: z
    .number()
    .nullable()
    .describe('met ÷ (met + breached), 0–1; null when no clock has stopped or broken yet'),
});

export const caseMetricsGroupSchema = z.object({
  key: z
    .string()
    .nullable()
    .describe('team id, user id, touchpoint code or period start; null = none assigned'),
  label: z.string(),
  cases: z.number().int(),
  acknowledgement: durationSchema.describe(
    'received → recorded in the system (the acknowledgement is enqueued then)',
  ),
  firstResponse: durationSchema.describe('received → first public staff reply'),
  resolution: durationSchema.describe('received → (latest) resolution'),
  slaFirstResponse: slaSchema,
  slaResolution: slaSchema,
  resolvedCases: z.number().int().describe('cases resolved at least once'),
  reopenedCases: z.number().int(),
  reopenRate: z.number().nullable().describe('reopened ÷ resolved at least once, 0–1'),
  escalations: z.number().int().describe('escalation steps taken'),
  escalatedCases: z.number().int(),
  goodwillGranted: z.array(z.object({ currency: z.string(), amountMinor: z.number().int() })),
  byRootCause: z.record(z.string(), z.number().int()),
});
export type CaseMetricsGroup = z.infer<typeof caseMetricsGroupSchema>;

export const caseMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['team', 'agent', 'touchpoint', 'period']).nullable(),
  perPersonHidden: z
    .boolean()
    .describe(
      'true when groupBy=agent was asked but per-person figures are off (setting metrics.perPersonVisible); grouped by team instead',
    ),
  timeBasis: z
    .literal('business_minutes')
    .describe('durations count only business time of the case calendar'),
  total: caseMetricsGroupSchema,
  groups: z.array(caseMetricsGroupSchema),
});
export type CaseMetrics = z.infer<typeof caseMetricsSchema>;

export const metricsSettingsSchema = z.object({
  perPersonVisible: z
    .boolean()
    .describe('show figures per agent (needs the works council’s agreement in Germany)'),
});
