// Durable domain events: emitting one enqueues a job per subscriber in the emitter's transaction,
// so the emitting domain knows nothing of who listens and nothing is lost on a crash.
import type { Ctx } from './context.js';
import { newId } from './ids.js';
import { enqueueJob } from './jobs/jobs.service.js';
import type { JobHandler, JobRegistry } from './jobs/worker.js';

export type EventName =
  | 'interaction.recorded'
  | 'purchase.recorded'
  | 'contract.cancelled'
  | 'case.created'
  | 'case.escalated'
  | 'case.resolved'
  | 'case.closed'
  | 'case.reopened'
  | 'customer.at_risk'
  | 'customer.lost'
  | 'customer.won_back'
  | 'goodwill.requested'
  | 'goodwill.decided'
  | 'loyalty_penalty.found'
  | 'survey.answered';

const subscribers = new Map<EventName, string[]>();

/**
 * Subscribes a handler to an event; it runs as the job `<jobType>` with the event payload.
 * Call at app start (in a module's registerJobs).
 */
export function subscribe(
  registry: JobRegistry,
  event: EventName,
  jobType: string,
  handler: JobHandler,
): void {
  registry.handle(jobType, handler);
  const list = subscribers.get(event) ?? [];
  if (!list.includes(jobType)) list.push(jobType);
  subscribers.set(event, list);
}

/**
 * Emits an event inside the caller's transaction; each subscriber gets one idempotent job whose
 * payload is the event's plus `event`, `eventId` (one per emit, shared by the subscribers) and
 * `emittedAt` (the emitter's clock).
 */
export async function emitEvent(
  ctx: Ctx,
  event: EventName,
  payload: Record<string, unknown>,
  options: { runAt?: Date } = {},
): Promise<void> {
  const eventId = newId('evt');
  const emittedAt = ctx.clock.now().toISOString();
  for (const jobType of subscribers.get(event) ?? []) {
    await enqueueJob(ctx, {
      type: jobType,
      key: `${jobType}:${eventId}`,
      payload: { ...payload, event, eventId, emittedAt },
      runAt: options.runAt,
    });
  }
}
