// The public complaint form and the customer's status page: whether a case filed through the form
// is confirmed by the owner of its e-mail address (cases.verification), the status links (only the
// hash of each token is stored, with an expiry) and the form tokens already used (single use).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // null = not filed through the public form; 'unverified' until the address owner confirms; 'verified'.
  await db.schema.alterTable('cases').addColumn('verification', 'text').execute();
  await db.schema.alterTable('cases').addColumn('verified_at', 'text').execute();
  await db.schema
    .createTable('case_status_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('nonce_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_status_tokens_case').on('case_status_tokens').column('case_id').execute();
  await db.schema
    .createIndex('case_status_tokens_customer')
    .on('case_status_tokens')
    .column('customer_id')
    .execute();
  await db.schema
    .createTable('case_form_token_uses')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_form_token_uses_used_at')
    .on('case_form_token_uses')
    .column('used_at')
    .execute();
}
