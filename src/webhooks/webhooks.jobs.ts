// Queued work of webhooks: one fan-out job per catalogue event (subscribed through platform/events,
// so it is enqueued in the emitter's transaction), the delivery job, and the daily pruning of the
// delivery log (01:45 company time).
import { subscribe } from '../platform/events.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { dailyAt } from '../platform/time/schedules.js';
import { DELIVER_JOB, deliver, fanOut } from './webhooks.delivery.js';
import { WEBHOOK_EVENTS } from './webhooks.events.js';
import { pruneDeliveries } from './webhooks.log.js';
import { getWebhookSettings } from './webhooks.settings.js';

export const PRUNE_JOB = 'webhooks.prune';

/**
 * Deliveries one worker runs at once: a delivery mostly waits on the receiver (up to the timeout),
 * so several overlap, and a slow or dead receiver does not hold up the rest of the job queue.
 */
export const DELIVERY_CONCURRENCY = 8;

export function registerWebhookJobs(registry: JobRegistry): void {
  for (const event of WEBHOOK_EVENTS)
    subscribe(registry, event, `webhooks.fan-out:${event}`, async (ctx, payload) => {
      await fanOut(ctx, event, payload);
    });
  registry.handle(
    DELIVER_JOB,
    async (ctx, p: { deliveryId: string }, job) => {
      await deliver(ctx, p.deliveryId, job);
    },
    { concurrency: DELIVERY_CONCURRENCY },
  );
  registry.handle(PRUNE_JOB, async (ctx) => {
    const days = (await getWebhookSettings(ctx)).logRetentionDays;
    await pruneDeliveries(ctx, new Date(ctx.clock.now().getTime() - days * 86_400_000));
  });
  registry.schedule({ type: PRUNE_JOB, next: dailyAt(1, 45) });
}
