// Churn explicit signals: per score, the explicit signals seen at scoring time (cancellation notice,
// open complaint cases, bad survey ratings) as JSON text; null when the customer had none.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('churn_scores').addColumn('signals', 'text').execute();
}
