// Retention economics: confirmed lost customers and win-back, lost-customer proposals, loyalty-penalty
// decisions, positive surprises, the tier snapshot for recognition, and sent weekly digests.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_lost_customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('reason_text', 'text')
    .addColumn('contract_id', 'text')
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('value_minor', 'bigint', (c) => c.notNull())
    .addColumn('value_basis', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('offer_kind', 'text', (c) => c.notNull())
    .addColumn('offer_minor', 'bigint')
    .addColumn('win_back_task_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('won_back_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_lost_customer')
    .on('retention_lost_customers')
    .columns(['customer_id', 'status'])
    .execute();
  await db.schema
    .createIndex('retention_lost_confirmed')
    .on('retention_lost_customers')
    .column('confirmed_at')
    .execute();

  await db.schema
    .createTable('retention_lost_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text')
    .addColumn('reason_text', 'text')
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('retention_proposals_status')
    .on('retention_lost_proposals')
    .columns(['status', 'customer_id'])
    .execute();

  await db.schema
    .createTable('retention_loyalty_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('new_customer_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_loyalty_contract')
    .on('retention_loyalty_decisions')
    .column('contract_id')
    .execute();

  await db.schema
    .createTable('retention_surprises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('user_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('cost_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retention_surprises_at').on('retention_surprises').column('at').execute();
  await db.schema
    .createIndex('retention_surprises_customer')
    .on('retention_surprises')
    .column('customer_id')
    .execute();

  await db.schema
    .createTable('retention_tier_snapshot')
    .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id'))
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('retention_digests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('mail_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_digests_week_user')
    .on('retention_digests')
    .columns(['week', 'user_id'])
    .unique()
    .execute();
}
