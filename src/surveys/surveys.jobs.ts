// Queued and scheduled work of surveys: triggers from other domains' events, the send decision,
// reminders, closing the loop, and the daily relationship-survey selection.
import type { Ctx } from '../platform/context.js';
import { subscribe } from '../platform/events.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { dailyAt } from '../platform/time/schedules.js';
import { scheduleRelationshipSurveys } from './relationship-survey.service.js';
import { definitionsForTrigger } from './survey-definitions.service.js';
import { followUpAnswer } from './survey-follow-up.service.js';
import { requestSurvey, type SendRequest, sendReminder, sendSurvey } from './survey-sending.service.js';

const DAY = 86_400_000;
/** Events older than this (historic imports) trigger no survey. */
const MAX_EVENT_AGE_DAYS = 30;
/** Only sales get the sale survey (service jobs are asked about through their interaction). */
const SALE_KINDS = new Set(['sale']);

function tooOld(ctx: Ctx, at: unknown): boolean {
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return false;
  return Date.parse(at) < ctx.clock.now().getTime() - MAX_EVENT_AGE_DAYS * DAY;
}

function runAtAfter(ctx: Ctx, at: unknown, delayDays: number): Date {
  const base =
    typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? Date.parse(at) : ctx.clock.now().getTime();
  return new Date(Math.max(base + delayDays * DAY, ctx.clock.now().getTime()));
}

export function registerSurveyJobs(registry: JobRegistry): void {
  registry.handle('surveys.send', async (ctx, payload: SendRequest) => {
    await sendSurvey(ctx, payload);
  });
  registry.handle('surveys.remind', async (ctx, payload: { invitationId: string }) => {
    await sendReminder(ctx, payload.invitationId);
  });
  registry.handle('surveys.follow-up', async (ctx, payload: { answerId: string }) => {
    await followUpAnswer(ctx, payload.answerId);
  });
  registry.handle('surveys.relationship-daily', async (ctx) => {
    await scheduleRelationshipSurveys(ctx);
  });
  registry.schedule({ type: 'surveys.relationship-daily', next: dailyAt(6, 15) });

  subscribe(registry, 'purchase.recorded', 'surveys.on-purchase', onPurchase);
  subscribe(registry, 'interaction.recorded', 'surveys.on-interaction', onInteraction);
  subscribe(registry, 'case.closed', 'surveys.on-case-closed', onCaseClosed);
  subscribe(registry, 'customer.lost', 'surveys.on-customer-lost', onCustomerLost);
}

/** A sale: the sale survey, delayDays after the purchase. */
async function onPurchase(
  ctx: Ctx,
  p: { customerId: string; purchaseId: string; at: string; kind?: string },
) {
  if (tooOld(ctx, p.at) || (p.kind && !SALE_KINDS.has(p.kind))) return;
  for (const def of await definitionsForTrigger(ctx, 'purchase')) {
    await requestSurvey(
      ctx,
      {
        customerId: p.customerId,
        definitionCode: def.code,
        triggerRef: `purchase:${p.purchaseId}`,
        touchpointCode: def.touchpointCode ?? 'sale',
      },
      { runAt: runAtAfter(ctx, p.at, def.delayDays) },
    );
  }
}

/** An after-sales interaction: the surveys of its touchpoint (or of any), about its staff member. */
async function onInteraction(
  ctx: Ctx,
  p: {
    customerId: string;
    interactionId: string;
    touchpointCode: string;
    phase: string;
    at: string;
    staffUserId?: string | null;
  },
) {
  if (p.phase !== 'after_sales' || tooOld(ctx, p.at)) return;
  for (const def of await definitionsForTrigger(ctx, 'after_sales_interaction', p.touchpointCode)) {
    await requestSurvey(
      ctx,
      {
        customerId: p.customerId,
        definitionCode: def.code,
        triggerRef: `interaction:${p.interactionId}`,
        touchpointCode: p.touchpointCode,
        agentId: p.staffUserId ?? undefined,
      },
      { runAt: runAtAfter(ctx, p.at, def.delayDays) },
    );
  }
}

/** A closed complaint (not a trivial one): the recovery survey, about the case owner. */
async function onCaseClosed(
  ctx: Ctx,
  p: { caseId: string; customerId: string; ownerId?: string | null; closedAt: string; trivial?: boolean },
) {
  if (p.trivial) return;
  for (const def of await definitionsForTrigger(ctx, 'case_closed')) {
    await requestSurvey(
      ctx,
      {
        customerId: p.customerId,
        definitionCode: def.code,
        triggerRef: `case:${p.caseId}:${p.closedAt}`,
        touchpointCode: def.touchpointCode ?? 'complaint',
        agentId: p.ownerId ?? undefined,
        caseId: p.caseId,
      },
      { runAt: runAtAfter(ctx, p.closedAt, def.delayDays) },
    );
  }
}

/** A lost customer: the exit interview. */
async function onCustomerLost(ctx: Ctx, p: { customerId: string; lostId?: string; eventId: string }) {
  for (const def of await definitionsForTrigger(ctx, 'customer_lost')) {
    await requestSurvey(
      ctx,
      {
        customerId: p.customerId,
        definitionCode: def.code,
        triggerRef: `lost:${p.lostId ?? p.eventId}`,
        touchpointCode: def.touchpointCode ?? 'exit',
      },
      { runAt: runAtAfter(ctx, undefined, def.delayDays) },
    );
  }
}
