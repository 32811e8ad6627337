// The cases domain's gauge for /metrics: queued cases in breach of their SLA now, per clock. Read from
// the due instants the SLA clock stores on each case (src/cases/sla, slaColumns in case-core): a
// queued case past its first-response due time still without a first response, or past its
// resolution due time (a breached clock keeps its missed due time, even while paused).
import type { Ctx } from '../platform/context.js';
import type { Metrics } from '../platform/metrics/metrics.js';

/** Queued (open or waiting) cases in breach now, per SLA clock. */
export async function countOpenSlaBreaches(ctx: Ctx): Promise<{ firstResponse: number; resolution: number }> {
  const now = ctx.clock.now().toISOString();
  const row = await ctx.db
    .selectFrom('cases')
    .select((eb) => [
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(eb.and([eb('first_response_at', 'is', null), eb('first_response_due_at', '<', now)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('fr'),
      eb.fn
        .sum<number | string | null>(eb.case().when('resolution_due_at', '<', now).then(1).else(0).end())
        .as('res'),
    ])
    .where('in_queue', '=', 1)
    .executeTakeFirstOrThrow();
  return { firstResponse: Number(row.fr ?? 0), resolution: Number(row.res ?? 0) };
}

export function registerCaseMetrics(metrics: Metrics): void {
  metrics.gauge({
    name: 'stammkunde_case_sla_breached',
    help: 'Queued cases whose SLA clock is breached, by clock (first_response, resolution)',
    labelNames: ['clock'],
    read: async (ctx) => {
      const n = await countOpenSlaBreaches(ctx);
      return [
        { labels: { clock: 'first_response' }, value: n.firstResponse },
        { labels: { clock: 'resolution' }, value: n.resolution },
      ];
    },
  });
}
