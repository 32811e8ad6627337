// Scheduled work of purchases: every night the 12-month revenue window and tenure move, so revenue
// and tiers are recomputed for everyone; purchase imports queued with `Prefer: respond-async`.
import { recomputeTiers } from '../customers/customer-tiers.service.js';
import { registerImportJob } from '../platform/import/import.jobs.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { dailyAt } from '../platform/time/schedules.js';
import { importPurchases } from './purchases.import.js';
import { recomputeRevenue } from './purchases.service.js';

export const NIGHTLY_REVENUE_JOB = 'purchases.revenue.nightly';

/** Registers the nightly revenue-and-tier recomputation (02:00 UTC) and the asynchronous purchase import. */
export function registerPurchaseJobs(registry: JobRegistry): void {
  registerImportJob(registry, 'purchases', importPurchases);
  registry.handle(NIGHTLY_REVENUE_JOB, async (ctx) => {
    // Revenue of everyone with purchases (one grouped query), then tiers of everyone (tenure).
    await recomputeRevenue(ctx, null);
    await recomputeTiers(ctx);
  });
  registry.schedule({ type: NIGHTLY_REVENUE_JOB, next: dailyAt(2) });
}
