// Purchases: what customers bought, when and for how much; idempotent by the source's external id.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('purchases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('purchased_at', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('description', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Per-customer history, 12-month revenue and the churn models' per-customer scan.
  await db.schema
    .createIndex('purchases_customer_time')
    .on('purchases')
    .columns(['customer_id', 'purchased_at'])
    .execute();
  // Time-range lists across all customers.
  await db.schema.createIndex('purchases_time').on('purchases').column('purchased_at').execute();
}
