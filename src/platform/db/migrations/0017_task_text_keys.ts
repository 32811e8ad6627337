// Task texts the system writes are stored as a text key plus JSON parameters and worded in the
// reader's language when read (docs/decisions/texts-as-keys.md). `title` stays for staff-written
// titles and for rows written before this migration, which read as they were stored.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('title_key', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('title_params', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('description_key', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('description_params', 'text').execute();
}
