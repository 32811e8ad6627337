// Tasks: the to-do list every domain writes into (call-backs, commitments, retention, follow-ups).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('case_id', 'text')
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('due_at', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('outcome', 'text')
    .addColumn('overdue_notified_at', 'text')
    .execute();
  // At most one open task per dedupe key; done or cancelled tasks do not block a new one.
  await db.schema
    .createIndex('tasks_open_dedupe_key')
    .on('tasks')
    .column('dedupe_key')
    .unique()
    .where(sql.raw<boolean>(`status in ('open', 'in_progress') and dedupe_key is not null`))
    .execute();
  await db.schema
    .createIndex('tasks_assignee_status_due')
    .on('tasks')
    .columns(['assignee_id', 'status', 'due_at'])
    .execute();
  await db.schema.createIndex('tasks_status_due').on('tasks').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('tasks_customer').on('tasks').column('customer_id').execute();
  await db.schema.createIndex('tasks_case').on('tasks').column('case_id').execute();
}
