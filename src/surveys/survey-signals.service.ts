// Bad survey ratings per customer, read by the churn early warning (one query for all customers).
import type { Ctx } from '../platform/context.js';

/** A customer's bad survey ratings in a period (for the churn early warning). */
export type BadRatings = {
  count: number;
  /** The most recent bad answer. */
  latest: { scale: 'nps' | 'csat' | 'ces'; score: number; answeredAt: string };
};

/**
 * Per customer: the answers since `since` (ISO, inclusive) that count as bad under the given limits
 * (NPS at most `npsAtMost`, i.e. a detractor at 6; CSAT at most `csatAtMost`; CES at most `cesAtMost`),
 * with the most recent one. Exit interviews (no scale) are not ratings and are left out. One query.
 */
export async function badRatingsByCustomer(
  ctx: Ctx,
  options: { since: string; npsAtMost: number; csatAtMost: number; cesAtMost: number },
): Promise<Map<string, BadRatings>> {
  const rows = await ctx.db
    .selectFrom('survey_answers')
    .select(['customer_id', 'scale', 'score', 'answered_at'])
    .where('answered_at', '>=', new Date(options.since).toISOString())
    .where('score', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('scale', '=', 'nps'), eb('score', '<=', options.npsAtMost)]),
        eb.and([eb('scale', '=', 'csat'), eb('score', '<=', options.csatAtMost)]),
        eb.and([eb('scale', '=', 'ces'), eb('score', '<=', options.cesAtMost)]),
      ]),
    )
    .orderBy('answered_at')
    .orderBy('id')
    .execute();
  const out = new Map<string, BadRatings>();
  for (const r of rows) {
    const latest = {
      scale: r.scale as BadRatings['latest']['scale'],
      score: Number(r.score),
      answeredAt: r.answered_at,
    };
    const b = out.get(r.customer_id);
    if (b) {
      b.count++;
      b.latest = latest;
    } else out.set(r.customer_id, { count: 1, latest });
  }
  return out;
}
