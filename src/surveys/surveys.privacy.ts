// GDPR coverage of the surveys domain: export of a customer's invitations and answers; erasure blanks
// comments and kills the links while scores, reasons and dates stay for the aggregates.
import { type Ctx, nowIso } from '../platform/context.js';
import type { PrivacyModule } from '../platform/privacy/privacy.registry.js';
import { definitionCodesById } from './survey-definitions.service.js';
import { toAnswer, toInvitation } from './survey-rows.js';

/** Everything the surveys domain holds about a customer: invitations and answers. */
export async function exportCustomerSurveys(ctx: Ctx, customerId: string) {
  const codes = await definitionCodesById(ctx);
  const invitations = await ctx.db
    .selectFrom('survey_invitations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .execute();
  const answers = await ctx.db
    .selectFrom('survey_answers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('answered_at')
    .execute();
  return {
    invitations: invitations.map((r) => toInvitation(r, codes.get(r.definition_id) ?? '?')),
    answers: answers.map((r) => toAnswer(r, codes.get(r.definition_id) ?? '?')),
  };
}

/** Erasure blanks comments and kills the links; scores, reasons and dates stay for aggregates. */
export async function eraseCustomerSurveys(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('survey_answers')
    .set({ comment: null, praise: 0, comment_erased_at: nowIso(ctx) })
    .where('customer_id', '=', customerId)
    .execute();
  const invIds = ctx.db.selectFrom('survey_invitations').select('id').where('customer_id', '=', customerId);
  await ctx.db.deleteFrom('survey_tokens').where('invitation_id', 'in', invIds).execute();
  await ctx.db
    .updateTable('survey_invitations')
    .set({ nonce_secret: null, trigger_ref: null })
    .where('customer_id', '=', customerId)
    .execute();
}

export const surveysPrivacy: PrivacyModule = {
  domain: 'surveys',
  tables: ['survey_invitations', 'survey_answers', 'survey_tokens'],
  exportCustomer: exportCustomerSurveys,
  eraseCustomer: eraseCustomerSurveys,
};
