// Root-cause observations that are not complaint cases (a lost customer's exit reason): they feed the
// root-cause register beside the cases' own root causes. One per (source, source_ref).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('root_cause_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category_code', 'text', (c) => c.notNull().references('root_cause_categories.code'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('root_cause_observations_source')
    .on('root_cause_observations')
    .columns(['source', 'source_ref'])
    .unique()
    .execute();
  await db.schema
    .createIndex('root_cause_observations_time')
    .on('root_cause_observations')
    .columns(['observed_at', 'category_code'])
    .execute();
}
