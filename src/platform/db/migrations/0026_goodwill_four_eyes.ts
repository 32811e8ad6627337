// Goodwill with four eyes: every staff user may carry an own approval limit (null = the role's
// default from the case settings), and a pending gesture records who must decide it now and who
// already endorsed it below their own limit on its way up the hierarchy.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('approval_limit_minor', 'bigint').execute();
  await db.schema.alterTable('case_goodwill').addColumn('approver_id', 'text').execute();
  /** JSON array of { userId, at, note } (approvals below the approver's own limit, sent further up). */
  await db.schema.alterTable('case_goodwill').addColumn('endorsements', 'text').execute();
}
