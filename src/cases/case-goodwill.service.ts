// Goodwill gestures (credit, voucher, refund, gift) in a ledger, within each agent's empowerment.
import { sql } from 'kysely';
import { getUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { emitEvent } from '../platform/events.js';
import { AppError, nullIfNotFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { getCompanyTimeZone, startOfLocal } from '../platform/time/index.js';
import { createTask } from '../tasks/tasks.service.js';
import { firstApprover } from './case-goodwill-approvers.js';
import { assertStatus, auditCase, type GoodwillRow, getCaseRow, toGoodwill } from './case-core.js';
import { type CaseSettings, calendarOf, getCaseSettings } from './case-settings.js';
import { type CreateGoodwill, createGoodwillSchema, type Goodwill } from './cases.schema.js';
import { storedText } from '../platform/i18n/stored-text.js';
import './cases.texts.js';
import { addBusinessMinutes } from './sla/index.js';

type Limits = CaseSettings['goodwillLimits']['agent'];

async function limitsOf(ctx: Ctx, userId: string | null, settings: CaseSettings): Promise<Limits> {
  if (!userId) return { perCaseMinor: 0, perMonthMinor: 0 };
  const user = await getUser(ctx, userId).catch(nullIfNotFound);
  if (!user?.active) return { perCaseMinor: 0, perMonthMinor: 0 };
  return settings.goodwillLimits[user.role] ?? { perCaseMinor: 0, perMonthMinor: 0 };
}

async function usedThisMonth(ctx: Ctx, userId: string): Promise<number> {
  const monthStart = startOfLocal('month', ctx.clock.now(), await getCompanyTimeZone(ctx));
  const r = await ctx.db
    .selectFrom('case_goodwill')
    .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('s'))
    .where('requested_by', '=', userId)
    .where('self_granted', '=', 1)
    .where('status', '=', 'granted')
    .where('requested_at', '>=', monthStart.toISOString())
    .executeTakeFirst();
  return Number(r?.s ?? 0);
}

/**
 * A user's goodwill empowerment: limits per case and per calendar month (company time zone) and what remains of
 * the month's budget after the gestures they granted themselves (null = unlimited).
 */
export async function goodwillBudget(ctx: Ctx, userId: string) {
  const settings = await getCaseSettings(ctx);
  await getUser(ctx, userId);
  const limits = await limitsOf(ctx, userId, settings);
  const used = await usedThisMonth(ctx, userId);
  return {
    userId,
    currency: settings.currency,
    perCaseMinor: limits.perCaseMinor,
    perMonthMinor: limits.perMonthMinor,
    usedThisMonthMinor: used,
    remainingMinor: limits.perMonthMinor === null ? null : Math.max(0, limits.perMonthMinor - used),
  };
}

/**
 * Records a goodwill gesture. Within the requester's per-case and per-month empowerment it is
 * granted at once; above it, it waits for someone else (pending_approval, with an approval task for
 * the requester's manager, else another manager, else an admin; decided in case-goodwill-decision.ts).
 * With `status: 'granted'` the caller insists on granting now: above the limit that is
 * GOODWILL_LIMIT_EXCEEDED. The currency must be the company currency.
 */
export async function addGoodwill(ctx: Ctx, caseId: string, input: CreateGoodwill): Promise<Goodwill> {
  const data = createGoodwillSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['new', 'open', 'waiting_customer', 'reopened', 'resolved'], 'record goodwill');
    const settings = await getCaseSettings(tx);
    if (data.currency !== settings.currency) {
      throw new AppError('CURRENCY_MISMATCH', `currency: goodwill is recorded in ${settings.currency}`, {
        errors: [{ path: 'currency', message: `must be ${settings.currency}` }],
      });
    }
    const requester = tx.actor.kind === 'user' ? tx.actor.id : null;
    const limits = await limitsOf(tx, requester, settings);
    let onCase = 0;
    if (requester) {
      const r = await tx.db
        .selectFrom('case_goodwill')
        .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('s'))
        .where('case_id', '=', caseId)
        .where('requested_by', '=', requester)
        .where('self_granted', '=', 1)
        .where('status', '=', 'granted')
        .executeTakeFirst();
      onCase = Number(r?.s ?? 0);
    }
    const used = requester ? await usedThisMonth(tx, requester) : 0;
    const withinCase = limits.perCaseMinor === null || onCase + data.amountMinor <= limits.perCaseMinor;
    const withinMonth = limits.perMonthMinor === null || used + data.amountMinor <= limits.perMonthMinor;
    const within = withinCase && withinMonth;
    if (!within && data.status === 'granted') {
      throw new AppError(
        'GOODWILL_LIMIT_EXCEEDED',
        `The gesture exceeds your ${withinCase ? 'monthly' : 'per-case'} goodwill limit; it needs a manager's approval`,
        {
          errors: [{ path: 'amountMinor', message: 'above your empowerment limit' }],
          extra: {
            perCaseMinor: limits.perCaseMinor,
            perMonthMinor: limits.perMonthMinor,
            usedThisMonthMinor: used,
            usedOnCaseMinor: onCase,
          },
        },
      );
    }
    const now = nowIso(tx);
    const g: GoodwillRow = {
      id: newId('gw'),
      case_id: row.id,
      customer_id: row.customer_id,
      kind: data.kind,
      amount_minor: data.amountMinor,
      currency: data.currency,
      description: data.description,
      status: within ? 'granted' : 'pending_approval',
      requested_by: requester,
      requested_at: now,
      self_granted: within ? 1 : 0,
      decided_by: within ? requester : null,
      decided_at: within ? now : null,
      decision_note: null,
      approval_task_id: null,
      approver_id: null,
      endorsements: null,
    };
    if (!within) {
      const approver = await firstApprover(tx, requester);
      g.approver_id = approver?.id ?? null;
      // A key with the amount as money: each reader gets their language and separators.
      const task = await createTask(tx, {
        customerId: row.customer_id,
        caseId: row.id,
        assigneeId: approver?.id ?? null,
        titleText: storedText('cases:staff.approvalTitle', {
          amount: { money: { amountMinor: data.amountMinor, currency: data.currency } },
          reference: row.reference,
        }),
        description: data.description,
        dueAt: addBusinessMinutes(calendarOf(settings), tx.clock.now(), 9 * 60).toISOString(),
        priority: 'high',
        source: 'case_goodwill_approval',
        sourceRef: g.id,
        dedupeKey: `case_goodwill_approval:${g.id}`,
      });
      g.approval_task_id = task.id;
    }
    await tx.db.insertInto('case_goodwill').values(g).execute();
    await auditCase(tx, row, within ? 'goodwill_grant' : 'goodwill_request', {
      [`goodwill:${g.id}`]: {
        before: null,
        after: {
          kind: g.kind,
          amountMinor: g.amount_minor,
          currency: g.currency,
          description: g.description,
          status: g.status,
        },
      },
    });
    await announceGoodwill(tx, g, 'goodwill.requested');
    if (within) await announceGoodwill(tx, g, 'goodwill.decided');
    return toGoodwill(g);
  });
}

/** Tells the other domains (webhooks) of a gesture: requested, or decided (granted or declined). */
export async function announceGoodwill(
  tx: Ctx,
  g: GoodwillRow,
  event: 'goodwill.requested' | 'goodwill.decided',
): Promise<void> {
  const common = {
    goodwillId: g.id,
    caseId: g.case_id,
    customerId: g.customer_id,
    kind: g.kind,
    amountMinor: Number(g.amount_minor),
    currency: g.currency,
  };
  if (event === 'goodwill.requested')
    await emitEvent(tx, event, {
      ...common,
      status: g.status,
      requestedBy: g.requested_by,
      requestedAt: g.requested_at,
    });
  else
    await emitEvent(tx, event, {
      ...common,
      decision: g.status === 'granted' ? 'granted' : 'declined',
      selfGranted: g.self_granted === 1,
      decidedBy: g.decided_by,
      decidedAt: g.decided_at,
    });
}
