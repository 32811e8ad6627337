// Survey links: each mail gets a new 256-bit token (only its hash is stored), and a link leads back
// to its invitation and definition in the customer's language.
import { type Ctx, nowIso } from '../platform/context.js';
import { hashToken, newToken } from '../platform/ids.js';
import type { Scale } from './surveys.schema.js';

export type PublicSurvey = {
  invitationId: string;
  customerId: string;
  locale: 'de' | 'en';
  scale: Scale;
  question: string;
  commentPrompt: string | null;
  reasons: Array<{ code: string; label: string }>;
  answered: boolean;
  /** Whether the link is still valid for answering (objection works on every known link). */
  expired: boolean;
  nonceSecret: string;
  tokenHash: string;
};

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Stores the hash of a new token for an invitation and returns the token (for the mail only). */
export async function issueToken(ctx: Ctx, invitationId: string): Promise<string> {
  const token = newToken();
  await ctx.db
    .insertInto('survey_tokens')
    .values({ token_hash: hashToken(token), invitation_id: invitationId, created_at: nowIso(ctx) })
    .execute();
  return token;
}

/** The public link of a survey token (the answer page). */
export function surveyUrl(ctx: Ctx, token: string): string {
  return `${ctx.config.publicUrl}/s/${token}`;
}

/** The survey behind a link, or null when the token is unknown (the caller shows a neutral page). */
export async function findSurveyByToken(ctx: Ctx, token: string): Promise<PublicSurvey | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = await ctx.db
    .selectFrom('survey_tokens')
    .innerJoin('survey_invitations', 'survey_invitations.id', 'survey_tokens.invitation_id')
    .innerJoin('survey_definitions', 'survey_definitions.id', 'survey_invitations.definition_id')
    .select([
      'survey_invitations.id as invitation_id',
      'survey_invitations.customer_id',
      'survey_invitations.locale',
      'survey_invitations.status',
      'survey_invitations.expires_at',
      'survey_invitations.nonce_secret',
      'survey_definitions.scale',
      'survey_definitions.question_de',
      'survey_definitions.question_en',
      'survey_definitions.comment_de',
      'survey_definitions.comment_en',
      'survey_definitions.reasons',
    ])
    .where('survey_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row?.nonce_secret) return null;
  const locale = row.locale === 'en' ? 'en' : 'de';
  const reasons = (JSON.parse(row.reasons) as Array<{ code: string; de: string; en: string }>).map((r) => ({
    code: r.code,
    label: r[locale],
  }));
  return {
    invitationId: row.invitation_id,
    customerId: row.customer_id,
    locale,
    scale: row.scale as Scale,
    question: locale === 'en' ? row.question_en : row.question_de,
    commentPrompt: locale === 'en' ? row.comment_en : row.comment_de,
    reasons,
    answered: row.status === 'answered',
    expired: !row.expires_at || row.expires_at <= nowIso(ctx),
    nonceSecret: row.nonce_secret,
    tokenHash,
  };
}
