// The staff lists of surveys: invitations (sent, skipped with reason, answered), answers and praise,
// newest first, one page at a time.
import type { SelectQueryBuilder } from 'kysely';
import type { Ctx } from '../platform/context.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import type { Database } from '../schema.js';
import { definitionCodesById } from './survey-definitions.service.js';
import { toAnswer, toInvitation } from './survey-rows.js';
import type { Answer, ListAnswersQuery, ListInvitationsQuery, PraiseQuery, Scale } from './surveys.schema.js';
import * as ports from './surveys.ports.js';

/** The tables listed page by page: both have time-ordered ids, so the id is the cursor. */
type ListedTable = 'survey_invitations' | 'survey_answers';

/** A page of invitations (sent, skipped with reason, answered), newest first. */
export async function listInvitations(ctx: Ctx, query: ListInvitationsQuery) {
  const codes = await definitionCodesById(ctx);
  let q = ctx.db.selectFrom('survey_invitations').selectAll();
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.definitionCode) q = q.where('definition_id', '=', definitionIdOf(codes, query.definitionCode));
  return newestFirst(q, query, (r) => toInvitation(r, codes.get(r.definition_id) ?? '?'));
}

/** A page of answers, newest first. */
export async function listAnswers(ctx: Ctx, query: ListAnswersQuery) {
  const codes = await definitionCodesById(ctx);
  let q = answeredIn(ctx.db.selectFrom('survey_answers').selectAll(), query);
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  if (query.definitionCode) q = q.where('definition_id', '=', definitionIdOf(codes, query.definitionCode));
  return newestFirst(q, query, (r) => toAnswer(r, codes.get(r.definition_id) ?? '?'));
}

/** A customer's survey answers, newest first (for the customer view and churn signals). */
export async function listAnswersForCustomer(ctx: Ctx, customerId: string): Promise<Answer[]> {
  const codes = await definitionCodesById(ctx);
  const rows = await ctx.db
    .selectFrom('survey_answers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('answered_at', 'desc')
    .execute();
  return rows.map((r) => toAnswer(r, codes.get(r.definition_id) ?? '?'));
}

/** A page of praise (NPS 9–10 or CSAT 5 with a comment, concerning an agent), newest first. */
export async function listPraise(ctx: Ctx, query: PraiseQuery) {
  let q = answeredIn(ctx.db.selectFrom('survey_answers').selectAll(), query)
    .where('praise', '=', 1)
    .where('comment', 'is not', null);
  if (query.teamId) q = q.where('team_id', '=', query.teamId);
  const users = new Map((await ports.listUsers(ctx)).map((u) => [u.id, u.name]));
  return newestFirst(q, query, (r) => ({
    answerId: r.id,
    answeredAt: r.answered_at,
    agentId: r.agent_id,
    agentName: r.agent_id ? (users.get(r.agent_id) ?? null) : null,
    teamId: r.team_id,
    scale: r.scale as Scale,
    score: r.score,
    comment: r.comment,
    touchpointCode: r.touchpoint_code,
  }));
}

/** The id of a definition code ('-' matches nothing: an unknown code lists nothing). */
function definitionIdOf(codes: Map<string, string>, code: string): string {
  return [...codes].find(([, c]) => c === code)?.[0] ?? '-';
}

/** Answers given in [from, to) when the query names either end. */
function answeredIn<O>(
  q: SelectQueryBuilder<Database, 'survey_answers', O>,
  p: { from?: string; to?: string },
) {
  let out = q;
  if (p.from) out = out.where('answered_at', '>=', new Date(p.from).toISOString());
  if (p.to) out = out.where('answered_at', '<', new Date(p.to).toISOString());
  return out;
}

/** One page newest first, continuing below the cursor's id; one row more tells whether more follow. */
async function newestFirst<O extends { id: string }, T>(
  q: SelectQueryBuilder<Database, ListedTable, O>,
  page: { limit: number; cursor?: string },
  map: (r: O) => T,
) {
  const cursor = decodeCursor(page.cursor);
  const rows = await (cursor ? q.where('id', '<', String(cursor[0])) : q)
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, map, (r) => [r.id]);
}
