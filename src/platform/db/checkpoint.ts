// After a GDPR erasure the old versions of the erased rows must not linger in SQLite's write-ahead
// log: a checkpoint that truncates the log moves every committed page into the database file and
// empties the WAL. (PostgreSQL: nothing to do here; its WAL is recycled by the server and pg_dump
// backups are logical, so a dump taken after the erasure holds only what the tables hold.)
import { sql } from 'kysely';
import type { Ctx } from '../context.js';

/**
 * SQLite: checkpoints the WAL into the database file and truncates it to zero bytes. Answers false
 * when a reader (a running backup, say) kept part of the log; the next checkpoint finishes it.
 */
export async function checkpointWal(ctx: Pick<Ctx, 'db' | 'dialect'>): Promise<boolean> {
  if (ctx.dialect !== 'sqlite') return true;
  const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db);
  return Number(result.rows[0]?.busy ?? 0) === 0;
}
