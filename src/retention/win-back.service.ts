// Win-back of lost customers: a purchase after the confirmation wins them back, the follow-up
// task N days later, and the reports (win-back rate, the reasons customers left).
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { emitEvent } from '../platform/events.js';
import { storedText } from '../platform/i18n/stored-text.js';
import { getCompanyTimeZone, localDay } from '../platform/time/index.js';
import { listLostBetween } from './lost-customers.service.js';
import * as ports from './retention.ports.js';
import type { LostReasons, WinBack } from './retention.schema.js';
import { addDays, daysBetween, percentile, rate, round } from './retention.stats.js';
import './retention.i18n.js';

/**
 * Marks a lost customer as won back when they bought after the confirmation: status 'active'
 * again (customers service, audited) and the lost record closed (audited). Returns whether it did.
 */
export async function checkWinBack(ctx: Ctx, lostId: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .selectFrom('retention_lost_customers')
      .selectAll()
      .where('id', '=', lostId)
      .executeTakeFirst();
    if (row?.status !== 'lost') return false;
    const last = (await ports.lastPurchaseAt(tx, [row.customer_id])).get(row.customer_id);
    if (!last || last <= row.confirmed_at) return false;
    const purchases = await ports.listPurchasesForCustomer(tx, row.customer_id);
    const first = purchases
      .map((p) => p.purchasedAt)
      .filter((at) => at > row.confirmed_at)
      .sort()[0];
    const [customer] = await ports.getCustomers(tx, [row.customer_id]);
    if (customer && customer.status === 'lost')
      await ports.updateCustomer(tx, row.customer_id, { status: 'active' });
    const set = { status: 'won_back', won_back_at: first ?? last };
    await tx.db
      .updateTable('retention_lost_customers')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(tx, {
      entityType: 'lost_customer',
      entityId: row.id,
      customerId: row.customer_id,
      action: 'won_back',
      changes: diff(row, set),
    });
    await emitEvent(tx, 'customer.won_back', {
      customerId: row.customer_id,
      lostId: row.id,
      wonBackAt: set.won_back_at,
    });
    return true;
  });
}

/** Checks every open lost record for a purchase since (on demand); returns how many were won back. */
export async function checkAllWinBacks(ctx: Ctx, customerId?: string): Promise<number> {
  let q = ctx.db.selectFrom('retention_lost_customers').select('id').where('status', '=', 'lost');
  if (customerId) q = q.where('customer_id', '=', customerId);
  let n = 0;
  for (const r of await q.execute()) if (await checkWinBack(ctx, r.id)) n++;
  return n;
}

/** The follow-up N days after confirmation: won back if they bought, else a follow-up task for the owner. */
export async function followUpLost(ctx: Ctx, lostId: string): Promise<'won_back' | 'task' | 'none'> {
  if (await checkWinBack(ctx, lostId)) return 'won_back';
  const row = await ctx.db
    .selectFrom('retention_lost_customers')
    .selectAll()
    .where('id', '=', lostId)
    .executeTakeFirst();
  if (row?.status !== 'lost') return 'none';
  const [customer] = await ports.getCustomers(ctx, [row.customer_id]);
  if (!customer || customer.status === 'erased') return 'none';
  await ports.createTask(ctx, {
    customerId: customer.id,
    titleText: storedText('retention:tasks.followUpTitle', { name: { customer: customer.id } }),
    descriptionText: storedText('retention:tasks.followUpDescription', {
      name: { customer: customer.id },
      // The company's local day of the confirmation, worded as a date when read.
      date: { date: localDay(row.confirmed_at, await getCompanyTimeZone(ctx)) },
    }),
    dueAt: addDays(nowIso(ctx), 7),
    priority: 'normal',
    source: 'win_back',
    sourceRef: row.id,
    dedupeKey: `win-back-follow-up:${row.id}`,
  });
  return 'task';
}

/**
 * Win-back of the customers confirmed lost in [from, to): how many bought again since, the rate,
 * and the median days from confirmation to the first purchase after it.
 */
export async function winBackReport(ctx: Ctx, from: string, to: string): Promise<WinBack> {
  const lost = await listLostBetween(ctx, from, to);
  const won = lost.filter((l) => l.status === 'won_back' && l.wonBackAt);
  const days = won.map((l) => round(daysBetween(l.confirmedAt, l.wonBackAt!), 1)).sort((a, b) => a - b);
  return {
    from,
    to,
    lost: lost.length,
    wonBack: won.length,
    winBackRate: rate(won.length, lost.length),
    medianDaysToWinBack: percentile(days, 0.5),
    method:
      'Customers confirmed lost in the period; won back = bought again after the confirmation (until now). Days = confirmation to first purchase after it.',
  };
}

/**
 * Reasons of the customers confirmed lost in [from, to), counted by exit-interview code: the
 * customer's exit-interview answer after the confirmation wins, else the code recorded on
 * confirmation, else 'unknown'.
 */
export async function lostReasons(ctx: Ctx, from: string, to: string): Promise<LostReasons> {
  const lost = await listLostBetween(ctx, from, to);
  const counts = new Map<string, { count: number; exit: number; conf: number }>();
  const comments: LostReasons['comments'] = [];
  for (const l of lost) {
    const answers = (await ports.listAnswersForCustomer(ctx, l.customerId))
      .filter((a) => a.definitionCode === 'exit_interview' && a.answeredAt >= l.confirmedAt)
      .sort((a, b) => (a.answeredAt < b.answeredAt ? -1 : 1));
    const exit = answers.find((a) => a.reasonCode) ?? answers[0];
    const code = exit?.reasonCode ?? l.reasonCode ?? 'unknown';
    const c = counts.get(code) ?? { count: 0, exit: 0, conf: 0 };
    c.count++;
    if (exit?.reasonCode) c.exit++;
    else if (l.reasonCode) c.conf++;
    counts.set(code, c);
    const text = exit?.comment ?? l.reason;
    if (text)
      comments.push({ customerId: l.customerId, at: exit?.comment ? exit.answeredAt : l.confirmedAt, text });
  }
  const total = lost.length;
  const items = [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([code, c]) => ({
      code,
      count: c.count,
      share: rate(c.count, total) ?? 0,
      fromExitInterview: c.exit,
      fromConfirmation: c.conf,
    }));
  return { from, to, total, items, comments };
}
