// The touchpoint catalogue (sale, delivery, service visit, ...) and the interactions at each.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('touchpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('touchpoint_id', 'text', (c) => c.notNull().references('touchpoints.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interactions_customer_at')
    .on('interactions')
    .columns(['customer_id', 'at'])
    .execute();
  await db.schema
    .createIndex('interactions_touchpoint_at')
    .on('interactions')
    .columns(['touchpoint_id', 'at'])
    .execute();
  await db.schema.createIndex('interactions_at').on('interactions').columns(['at', 'id']).execute();
}
