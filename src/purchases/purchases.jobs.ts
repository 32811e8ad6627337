// Scheduled work of purchases: every night the 12-month revenue window and tenure move, so revenue
// and tiers are recomputed for everyone.
import { recomputeTiers } from '../customers/customer-tiers.service.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { dailyAt } from '../platform/time/schedules.js';
import { recomputeRevenue } from './purchases.service.js';

export const NIGHTLY_REVENUE_JOB = 'purchases.revenue.nightly';

/** Registers the nightly revenue-and-tier recomputation (02:00 UTC). */
export function registerPurchaseJobs(registry: JobRegistry): void {
  registry.handle(NIGHTLY_REVENUE_JOB, async (ctx) => {
    // Revenue of everyone with purchases (one grouped query), then tiers of everyone (tenure).
    await recomputeRevenue(ctx, null);
    await recomputeTiers(ctx);
  });
  registry.schedule({ type: NIGHTLY_REVENUE_JOB, next: dailyAt(2) });
}
