// Survey results: NPS, CSAT, CES, response rate and comments per touchpoint, team, agent or
// month, and the repurchase matrix. The formulas are the pure functions of survey-formulas.ts.
import type { Ctx } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { getCompanyTimeZone, localMonth, plusLocal } from '../platform/time/index.js';
import { ces, csat, nps, type RepurchaseSubject, repurchaseMatrix, responseRate } from './survey-formulas.js';
import type { MetricsQuery, Scale } from './surveys.schema.js';
import { getSurveySettings, perPersonVisible } from './survey-settings.service.js';
import * as ports from './surveys.ports.js';

type GroupBy = NonNullable<MetricsQuery['groupBy']>;
type Keyed = { touchpoint_code: string | null; team_id: string | null; agent_id: string | null };

const COMMENTS_PER_GROUP = 20;

/** The group of an answer or sending; by period, the local month ("2026-03") in `zone`. */
function keyOf(groupBy: GroupBy, r: Keyed, at: string, zone: string): string | null {
  if (groupBy === 'touchpoint') return r.touchpoint_code;
  if (groupBy === 'team') return r.team_id;
  if (groupBy === 'agent') return r.agent_id;
  return localMonth(at, zone);
}

type AnswerLite = Keyed & {
  scale: string;
  score: number | null;
  comment: string | null;
  answered_at: string;
};

function summarise(key: string | null, answers: AnswerLite[], sent: number, answeredOfSent: number) {
  const of = (scale: Scale) => answers.filter((a) => a.scale === scale).map((a) => a.score);
  const comments = answers
    .filter((a) => a.comment)
    .sort((a, b) => (a.answered_at < b.answered_at ? 1 : -1))
    .slice(0, COMMENTS_PER_GROUP)
    .map((a) => ({
      answeredAt: a.answered_at,
      scale: a.scale as Scale,
      score: a.score,
      comment: a.comment!,
    }));
  return {
    key,
    sent,
    answered: answeredOfSent,
    responseRate: responseRate(answeredOfSent, sent),
    nps: nps(of('nps')),
    csat: csat(of('csat')),
    ces: ces(of('ces')),
    comments,
  };
}

/**
 * NPS, CSAT and CES of the answers given in [from, to), with n and recent comments; sent and
 * answered count the invitations sent in [from, to) and how many of those were answered.
 * Per-agent grouping only when metrics.perPersonVisible is on (PER_PERSON_HIDDEN otherwise).
 */
export async function surveyMetrics(ctx: Ctx, query: MetricsQuery) {
  if (query.groupBy === 'agent' && !(await perPersonVisible(ctx))) {
    throw new AppError(
      'PER_PERSON_HIDDEN',
      'Per-agent survey results are turned off (setting metrics.perPersonVisible)',
    );
  }
  const from = query.from ? new Date(query.from).toISOString() : null;
  const to = query.to ? new Date(query.to).toISOString() : null;
  let aq = ctx.db
    .selectFrom('survey_answers')
    .select(['scale', 'score', 'comment', 'answered_at', 'touchpoint_code', 'team_id', 'agent_id']);
  if (from) aq = aq.where('answered_at', '>=', from);
  if (to) aq = aq.where('answered_at', '<', to);
  let sq = ctx.db
    .selectFrom('survey_invitations')
    .select(['status', 'sent_at', 'touchpoint_code', 'team_id', 'agent_id'])
    .where('sent_at', 'is not', null);
  if (from) sq = sq.where('sent_at', '>=', from);
  if (to) sq = sq.where('sent_at', '<', to);
  const [answers, sent] = await Promise.all([aq.execute(), sq.execute()]);
  const overall = summarise(null, answers, sent.length, sent.filter((s) => s.status === 'answered').length);
  const groups: ReturnType<typeof summarise>[] = [];
  if (query.groupBy) {
    const g = query.groupBy;
    const zone = await getCompanyTimeZone(ctx);
    const byKey = new Map<string | null, { answers: AnswerLite[]; sent: number; answered: number }>();
    const bucket = (k: string | null) => {
      const b = byKey.get(k) ?? { answers: [], sent: 0, answered: 0 };
      byKey.set(k, b);
      return b;
    };
    for (const a of answers) bucket(keyOf(g, a, a.answered_at, zone)).answers.push(a);
    for (const s of sent) {
      const b = bucket(keyOf(g, s, s.sent_at!, zone));
      b.sent++;
      if (s.status === 'answered') b.answered++;
    }
    const keys = [...byKey.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    for (const k of keys) {
      const b = byKey.get(k)!;
      groups.push(summarise(k, b.answers, b.sent, b.answered));
    }
  }
  return { from, to, groupBy: query.groupBy ?? null, overall, groups };
}

/**
 * The repurchase matrix: customers by satisfied with the sale (latest sale CSAT ≥ 4) × satisfied
 * with after-sales (latest after-sales CSAT ≥ 4), and the share that bought again within `months`
 * after the after-sales answer; only customers whose window has passed count (see repurchaseMatrix).
 */
export async function repurchaseMatrixReport(ctx: Ctx, query: { months?: number }) {
  const months = query.months ?? (await getSurveySettings(ctx)).repurchaseMonths;
  const zone = await getCompanyTimeZone(ctx);
  const defs = await ctx.db
    .selectFrom('survey_definitions')
    .select(['id', 'trigger'])
    .where('scale', '=', 'csat')
    .execute();
  const saleDefs = defs.filter((d) => d.trigger === 'purchase').map((d) => d.id);
  const afterDefs = defs.filter((d) => d.trigger === 'after_sales_interaction').map((d) => d.id);
  if (saleDefs.length === 0 || afterDefs.length === 0) return { months, cells: repurchaseMatrix([]) };
  const rows = await ctx.db
    .selectFrom('survey_answers')
    .select(['customer_id', 'definition_id', 'score', 'answered_at'])
    .where('definition_id', 'in', [...saleDefs, ...afterDefs])
    .where('score', 'is not', null)
    .orderBy('answered_at')
    .execute();
  const latest = new Map<string, { sale?: number; after?: number; afterAt?: string }>();
  for (const r of rows) {
    const e = latest.get(r.customer_id) ?? {};
    if (saleDefs.includes(r.definition_id)) e.sale = r.score!;
    else {
      e.after = r.score!;
      e.afterAt = r.answered_at;
    }
    latest.set(r.customer_id, e);
  }
  const now = ctx.clock.now();
  const windows = [...latest]
    .filter(([, e]) => e.sale !== undefined && e.after !== undefined && e.afterAt)
    .map(([customerId, e]) => ({ customerId, e, end: plusLocal(e.afterAt!, { months }, zone) }));
  // One query per few hundred customers, not one per customer (imported history makes many).
  const bought = await ports.customersWhoBoughtWithin(
    ctx,
    windows.map((w) => ({ customerId: w.customerId, after: w.e.afterAt!, until: w.end.toISOString() })),
  );
  const subjects: RepurchaseSubject[] = windows.map(({ customerId, e, end }) => ({
    saleScore: e.sale!,
    afterSalesScore: e.after!,
    afterSalesAt: e.afterAt!,
    repurchased: bought.has(customerId),
    windowClosed: end <= now,
  }));
  return { months, cells: repurchaseMatrix(subjects) };
}
