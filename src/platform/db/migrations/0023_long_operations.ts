// Long operations answer with a handle. Scoring runs: the run row exists from the moment it is queued,
// and at most one run is 'running' (a unique index over running rows) under a lease — a token and a
// heartbeat; a run whose heartbeat stopped is taken over. Imports started with `Prefer: respond-async`:
// the import's record (state, progress, report) and its stored upload (chunks, deleted when done).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable('churn_runs').addColumn('lease_token', 'text').execute();
  await db.schema.alterTable('churn_runs').addColumn('heartbeat_at', 'text').execute();
  await db.schema.alterTable('churn_runs').addColumn('phase', 'text').execute();
  await db.schema
    .alterTable('churn_runs')
    .addColumn('n_scored', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('churn_runs').addColumn('job_key', 'text').execute();
  await db.schema.alterTable('churn_runs').addColumn('started_at', 'text').execute();
  await db.schema.alterTable('churn_runs').addColumn('finished_at', 'text').execute();
  await db.schema.alterTable('churn_runs').addColumn('error_code', 'text').execute();
  // Runs left 'running' by a crash before this migration: what the next run used to do to them.
  await sql`delete from churn_scores where run_id in (select id from churn_runs where status = 'running')`.execute(
    db,
  );
  await sql`update churn_runs set status = 'failed', message = 'interrupted' where status = 'running'`.execute(
    db,
  );
  await sql`create unique index churn_runs_one_running on churn_runs (status) where status = 'running'`.execute(
    db,
  );

  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('skip_invalid', 'integer', (c) => c.notNull())
    /** 'queued' | 'running' | 'done' | 'failed' */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('rows_processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_bytes', 'bigint', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('import_runs_finished')
    .on('import_runs')
    .columns(['status', 'finished_at'])
    .execute();
  await db.schema
    .createTable('import_uploads')
    .addColumn('import_id', 'text', (c) => c.notNull().references('import_runs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_uploads_pk', ['import_id', 'seq'])
    .execute();
}
