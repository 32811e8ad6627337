// Reading per-customer scores: a customer's history over the completed runs and the latest score of
// given customers (other domains import it through their ports).
import { getCustomer } from '../customers/customers.service.js';
import type { Ctx } from '../platform/context.js';
import { latestRunRow, type RunRow } from './churn.runs.js';
import type { Score } from './churn.schema.js';
import type { TimeUnit } from './churn.summary.js';
import type { ChurnTables } from './churn.tables.js';

type ScoreRow = ChurnTables['churn_scores'];

/** A stored score as the API shows it, with the fields it takes from its run. */
export function toScore(r: ScoreRow, run: Pick<RunRow, 'at' | 'model' | 'currency' | 'unit'>): Score {
  return {
    runId: r.run_id,
    at: run.at,
    model: run.model ?? '',
    pAlive: Number(r.p_alive),
    previousPAlive: r.prev_p_alive === null ? null : Number(r.prev_p_alive),
    expectedPurchases: Number(r.expected_purchases),
    clvMinor: r.clv_minor === null ? null : Number(r.clv_minor),
    valueAtRiskMinor: Number(r.value_at_risk_minor),
    valueIfStaysMinor: Number(r.value_if_stays_minor),
    valueBasis: r.value_basis as Score['valueBasis'],
    currency: run.currency,
    x: Number(r.x),
    tx: Number(r.t_x),
    T: Number(r.T),
    unit: run.unit as TimeUnit,
    daysSinceLast: Number(r.days_since_last),
    usualGapDays: r.usual_gap_days === null ? null : Number(r.usual_gap_days),
    gapBasis: r.gap_basis as Score['gapBasis'],
    overdueRatio: r.overdue_ratio === null ? null : Number(r.overdue_ratio),
    atRisk: r.at_risk === 1,
  };
}

/** A customer's scores over the completed runs, newest first (the P(alive) chart); 404 for an unknown customer. */
export async function getCustomerScoreHistory(ctx: Ctx, customerId: string, limit = 200): Promise<Score[]> {
  await getCustomer(ctx, customerId);
  const rows = await ctx.db
    .selectFrom('churn_scores as s')
    .innerJoin('churn_runs as r', 'r.id', 's.run_id')
    .selectAll('s')
    .select(['r.at as run_at', 'r.model as run_model', 'r.currency as run_currency', 'r.unit as run_unit'])
    .where('s.customer_id', '=', customerId)
    .where('r.status', '=', 'done')
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) =>
    toScore(r, { at: r.run_at, model: r.run_model, currency: r.run_currency, unit: r.run_unit }),
  );
}

/** The latest score of each given customer (from the latest completed run; absent when not scored). */
export async function latestScores(ctx: Ctx, customerIds: string[]): Promise<Map<string, Score>> {
  const out = new Map<string, Score>();
  const run = await latestRunRow(ctx);
  if (!run || customerIds.length === 0) return out;
  const unique = [...new Set(customerIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('churn_scores')
      .selectAll()
      .where('run_id', '=', run.id)
      .where('customer_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.customer_id, toScore(r, run));
  }
  return out;
}
