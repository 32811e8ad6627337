// Jobs are fenced by a lock token per claim (complete/fail only by the current holder), and a job
// may name a singleton group: at most one job of a group runs at a time (a unique index over the
// running ones, so two instances racing for the same group cannot both win). Indexes for the daily
// housekeeping that prunes old jobs, sent mail bodies, idempotency keys and expired sessions.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('lock_token', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('singleton_key', 'text').execute();
  await sql`create unique index jobs_singleton_running on jobs (singleton_key)
    where status = 'running' and singleton_key is not null`.execute(db);
  await db.schema.createIndex('jobs_finished').on('jobs').columns(['status', 'finished_at']).execute();
  await db.schema
    .createIndex('outbox_mails_sent')
    .on('outbox_mails')
    .columns(['status', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
}
