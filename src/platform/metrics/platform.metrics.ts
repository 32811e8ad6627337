// The platform's own gauges: the job queue by type and the mail outbox. Read-only aggregates over
// the platform's tables at scrape time (jobs_due index; the outbox joins its job by unique key).
import { sql } from 'kysely';
import type { Ctx } from '../context.js';
import type { Metrics } from './metrics.js';

type QueueRow = { type: string; depth: number | string; oldest_due: string | null };

/** Due or running jobs per type, and since when the oldest due job has waited (0 when none waits). */
export async function readJobQueue(ctx: Ctx) {
  const now = ctx.clock.now();
  const { rows } = await sql<QueueRow>`
    select type, count(*) as depth, min(case when status = 'pending' then run_at end) as oldest_due
    from jobs
    where (status = 'pending' and run_at <= ${now.toISOString()}) or status = 'running'
    group by type`.execute(ctx.db);
  return rows.map((r) => ({
    type: r.type,
    depth: Number(r.depth),
    oldestAgeSeconds: r.oldest_due ? Math.max(0, (now.getTime() - Date.parse(r.oldest_due)) / 1000) : 0,
  }));
}

/** Jobs that used up their attempts, per type. */
export async function readFailedJobs(ctx: Ctx) {
  const { rows } = await sql<{ type: string; n: number | string }>`
    select type, count(*) as n from jobs where status = 'failed' group by type`.execute(ctx.db);
  return rows.map((r) => ({ type: r.type, failed: Number(r.n) }));
}

/** Unsent outbox mails: still being tried ('pending') or given up after the last attempt ('failed'). */
export async function readOutbox(ctx: Ctx): Promise<{ pending: number; failed: number }> {
  const { rows } = await sql<{ state: string; n: number | string }>`
    select case when j.status = 'failed' then 'failed' else 'pending' end as state, count(*) as n
    from outbox_mails m left join jobs j on j.key = 'mail.send:' || m.id
    where m.status = 'pending'
    group by case when j.status = 'failed' then 'failed' else 'pending' end`.execute(ctx.db);
  const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
  return { pending: count('pending'), failed: count('failed') };
}

export function registerPlatformMetrics(metrics: Metrics): void {
  metrics.gauge({
    name: 'stammkunde_job_queue_depth',
    help: 'Jobs due or running, by type',
    labelNames: ['type'],
    read: async (ctx) => (await readJobQueue(ctx)).map((q) => ({ labels: { type: q.type }, value: q.depth })),
  });
  metrics.gauge({
    name: 'stammkunde_job_queue_oldest_age_seconds',
    help: 'How long the oldest due job of each type has waited to be claimed',
    labelNames: ['type'],
    read: async (ctx) =>
      (await readJobQueue(ctx)).map((q) => ({ labels: { type: q.type }, value: q.oldestAgeSeconds })),
  });
  metrics.gauge({
    name: 'stammkunde_jobs_failed',
    help: 'Jobs that used up their attempts and will not run again, by type',
    labelNames: ['type'],
    read: async (ctx) =>
      (await readFailedJobs(ctx)).map((f) => ({ labels: { type: f.type }, value: f.failed })),
  });
  metrics.gauge({
    name: 'stammkunde_outbox_mails',
    help: 'Unsent outbox mails: pending (being tried) and failed (given up)',
    labelNames: ['state'],
    read: async (ctx) => {
      const o = await readOutbox(ctx);
      return [
        { labels: { state: 'pending' }, value: o.pending },
        { labels: { state: 'failed' }, value: o.failed },
      ];
    },
  });
}
