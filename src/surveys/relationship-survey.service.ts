// The periodic relationship survey (NPS): once a day, every active customer who may be asked and was
// not asked within relationshipEveryMonths gets one queued.
import type { Ctx } from '../platform/context.js';
import { getCompanyTimeZone, localDay, plusLocal } from '../platform/time/index.js';
import { definitionsForTrigger } from './survey-definitions.service.js';
import { requestSurvey } from './survey-sending.service.js';
import { getSurveySettings } from './survey-settings.service.js';
import type { Definition } from './surveys.schema.js';
import * as ports from './surveys.ports.js';

const DAY = 86_400_000;

/**
 * Queues the periodic (relationship NPS) survey for every active customer with an e-mail address
 * and a consent basis who had none sent within relationshipEveryMonths (and none skipped within
 * the frequency period). Returns how many were queued.
 */
export async function scheduleRelationshipSurveys(ctx: Ctx): Promise<number> {
  const defs = await definitionsForTrigger(ctx, 'periodic');
  if (defs.length === 0) return 0;
  const settings = await getSurveySettings(ctx);
  const now = ctx.clock.now();
  const zone = await getCompanyTimeZone(ctx);
  const sentCutoff = plusLocal(now, { months: -settings.relationshipEveryMonths }, zone);
  const anyCutoff = new Date(now.getTime() - Math.max(1, settings.minDaysBetweenSurveys) * DAY).toISOString();
  const triggerRef = `periodic:${localDay(now, zone)}`;
  let queued = 0;
  for (const def of defs) {
    const skip = await recentlyAsked(ctx, def, sentCutoff.toISOString(), anyCutoff);
    queued += await requestForActiveCustomers(ctx, def, skip, triggerRef);
  }
  return queued;
}

/** Customers with this definition sent after sentCutoff, or recorded at all (even skipped) after anyCutoff. */
async function recentlyAsked(ctx: Ctx, def: Definition, sentCutoff: string, anyCutoff: string) {
  const recent = await ctx.db
    .selectFrom('survey_invitations')
    .select('customer_id')
    .distinct()
    .where('definition_id', '=', def.id)
    .where((eb) => eb.or([eb('sent_at', '>', sentCutoff), eb('created_at', '>', anyCutoff)]))
    .execute();
  return new Set(recent.map((r) => r.customer_id));
}

/** Walks the active customers page by page; returns how many requests were newly queued. */
async function requestForActiveCustomers(
  ctx: Ctx,
  def: Definition,
  skip: Set<string>,
  triggerRef: string,
): Promise<number> {
  let queued = 0;
  let cursor: string | undefined;
  do {
    const page = await ports.listCustomers(ctx, { status: 'active', limit: 500, cursor });
    for (const c of page.items) {
      if (skip.has(c.id) || !c.email) continue;
      const permission = await ports.getContactPermission(ctx, c.id, 'email', 'surveys');
      if (!permission.allowed) continue;
      const r = await requestSurvey(ctx, { customerId: c.id, definitionCode: def.code, triggerRef });
      if (r.queued) queued++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return queued;
}
