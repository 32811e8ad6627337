// Surveys: definitions (CSAT/NPS/CES/exit), invitations (sent or skipped, with reason), the
// hashed tokens of their links, and the answers.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('touchpoint_code', 'text')
    .addColumn('question_de', 'text', (c) => c.notNull())
    .addColumn('question_en', 'text', (c) => c.notNull())
    .addColumn('comment_de', 'text')
    .addColumn('comment_en', 'text')
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('delay_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('precedence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition_id', 'text', (c) => c.notNull().references('survey_definitions.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('trigger_ref', 'text')
    .addColumn('touchpoint_code', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('skip_reason', 'text')
    .addColumn('consent_basis', 'text')
    .addColumn('nonce_secret', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('reminder_sent_at', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema
    .createIndex('survey_invitations_customer_sent')
    .on('survey_invitations')
    .columns(['customer_id', 'sent_at'])
    .execute();
  await db.schema.createIndex('survey_invitations_sent').on('survey_invitations').column('sent_at').execute();
  await db.schema
    .createIndex('survey_invitations_definition')
    .on('survey_invitations')
    .columns(['definition_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('survey_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('survey_invitations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_tokens_invitation')
    .on('survey_tokens')
    .column('invitation_id')
    .execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invitation_id', 'text', (c) => c.notNull().unique().references('survey_invitations.id'))
    .addColumn('definition_id', 'text', (c) => c.notNull().references('survey_definitions.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('reason_code', 'text')
    .addColumn('comment', 'text')
    .addColumn('praise', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('touchpoint_code', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('comment_erased_at', 'text')
    .execute();
  await db.schema.createIndex('survey_answers_answered').on('survey_answers').column('answered_at').execute();
  await db.schema.createIndex('survey_answers_customer').on('survey_answers').column('customer_id').execute();
  await db.schema
    .createIndex('survey_answers_praise')
    .on('survey_answers')
    .columns(['praise', 'team_id', 'answered_at'])
    .execute();
}
