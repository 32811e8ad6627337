// Who sends a task's overdue notice: the tasks domain's generic mail ('tasks'), or the domain that
// created the task, worded for its own matter ('creator'; e.g. the case escalation call-back).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('overdue_notice', 'text', (c) => c.notNull().defaultTo('tasks'))
    .execute();
  // Call-back tasks of cases created before this column got their notice from the cases domain.
  await db
    .updateTable('tasks')
    .set({ overdue_notice: 'creator' })
    .where('source', '=', 'case_callback')
    .where('case_id', 'is not', null)
    .execute();
}
