// Leaner case intake: the search texts' case_id index serves no query (texts are found through the
// full-text index and deleted by source or customer), so every intake stops paying for it; on SQLite
// the FTS5 index merges its segments less eagerly (automerge 8 instead of 4), which the many
// one-case transactions of intake otherwise pay for at every commit.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_search_docs_case').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`insert into case_search_fts (case_search_fts, rank) values ('automerge', 8)`.execute(db);
}
