// The case conversation (messages, attachments, full-text search texts) and the root-cause register.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('case_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mail_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema
    .createIndex('case_messages_case_at')
    .on('case_messages')
    .columns(['case_id', 'at', 'id'])
    .execute();
  await db.schema.createIndex('case_messages_customer').on('case_messages').column('customer_id').execute();

  await db.schema
    .createTable('case_message_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('case_messages.id'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', postgres ? 'bytea' : 'blob')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_message_attachments_message')
    .on('case_message_attachments')
    .column('message_id')
    .execute();
  await db.schema
    .createIndex('case_message_attachments_customer')
    .on('case_message_attachments')
    .column('customer_id')
    .execute();

  await createSearchSchema(db, postgres);

  await db.schema
    .createTable('root_cause_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('root_cause_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category_code', 'text', (c) => c.notNull().references('root_cause_categories.code'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('root_cause_actions_category')
    .on('root_cause_actions')
    .columns(['category_code', 'status'])
    .execute();
}

/**
 * The search texts of cases and their full-text index: an FTS5 table kept by triggers on SQLite, a
 * generated German + English tsvector with a GIN index on PostgreSQL. Frozen as it was at this
 * migration (it used to live in src/cases/case-search.ts); later changes are later migrations.
 */
async function createSearchSchema(db: Kysely<any>, postgres: boolean): Promise<void> {
  await db.schema
    .createTable('case_search_docs')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_search_docs_source')
    .on('case_search_docs')
    .columns(['source', 'source_id'])
    .unique()
    .execute();
  await db.schema.createIndex('case_search_docs_case').on('case_search_docs').column('case_id').execute();
  await db.schema
    .createIndex('case_search_docs_customer')
    .on('case_search_docs')
    .column('customer_id')
    .execute();

  if (postgres) {
    await sql`alter table case_search_docs add column tsv tsvector generated always as
      (to_tsvector('german', body) || to_tsvector('english', body)) stored`.execute(db);
    await sql`create index case_search_docs_tsv on case_search_docs using gin (tsv)`.execute(db);
    return;
  }
  await sql`create virtual table case_search_fts using fts5(
      body, content = 'case_search_docs', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create trigger case_search_docs_ai after insert on case_search_docs begin
      insert into case_search_fts (rowid, body) values (new.id, new.body);
    end`.execute(db);
  await sql`create trigger case_search_docs_ad after delete on case_search_docs begin
      insert into case_search_fts (case_search_fts, rowid, body) values ('delete', old.id, old.body);
    end`.execute(db);
  await sql`create trigger case_search_docs_au after update of body on case_search_docs begin
      insert into case_search_fts (case_search_fts, rowid, body) values ('delete', old.id, old.body);
      insert into case_search_fts (rowid, body) values (new.id, new.body);
    end`.execute(db);
}
