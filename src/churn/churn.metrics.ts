// Churn metrics for the dashboard: per completed scoring run in a period, the customers scored, those
// at risk and the value at risk summed over them (the churn domain's own tables, read-only).
import { sql } from 'kysely';
import { z } from 'zod';
import { fromBeforeTo, isoDateTime } from '../platform/http/field-schemas.js';
import type { Ctx } from '../platform/context.js';
import { invalid } from '../platform/errors.js';

export const churnRunMetricsQuery = z
  .object({ from: isoDateTime, to: isoDateTime })
  .superRefine(fromBeforeTo);

export const churnRunMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      runId: z.string(),
      at: z.string(),
      model: z.string(),
      customers: z.number().int().describe('customers scored'),
      atRisk: z.number().int().describe('customers flagged at risk'),
      valueAtRiskMinor: z.number().int().describe('sum of the value at risk of the customers at risk'),
      currency: z.string(),
    }),
  ),
});
export type ChurnRunMetrics = z.infer<typeof churnRunMetricsSchema>;

/** Completed runs with `at` in [from, to), oldest first, with their at-risk count and value at risk. */
export async function churnRunMetrics(
  ctx: Ctx,
  query: { from: string; to: string },
): Promise<ChurnRunMetrics> {
  const from = new Date(query.from).toISOString();
  const to = new Date(query.to).toISOString();
  if (!(from < to)) throw invalid('to', 'must be after from');
  const runs = await ctx.db
    .selectFrom('churn_runs')
    .select(['id', 'at', 'model', 'n_customers', 'n_at_risk', 'currency'])
    .where('status', '=', 'done')
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const sums =
    runs.length === 0
      ? []
      : await ctx.db
          .selectFrom('churn_scores')
          .select(['run_id', sql<number | string>`sum(value_at_risk_minor)`.as('v')])
          .where('at_risk', '=', 1)
          .where(
            'run_id',
            'in',
            runs.map((r) => r.id),
          )
          .groupBy('run_id')
          .execute();
  const valueByRun = new Map(sums.map((s) => [s.run_id, Number(s.v)]));
  return {
    from,
    to,
    items: runs.map((r) => ({
      runId: r.id,
      at: r.at,
      model: r.model ?? '',
      customers: Number(r.n_customers),
      atRisk: Number(r.n_at_risk),
      valueAtRiskMinor: valueByRun.get(r.id) ?? 0,
      currency: r.currency,
    })),
  };
}
