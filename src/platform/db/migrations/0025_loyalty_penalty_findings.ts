// Loyalty penalties found by the daily scan: one row per contract and price pair (customer's price,
// new-customer price), so each overpayment is announced once (loyalty_penalty.found) and again only
// when one of the two prices changes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_loyalty_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('new_customer_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('overpayment_per_year_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_loyalty_findings_prices')
    .on('retention_loyalty_findings')
    .columns(['contract_id', 'price_minor', 'new_customer_price_minor'])
    .unique()
    .execute();
  await db.schema
    .createIndex('retention_loyalty_findings_customer')
    .on('retention_loyalty_findings')
    .column('customer_id')
    .execute();
}
