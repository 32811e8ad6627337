// GDPR coverage of the churn domain: a customer's scores and alerts are exported; erasure deletes them
// (the runs keep only aggregates: counts, parameters, holdout errors).
import type { Ctx } from '../platform/context.js';
import type { PrivacyModule } from '../platform/privacy/privacy.registry.js';
import { toScore } from './churn.scores.js';

/** GDPR export: the customer's scores over all runs and the alerts raised for them. */
export async function exportChurnForCustomer(ctx: Ctx, customerId: string) {
  const scores = await ctx.db
    .selectFrom('churn_scores as s')
    .innerJoin('churn_runs as r', 'r.id', 's.run_id')
    .selectAll('s')
    .select(['r.at as run_at', 'r.model as run_model', 'r.currency as run_currency', 'r.unit as run_unit'])
    .where('s.customer_id', '=', customerId)
    .orderBy('r.at')
    .execute();
  const alerts = await ctx.db
    .selectFrom('churn_alerts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('at')
    .execute();
  return {
    scores: scores.map((r) =>
      toScore(r, { at: r.run_at, model: r.run_model, currency: r.run_currency, unit: r.run_unit }),
    ),
    alerts: alerts.map((a) => ({
      id: a.id,
      runId: a.run_id,
      at: a.at,
      valueAtRiskMinor: Number(a.value_at_risk_minor),
      reasons: JSON.parse(a.reasons),
      taskId: a.task_id,
    })),
  };
}

/** GDPR erasure: deletes the customer's scores and alerts; the runs' aggregates (counts, parameters) stay. */
export async function eraseChurnForCustomer(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db.deleteFrom('churn_scores').where('customer_id', '=', customerId).execute();
  await ctx.db.deleteFrom('churn_alerts').where('customer_id', '=', customerId).execute();
}

export const churnPrivacy: PrivacyModule = {
  domain: 'churn',
  tables: ['churn_scores', 'churn_alerts'],
  exportCustomer: exportChurnForCustomer,
  eraseCustomer: eraseChurnForCustomer,
};
