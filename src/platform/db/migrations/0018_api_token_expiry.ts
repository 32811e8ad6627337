// API tokens expire: a term chosen at creation (90 days by default). Tokens issued before this
// migration keep working until revoked (expires_at null), so no integration breaks on upgrade.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
}
