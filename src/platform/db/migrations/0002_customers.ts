// Customers and their consent records.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('external_ref', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('customer_since', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('tier_pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tier_pin_reason', 'text')
    .addColumn('revenue_12m_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('customers_email').on('customers').column('email').execute();
  await db.schema.createIndex('customers_name').on('customers').column('name').execute();
  await db.schema.createIndex('customers_owner').on('customers').column('owner_id').execute();
  await db.schema.createIndex('customers_tier').on('customers').column('tier').execute();

  await db.schema
    .createTable('customer_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema
    .createIndex('customer_consents_customer')
    .on('customer_consents')
    .columns(['customer_id', 'at'])
    .execute();
}
