// Complaint cases: the case, its points, commitments, goodwill ledger, escalations, reference counter.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('touchpoint_code', 'text')
    .addColumn('subject', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('requested_remedy', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('in_queue', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_score', 'integer', (c) => c.notNull())
    .addColumn('priority_factors', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('anger_level', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('anger_band', 'text', (c) => c.notNull().defaultTo('calm'))
    .addColumn('anger_signals', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('leaving', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customer_tier', 'text', (c) => c.notNull())
    .addColumn('customer_since', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('team_id', 'text')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('first_response_due_at', 'text')
    .addColumn('resolution_due_at', 'text')
    .addColumn('queue_due_at', 'text', (c) => c.notNull())
    .addColumn('sla_warn_at', 'text')
    .addColumn('sla_fr_escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_res_escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_events', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('apology', 'text')
    .addColumn('root_cause_code', 'text')
    .addColumn('root_cause_analysis', 'text')
    .addColumn('preventive_action', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('trivial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('letter_sent_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The inbox: one index range scan in sort order (priority desc, time to breach asc, id), per filter.
  const inboxOrder = ['priority_score desc', 'queue_due_at', 'id'];
  await db.schema
    .createIndex('cases_inbox')
    .on('cases')
    .columns(['in_queue', ...inboxOrder])
    .execute();
  await db.schema
    .createIndex('cases_inbox_status')
    .on('cases')
    .columns(['status', ...inboxOrder])
    .execute();
  await db.schema
    .createIndex('cases_inbox_owner')
    .on('cases')
    .columns(['owner_id', 'in_queue', ...inboxOrder])
    .execute();
  await db.schema
    .createIndex('cases_inbox_team')
    .on('cases')
    .columns(['team_id', 'in_queue', ...inboxOrder])
    .execute();
  await db.schema.createIndex('cases_customer').on('cases').columns(['customer_id', 'received_at']).execute();
  await db.schema.createIndex('cases_sla_warn').on('cases').column('sla_warn_at').execute();
  await db.schema.createIndex('cases_root_cause').on('cases').column('root_cause_code').execute();

  await db.schema
    .createTable('case_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('split_from', 'text')
    .addColumn('merged_into', 'text')
    .addColumn('answer', 'text')
    .addColumn('outcome', 'text')
    .addColumn('root_cause_code', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_points_case')
    .on('case_points')
    .columns(['case_id', 'position'])
    .execute();
  await db.schema.createIndex('case_points_customer').on('case_points').column('customer_id').execute();

  await db.schema
    .createTable('case_commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fulfilled_at', 'text')
    .addColumn('fulfilled_by', 'text')
    .addColumn('note', 'text')
    .addColumn('reminder_sent_at', 'text')
    .addColumn('overdue_alert_sent_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_commitments_case').on('case_commitments').column('case_id').execute();
  await db.schema
    .createIndex('case_commitments_open_due')
    .on('case_commitments')
    .columns(['status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('case_commitments_customer')
    .on('case_commitments')
    .column('customer_id')
    .execute();

  await db.schema
    .createTable('case_goodwill')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('self_granted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('approval_task_id', 'text')
    .execute();
  await db.schema.createIndex('case_goodwill_case').on('case_goodwill').column('case_id').execute();
  await db.schema
    .createIndex('case_goodwill_requester')
    .on('case_goodwill')
    .columns(['requested_by', 'requested_at'])
    .execute();
  await db.schema.createIndex('case_goodwill_customer').on('case_goodwill').column('customer_id').execute();

  await db.schema
    .createTable('case_escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('from_user_id', 'text')
    .addColumn('to_user_id', 'text')
    .addColumn('task_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_escalations_case')
    .on('case_escalations')
    .columns(['case_id', 'at'])
    .execute();
  await db.schema
    .createIndex('case_escalations_customer')
    .on('case_escalations')
    .column('customer_id')
    .execute();

  await db.schema
    .createTable('case_reference_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute();
}
