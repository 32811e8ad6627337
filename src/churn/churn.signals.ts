// The explicit signals of a customer at scoring time (a cancellation notice, open complaint cases, bad
// survey ratings), read from the other domains through their services under the run's thresholds.
import { openCasesByCustomer } from '../cases/case-signals.js';
import type { Ctx } from '../platform/context.js';
import { cancellationNoticesByCustomer } from '../products/contracts.service.js';
import { badRatingsByCustomer } from '../surveys/survey-signals.service.js';
import type { AlertSettings } from './churn.schema.js';

/**
 * The explicit signals of a customer at scoring time, read from the other domains through their
 * services under the run's thresholds (stored as JSON with the score).
 */
export type ExplicitSignals = {
  cancellation?: {
    contracts: number;
    productsDe: string[];
    productsEn: string[];
    firstEndsAt: string | null;
  };
  openCases?: { open: number; worstSeverity: string; oldestReceivedAt: string };
  badRatings?: { count: number; days: number; latest: { scale: string; score: number; answeredAt: string } };
};

/** Reads the explicit signals of all customers through the other domains' services, under `th`. */
export async function readExplicitSignals(
  ctx: Ctx,
  th: AlertSettings,
): Promise<Map<string, ExplicitSignals>> {
  const out = new Map<string, ExplicitSignals>();
  const of = (id: string) => {
    let v = out.get(id);
    if (!v) {
      v = {};
      out.set(id, v);
    }
    return v;
  };
  if (th.cancellationNotice)
    for (const [id, n] of await cancellationNoticesByCustomer(ctx))
      of(id).cancellation = {
        contracts: n.contracts,
        productsDe: n.productsDe,
        productsEn: n.productsEn,
        firstEndsAt: n.firstEndsAt,
      };
  if (th.openCasesAtLeast > 0)
    for (const [id, c] of await openCasesByCustomer(ctx, { minSeverity: th.openCaseMinSeverity }))
      if (c.open >= th.openCasesAtLeast) of(id).openCases = c;
  if (th.badRatingDays > 0) {
    const since = new Date(ctx.clock.now().getTime() - th.badRatingDays * 86_400_000).toISOString();
    const bad = await badRatingsByCustomer(ctx, {
      since,
      npsAtMost: th.npsAtMost,
      csatAtMost: th.csatAtMost,
      cesAtMost: th.cesAtMost,
    });
    for (const [id, b] of bad)
      of(id).badRatings = { count: b.count, days: th.badRatingDays, latest: b.latest };
  }
  return out;
}
