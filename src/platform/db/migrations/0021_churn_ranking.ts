// The at-risk ranking (issue 17): each score keeps the value if the customer stays and the ranking
// value (value if stays × probability gone, raised by explicit signals); value_at_risk_minor now means
// value if stays × probability gone, so CLV + value at risk = value if stays. Existing rows, where the
// value at risk was the value if the customer stays, are carried over with that meaning.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('churn_scores')
    .addColumn('value_if_stays_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('churn_scores')
    .addColumn('rank_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update churn_scores set value_if_stays_minor = value_at_risk_minor, rank_minor = value_at_risk_minor`.execute(
    db,
  );
  // The at-risk list of a run is read in ranking order now; only at-risk rows are indexed.
  await db.schema.dropIndex('churn_scores_run_risk_value').execute();
  await db.schema
    .createIndex('churn_scores_run_risk_rank')
    .on('churn_scores')
    .columns(['run_id', 'rank_minor', 'customer_id'])
    .where(sql.raw<boolean>('at_risk = 1'))
    .execute();
}
