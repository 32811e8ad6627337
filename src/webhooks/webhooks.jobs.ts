// Queued work of webhooks: one fan-out job per catalogue event (subscribed through platform/events,
// so it is enqueued in the emitter's transaction) and the delivery job.
import { subscribe } from '../platform/events.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { DELIVER_JOB, deliver, fanOut } from './webhooks.delivery.js';
import { WEBHOOK_EVENTS } from './webhooks.events.js';

export function registerWebhookJobs(registry: JobRegistry): void {
  for (const event of WEBHOOK_EVENTS)
    subscribe(registry, event, `webhooks.fan-out:${event}`, async (ctx, payload) => {
      await fanOut(ctx, event, payload);
    });
  registry.handle(DELIVER_JOB, async (ctx, p: { deliveryId: string }, job) => {
    await deliver(ctx, p.deliveryId, job);
  });
}
