// The survey tables' rows as the API shows them: one mapping each for definitions, invitations and
// answers (used by definitions, sending, answering, the lists and privacy).
import type { Answer, Definition, Invitation, Scale, Trigger } from './surveys.schema.js';
import type { SurveyTables } from './surveys.tables.js';

export type DefinitionRow = SurveyTables['survey_definitions'];
export type InvitationRow = SurveyTables['survey_invitations'];
export type AnswerRow = SurveyTables['survey_answers'];

export function toDefinition(r: DefinitionRow): Definition {
  return {
    id: r.id,
    code: r.code,
    scale: r.scale as Scale,
    trigger: r.trigger as Trigger,
    touchpointCode: r.touchpoint_code,
    questionDe: r.question_de,
    questionEn: r.question_en,
    commentDe: r.comment_de,
    commentEn: r.comment_en,
    reasons: JSON.parse(r.reasons),
    delayDays: r.delay_days,
    precedence: r.precedence === 1,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** An invitation row with its definition's code (the row stores the definition id). */
export function toInvitation(r: InvitationRow, code: string): Invitation {
  return {
    id: r.id,
    definitionCode: code,
    customerId: r.customer_id,
    status: r.status as Invitation['status'],
    skipReason: r.skip_reason,
    consentBasis: r.consent_basis,
    touchpointCode: r.touchpoint_code,
    agentId: r.agent_id,
    caseId: r.case_id,
    locale: r.locale,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    reminderSentAt: r.reminder_sent_at,
    answeredAt: r.answered_at,
  };
}

/** An answer row with its definition's code (the row stores the definition id). */
export function toAnswer(r: AnswerRow, code: string): Answer {
  return {
    id: r.id,
    invitationId: r.invitation_id,
    definitionCode: code,
    customerId: r.customer_id,
    scale: r.scale as Scale,
    score: r.score,
    reasonCode: r.reason_code,
    comment: r.comment,
    praise: r.praise === 1,
    touchpointCode: r.touchpoint_code,
    agentId: r.agent_id,
    teamId: r.team_id,
    caseId: r.case_id,
    answeredAt: r.answered_at,
  };
}
