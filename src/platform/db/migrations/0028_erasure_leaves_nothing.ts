// Erasure that leaves nothing (issue 12): a per-installation secret for the keys that keep an erased
// customer's external reference recognisable (an HMAC instead of a bare SHA-256 that short ERP
// numbers could be guessed back from), the existing keys re-keyed with it, and on SQLite the full-text
// index set to remove a deleted text's words from its segments at once (FTS5 secure-delete).
//
// An old key is `erased:` + sha256("customer-external-ref\0" + ref) in hex; the new key is
// `erased:hmac:` + HMAC-SHA256(secret, that same hex digest). Both are computable from the stored
// digest, so the rows are re-keyed here without knowing a single reference, and an import that
// still carries the reference finds the erased customer again (customers.privacy.ts).
import { createHmac, randomBytes } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const SECRET_KEY = 'customers.externalRefSecret';

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('settings')
    .values({
      key: SECRET_KEY,
      value: JSON.stringify(randomBytes(32).toString('base64url')),
      updated_at: now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const { value } = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SECRET_KEY)
    .executeTakeFirstOrThrow();
  const secret = JSON.parse(value) as string;
  const old = await db
    .selectFrom('customers')
    .select(['id', 'external_ref'])
    .where('external_ref', 'like', 'erased:%')
    .where('external_ref', 'not like', 'erased:hmac:%')
    .execute();
  for (const r of old as Array<{ id: string; external_ref: string }>) {
    const digest = r.external_ref.slice('erased:'.length);
    const key = `erased:hmac:${createHmac('sha256', secret).update(digest).digest('hex')}`;
    await db.updateTable('customers').set({ external_ref: key }).where('id', '=', r.id).execute();
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`insert into case_search_fts (case_search_fts, rank) values ('secure-delete', 1)`.execute(db);
}
