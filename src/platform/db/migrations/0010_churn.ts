// Churn early warning: scoring runs (model, parameters, holdout errors), per-customer scores kept as
// history, and the alerts that created retention tasks.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('churn_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('standard_errors', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('log_likelihood', 'double precision')
    .addColumn('converged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('selection', 'text')
    .addColumn('holdout_errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('spend_params', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_days', 'double precision', (c) => c.notNull())
    .addColumn('calibration_end', 'text', (c) => c.notNull())
    .addColumn('holdout_weeks', 'integer', (c) => c.notNull())
    .addColumn('horizon', 'double precision', (c) => c.notNull())
    .addColumn('annual_discount_rate', 'double precision', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('n_customers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_groups', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('evaluations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_at_risk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_alerts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('previous_run_id', 'text')
    .addColumn('diagnostics', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('phases', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('message', 'text')
    .addColumn('triggered_by', 'text')
    .execute();
  await db.schema.createIndex('churn_runs_status_at').on('churn_runs').columns(['status', 'at']).execute();

  // One row per customer and run; history is kept, the latest run's rows are the current scores.
  await db.schema
    .createTable('churn_scores')
    .addColumn('run_id', 'text', (c) => c.notNull().references('churn_runs.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('p_alive', 'double precision', (c) => c.notNull())
    .addColumn('prev_p_alive', 'double precision')
    .addColumn('expected_purchases', 'double precision', (c) => c.notNull())
    .addColumn('clv_minor', 'bigint')
    .addColumn('value_at_risk_minor', 'bigint', (c) => c.notNull())
    .addColumn('value_basis', 'text', (c) => c.notNull())
    .addColumn('x', 'integer', (c) => c.notNull())
    .addColumn('t_x', 'double precision', (c) => c.notNull())
    .addColumn('T', 'double precision', (c) => c.notNull())
    .addColumn('days_since_last', 'double precision', (c) => c.notNull())
    .addColumn('usual_gap_days', 'double precision')
    .addColumn('gap_basis', 'text')
    .addColumn('overdue_ratio', 'double precision')
    .addColumn('at_risk', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('churn_scores_pk', ['run_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('churn_scores_customer_run')
    .on('churn_scores')
    .columns(['customer_id', 'run_id'])
    .execute();
  // The at-risk list of a run, ranked by value at risk; only at-risk rows are indexed.
  await db.schema
    .createIndex('churn_scores_run_risk_value')
    .on('churn_scores')
    .columns(['run_id', 'value_at_risk_minor', 'customer_id'])
    .where(sql.raw<boolean>('at_risk = 1'))
    .execute();

  await db.schema
    .createTable('churn_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('churn_runs.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('value_at_risk_minor', 'bigint', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .execute();
  await db.schema
    .createIndex('churn_alerts_customer')
    .on('churn_alerts')
    .columns(['customer_id', 'at'])
    .execute();
  await db.schema.createIndex('churn_alerts_run').on('churn_alerts').column('run_id').execute();
}
