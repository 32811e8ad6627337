// Recording an answer from the public page: once per invitation, never after expiry; a bad answer
// or praise queues the follow-up, and every answer emits survey.answered.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import type { CleanAnswer } from './survey-answer-form.js';
import { getDefinitionRow } from './survey-definitions.service.js';
import { isPraise, needsFollowUp } from './survey-formulas.js';
import { type AnswerRow, type DefinitionRow, type InvitationRow, toAnswer } from './survey-rows.js';
import { findSurveyByToken } from './survey-tokens.service.js';
import type { Answer } from './surveys.schema.js';

/**
 * Records the answer to a survey link: once per invitation (a second answer is TOKEN_USED),
 * never after expiry (TOKEN_INVALID, like an unknown link). Queues the follow-up (task, reopened
 * case, praise) and emits survey.answered in the same transaction.
 */
export async function answerSurvey(ctx: Ctx, token: string, answer: CleanAnswer): Promise<Answer> {
  const survey = await findSurveyByToken(ctx, token);
  if (!survey || survey.expired) throw new AppError('TOKEN_INVALID');
  if (survey.answered) throw new AppError('TOKEN_USED');
  return inTransaction(ctx, async (tx) => {
    const now = nowIso(tx);
    const inv = await claimInvitation(tx, survey.invitationId, now);
    const def = await getDefinitionRow(tx, inv.definition_id);
    const row = newAnswerRow(inv, def, answer, now);
    await tx.db.insertInto('survey_answers').values(row).execute();
    await recordAudit(tx, {
      entityType: 'survey_answer',
      entityId: row.id,
      customerId: row.customer_id,
      action: 'answer',
      changes: diff(null, {
        definition: def.code,
        score: row.score,
        reasonCode: row.reason_code,
        withComment: row.comment !== null,
      }),
    });
    await announceAnswer(tx, row, def);
    return toAnswer(row, def.code);
  });
}

/** Marks the invitation answered; of two concurrent answers only one gets it (TOKEN_USED). */
async function claimInvitation(ctx: Ctx, invitationId: string, now: string): Promise<InvitationRow> {
  const claimed = await ctx.db
    .updateTable('survey_invitations')
    .set({ status: 'answered', answered_at: now })
    .where('id', '=', invitationId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw new AppError('TOKEN_USED');
  return (await ctx.db
    .selectFrom('survey_invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .executeTakeFirst())!;
}

/** The answer with the invitation's references (touchpoint, agent, team, case) for the aggregates. */
function newAnswerRow(inv: InvitationRow, def: DefinitionRow, answer: CleanAnswer, now: string): AnswerRow {
  return {
    id: newId('sans'),
    invitation_id: inv.id,
    definition_id: def.id,
    customer_id: inv.customer_id,
    scale: def.scale,
    score: answer.score,
    reason_code: answer.reason,
    comment: answer.comment,
    praise: isPraise(def.scale, answer.score, answer.comment) && inv.agent_id ? 1 : 0,
    touchpoint_code: inv.touchpoint_code,
    agent_id: inv.agent_id,
    team_id: inv.team_id,
    case_id: inv.case_id,
    locale: inv.locale,
    answered_at: now,
    comment_erased_at: null,
  };
}

/** Queues the follow-up of a bad answer or praise, and tells the other domains (survey.answered). */
async function announceAnswer(ctx: Ctx, row: AnswerRow, def: DefinitionRow): Promise<void> {
  if (needsFollowUp(def.scale, row.score) || row.praise === 1) {
    await enqueueJob(ctx, {
      type: 'surveys.follow-up',
      key: `surveys.follow-up:${row.id}`,
      payload: { answerId: row.id },
    });
  }
  await emitEvent(ctx, 'survey.answered', {
    customerId: row.customer_id,
    answerId: row.id,
    definitionCode: def.code,
    scale: def.scale,
    score: row.score,
    caseId: row.case_id,
    agentId: row.agent_id,
    at: row.answered_at,
  });
}
