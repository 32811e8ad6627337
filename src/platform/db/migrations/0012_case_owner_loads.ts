// Case owner loads: the number of queued cases per owner, kept by the case service on every change
// of a case's owner or queue state, so that assigning the least-loaded owner reads one row per
// candidate instead of counting every open case (backfilled here from the cases table).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_owner_loads')
    .addColumn('owner_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('open_cases', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into case_owner_loads (owner_id, open_cases)
    select owner_id, count(*) from cases where in_queue = 1 and owner_id is not null group by owner_id`.execute(
    db,
  );
}
