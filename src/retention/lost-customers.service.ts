// Lost customers and win-back: confirmation (never by a score alone), the exit reasons, the
// win-back task with a suggested offer, the follow-up, and the win-back rate.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import * as ports from './retention.ports.js';
import type { RetentionTables } from './retention.tables.js';
import {
  type ConfirmLost,
  confirmLostSchema,
  type DismissProposal,
  dismissProposalSchema,
  type LostCustomer,
  type LostReasons,
  type LostSource,
  type OfferKind,
  type WinBack,
} from './retention.schema.js';
import { getRetentionSettings } from './retention.settings.js';
import { addDays, daysBetween, percentile, rate, round } from './retention.stats.js';
import { fill, formatMoney, textsFor } from './retention.texts.js';

type Row = RetentionTables['retention_lost_customers'];

export const WIN_BACK_FOLLOW_UP_JOB = 'retention.win-back-follow-up';

function toLost(r: Row, lang = 'en'): LostCustomer {
  const t = textsFor(lang);
  const amount = r.offer_minor === null ? null : Number(r.offer_minor);
  return {
    id: r.id,
    customerId: r.customer_id,
    source: r.source as LostSource,
    reasonCode: r.reason_code,
    reason: r.reason_text,
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
    valueMinor: Number(r.value_minor),
    valueBasis: r.value_basis as LostCustomer['valueBasis'],
    currency: r.currency,
    offer: {
      kind: r.offer_kind as OfferKind,
      amountMinor: amount,
      text: fill(t.offers[r.offer_kind as OfferKind], {
        amount: amount === null ? '' : formatMoney(amount, r.currency, lang),
      }),
    },
    winBackTaskId: r.win_back_task_id,
    status: r.status as LostCustomer['status'],
    wonBackAt: r.won_back_at,
  };
}

/**
 * The offer suggested for winning a customer back, by rule from their history: a contract customer
 * gets the loyalty price (today's new-customer price), a customer who mostly bought service or parts
 * a service voucher, everyone else a voucher; amounts from the settings.
 */
export async function suggestOffer(
  ctx: Ctx,
  customerId: string,
): Promise<{ kind: OfferKind; amountMinor: number | null }> {
  const settings = await getRetentionSettings(ctx);
  const contracts = await ports.listContractsForCustomer(ctx, customerId);
  if (contracts.length > 0) return { kind: 'loyalty_price', amountMinor: null };
  const purchases = await ports.listPurchasesForCustomer(ctx, customerId);
  const service = purchases.filter((p) => p.kind === 'service' || p.kind === 'parts').length;
  if (purchases.length > 0 && service * 2 > purchases.length)
    return { kind: 'service_voucher', amountMinor: settings.offers.serviceVoucherMinor };
  return { kind: 'voucher', amountMinor: settings.offers.generalVoucherMinor };
}

/** The customer's value at stake: CLV of the latest churn score, else revenue of the last 12 months. */
async function customerValue(
  ctx: Ctx,
  customerId: string,
): Promise<{ valueMinor: number; basis: 'clv' | 'revenue_12m' }> {
  const score = (await ports.latestScores(ctx, [customerId])).get(customerId);
  if (score && score.clvMinor !== null) return { valueMinor: Math.round(score.clvMinor), basis: 'clv' };
  const now = ctx.clock.now();
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  const revenue = await ports.revenueBetween(ctx, [customerId], from.toISOString(), now.toISOString());
  return { valueMinor: revenue.get(customerId) ?? 0, basis: 'revenue_12m' };
}

async function staffLang(ctx: Ctx, userId: string | null): Promise<string> {
  if (userId) {
    const u = await ports.getUser(ctx, userId).catch(() => null);
    if (u) return u.locale;
  }
  return ctx.actor.kind === 'user' ? ctx.actor.locale : 'de';
}

/**
 * Confirms a customer as lost: status 'lost' (customers service, audited), a lost record (audited),
 * 'customer.lost' emitted (exit interview), a win-back task for the owner with a suggested offer and
 * the follow-up job after N days — all in one transaction. 409 when the customer is already lost.
 */
export async function confirmLost(ctx: Ctx, input: ConfirmLost): Promise<LostCustomer> {
  const data = confirmLostSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const [customer] = await ports.getCustomers(tx, [data.customerId]);
    if (!customer) throw invalid('customerId', 'no such customer');
    if (customer.status === 'erased') throw new AppError('CUSTOMER_ERASED');
    const open = await openLostRow(tx, customer.id);
    if (open || customer.status === 'lost')
      throw new AppError('CONFLICT', `Customer ${customer.id} is already confirmed lost`, {
        errors: [{ path: 'customerId', message: 'already lost' }],
      });
    const settings = await getRetentionSettings(tx);
    const value = await customerValue(tx, customer.id);
    const offer = await suggestOffer(tx, customer.id);
    const currency = await ports.companyCurrency(tx);
    const now = nowIso(tx);
    const row: Row = {
      id: newId('lost'),
      customer_id: customer.id,
      source: data.source,
      reason_code: data.reasonCode ?? null,
      reason_text: data.reason ?? null,
      contract_id: null,
      confirmed_at: now,
      confirmed_by: tx.actor.id,
      value_minor: value.valueMinor,
      value_basis: value.basis,
      currency,
      offer_kind: offer.kind,
      offer_minor: offer.amountMinor,
      win_back_task_id: null,
      status: 'lost',
      won_back_at: null,
      created_at: now,
      updated_at: now,
    };
    await ports.updateCustomer(tx, customer.id, { status: 'lost' });
    const lang = await staffLang(tx, customer.ownerId);
    const t = textsFor(lang);
    const lost = toLost(row, lang);
    const task = await ports.createTask(tx, {
      customerId: customer.id,
      title: fill(t.tasks.winBackTitle, { name: customer.name }),
      description: fill(t.tasks.winBackDescription, {
        name: customer.name,
        source: t.sources[data.source],
        reason: data.reason ?? data.reasonCode ?? t.tasks.noReason,
        offer: lost.offer.text,
      }),
      dueAt: addDays(now, settings.winBackTaskDueDays),
      priority: 'high',
      source: 'win_back',
      sourceRef: row.id,
      dedupeKey: `win-back:${customer.id}`,
    });
    row.win_back_task_id = task.id;
    await tx.db.insertInto('retention_lost_customers').values(row).execute();
    if (row.reason_code) await feedRootCause(tx, row, row.reason_code);
    await tx.db
      .updateTable('retention_lost_proposals')
      .set({ status: 'confirmed', decided_at: now })
      .where('customer_id', '=', customer.id)
      .where('status', '=', 'open')
      .execute();
    await recordAudit(tx, {
      entityType: 'lost_customer',
      entityId: row.id,
      customerId: customer.id,
      action: 'confirm_lost',
      changes: diff(null, {
        source: row.source,
        reason_code: row.reason_code,
        reason_text: row.reason_text,
        value_minor: row.value_minor,
        value_basis: row.value_basis,
        offer_kind: row.offer_kind,
        offer_minor: row.offer_minor,
      }),
    });
    await emitEvent(tx, 'customer.lost', {
      customerId: customer.id,
      lostId: row.id,
      source: row.source,
      reasonCode: row.reason_code,
      at: now,
    });
    await enqueueJob(tx, {
      type: WIN_BACK_FOLLOW_UP_JOB,
      key: `${WIN_BACK_FOLLOW_UP_JOB}:${row.id}`,
      payload: { lostId: row.id },
      runAt: new Date(addDays(now, settings.winBackFollowUpDays)),
    });
    // The answer speaks the confirming person's language; the task the owner's.
    const actorLang = ctx.actor.kind === 'user' ? ctx.actor.locale : lang;
    return { ...toLost(row, actorLang), winBackTaskId: task.id };
  });
}

/**
 * Counts the loss in the root-cause register under the category the exit reason maps to (settings
 * `lostReasonRootCauses`); a reason without a category (the customer moved) removes it again.
 */
async function feedRootCause(ctx: Ctx, row: Row, reasonCode: string): Promise<void> {
  const code = (await getRetentionSettings(ctx)).lostReasonRootCauses[reasonCode] ?? null;
  // A category deleted since the mapping was set counts for nothing rather than failing the loss.
  const category = code ? await ports.getRootCauseCategory(ctx, code) : null;
  await ports.recordRootCauseObservation(ctx, {
    categoryCode: category ? category.code : null,
    source: 'lost_customer',
    sourceRef: row.id,
    customerId: row.customer_id,
    at: row.confirmed_at,
  });
}

/**
 * An exit-interview answer after a confirmed loss: its reason replaces the one recorded on
 * confirmation in the root-cause register (the customer's own word wins). Safe to run twice.
 */
export async function handleExitInterviewAnswer(
  ctx: Ctx,
  p: { customerId: string; answerId: string },
): Promise<void> {
  const answer = (await ports.listAnswersForCustomer(ctx, p.customerId)).find((a) => a.id === p.answerId);
  if (!answer?.reasonCode) return;
  const lost = await ctx.db
    .selectFrom('retention_lost_customers')
    .selectAll()
    .where('customer_id', '=', p.customerId)
    .where('confirmed_at', '<=', answer.answeredAt)
    .orderBy('confirmed_at', 'desc')
    .executeTakeFirst();
  if (lost) await feedRootCause(ctx, lost, answer.reasonCode);
}

async function openLostRow(ctx: Ctx, customerId: string): Promise<Row | undefined> {
  return ctx.db
    .selectFrom('retention_lost_customers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('status', '=', 'lost')
    .executeTakeFirst();
}

/** The lost records of one customer, newest first. */
export async function listLostForCustomer(ctx: Ctx, customerId: string): Promise<LostCustomer[]> {
  const rows = await ctx.db
    .selectFrom('retention_lost_customers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('confirmed_at', 'desc')
    .execute();
  return rows.map((r) => toLost(r));
}

/** Lost records confirmed in [from, to), oldest first. */
export async function listLostBetween(
  ctx: Ctx,
  from: string,
  to: string,
  lang = 'en',
): Promise<LostCustomer[]> {
  const rows = await ctx.db
    .selectFrom('retention_lost_customers')
    .selectAll()
    .where('confirmed_at', '>=', from)
    .where('confirmed_at', '<', to)
    .orderBy('confirmed_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => toLost(r, lang));
}

/**
 * Reacts to a cancellation: when the customer has no other active contract and bought nothing
 * since the cancellation, proposes the customer as lost (or confirms at once, per the setting
 * `lostOnCancellation`). Repeats add no second open proposal.
 */
export async function handleContractCancelled(
  ctx: Ctx,
  p: { customerId: string; contractId: string; at: string; reason?: string | null },
): Promise<'proposed' | 'confirmed' | 'skipped'> {
  const settings = await getRetentionSettings(ctx);
  if (settings.lostOnCancellation === 'off') return 'skipped';
  const [customer] = await ports.getCustomers(ctx, [p.customerId]);
  if (!customer || customer.status === 'lost' || customer.status === 'erased') return 'skipped';
  const contracts = await ports.listContractsForCustomer(ctx, p.customerId);
  if (contracts.some((c) => c.id !== p.contractId && c.status === 'active')) return 'skipped';
  const last = (await ports.lastPurchaseAt(ctx, [p.customerId])).get(p.customerId);
  if (last && last > p.at) return 'skipped';
  if (settings.lostOnCancellation === 'confirm') {
    await confirmLost(ctx, {
      customerId: p.customerId,
      source: 'cancellation',
      reason: p.reason ?? undefined,
    });
    return 'confirmed';
  }
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('retention_lost_proposals')
      .select('id')
      .where('customer_id', '=', p.customerId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (existing) return 'skipped';
    const id = newId('lpr');
    await tx.db
      .insertInto('retention_lost_proposals')
      .values({
        id,
        customer_id: p.customerId,
        source: 'cancellation',
        contract_id: p.contractId,
        reason_text: p.reason ?? null,
        proposed_at: nowIso(tx),
        status: 'open',
        decided_at: null,
      })
      .execute();
    await recordAudit(tx, {
      entityType: 'lost_proposal',
      entityId: id,
      customerId: p.customerId,
      action: 'propose_lost',
      changes: diff(null, { source: 'cancellation', contract_id: p.contractId }),
    });
    return 'proposed' as const;
  });
}

/**
 * A manager decides a proposed customer is not lost (a person decides, either way): open
 * cancellation proposals of the customer are closed as dismissed, and a churn-model proposal is
 * not made again for `proposalDismissDays`. The reason goes into the audit log. 404 when nothing
 * is proposed for the customer.
 */
export async function dismissLostProposal(ctx: Ctx, input: DismissProposal): Promise<void> {
  const data = dismissProposalSchema.parse(input);
  await inTransaction(ctx, async (tx) => {
    const now = nowIso(tx);
    const open = await tx.db
      .selectFrom('retention_lost_proposals')
      .select('id')
      .where('customer_id', '=', data.customerId)
      .where('status', '=', 'open')
      .execute();
    let id: string;
    let source: 'cancellation' | 'churn_model';
    if (open.length > 0) {
      source = 'cancellation';
      id = open[0].id;
      await tx.db
        .updateTable('retention_lost_proposals')
        .set({ status: 'dismissed', decided_at: now })
        .where(
          'id',
          'in',
          open.map((o) => o.id),
        )
        .execute();
    } else {
      // The same test as listLostProposals, for this one customer: at risk in the latest run with
      // P(alive) below the setting, not lost, and not dismissed lately.
      if (!(await isChurnModelProposal(tx, data.customerId)))
        throw notFound('Lost-customer proposal for customer', data.customerId);
      source = 'churn_model';
      id = newId('lpr');
      await tx.db
        .insertInto('retention_lost_proposals')
        .values({
          id,
          customer_id: data.customerId,
          source,
          contract_id: null,
          reason_text: null,
          proposed_at: now,
          status: 'dismissed',
          decided_at: now,
        })
        .execute();
    }
    await recordAudit(tx, {
      entityType: 'lost_proposal',
      entityId: id,
      customerId: data.customerId,
      action: 'dismiss_lost',
      changes: diff(null, { source, reason: data.reason }),
    });
  });
}

/** Churn-model proposals that a manager dismissed within the last `proposalDismissDays` days. */
async function recentlyDismissed(ctx: Ctx, days: number, customerId?: string): Promise<Set<string>> {
  let q = ctx.db
    .selectFrom('retention_lost_proposals')
    .select('customer_id')
    .where('source', '=', 'churn_model')
    .where('status', '=', 'dismissed')
    .where('decided_at', '>=', addDays(nowIso(ctx), -days));
  if (customerId) q = q.where('customer_id', '=', customerId);
  return new Set((await q.execute()).map((d) => d.customer_id));
}

async function isChurnModelProposal(ctx: Ctx, customerId: string): Promise<boolean> {
  const settings = await getRetentionSettings(ctx);
  const [customer] = await ports.getCustomers(ctx, [customerId]);
  if (!customer || customer.status === 'lost' || customer.status === 'erased') return false;
  const score = (await ports.latestScores(ctx, [customerId])).get(customerId);
  if (!score?.atRisk || score.pAlive >= settings.proposalPAliveBelow) return false;
  return !(await recentlyDismissed(ctx, settings.proposalDismissDays, customerId)).has(customerId);
}

/**
 * Customers a manager may confirm as lost: open cancellation proposals, and customers of the
 * latest churn run whose P(alive) is below the setting `proposalPAliveBelow` (never confirmed
 * automatically). Already lost customers are left out.
 */
export async function listLostProposals(ctx: Ctx) {
  const settings = await getRetentionSettings(ctx);
  const rows = await ctx.db
    .selectFrom('retention_lost_proposals')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('proposed_at')
    .execute();
  const items: Array<{
    customerId: string;
    customerName: string;
    source: 'cancellation' | 'churn_model';
    proposedAt: string | null;
    reason: string | null;
    contractId: string | null;
    pAlive: number | null;
    valueAtRiskMinor: number | null;
  }> = [];
  const customers = new Map(
    (
      await ports.getCustomers(
        ctx,
        rows.map((r) => r.customer_id),
      )
    ).map((c) => [c.id, c]),
  );
  for (const r of rows) {
    const c = customers.get(r.customer_id);
    if (!c || c.status === 'lost' || c.status === 'erased') continue;
    items.push({
      customerId: c.id,
      customerName: c.name,
      source: 'cancellation',
      proposedAt: r.proposed_at,
      reason: r.reason_text,
      contractId: r.contract_id,
      pAlive: null,
      valueAtRiskMinor: null,
    });
  }
  // A manager said "not lost" to these lately: the model does not propose them again for a while.
  const dismissed = await recentlyDismissed(ctx, settings.proposalDismissDays);
  const seen = new Set([...items.map((i) => i.customerId), ...dismissed]);
  let cursor: string | undefined;
  do {
    const page = await ports.listAtRisk(ctx, { limit: 500, cursor }, 'en');
    for (const a of page.items) {
      if (a.pAlive >= settings.proposalPAliveBelow || seen.has(a.customerId)) continue;
      seen.add(a.customerId);
      items.push({
        customerId: a.customerId,
        customerName: a.customerName,
        source: 'churn_model',
        proposedAt: null,
        reason: null,
        contractId: null,
        pAlive: a.pAlive,
        valueAtRiskMinor: a.valueAtRiskMinor,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items };
}

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
  const t = textsFor(await staffLang(ctx, customer.ownerId));
  await ports.createTask(ctx, {
    customerId: customer.id,
    title: fill(t.tasks.followUpTitle, { name: customer.name }),
    description: fill(t.tasks.followUpDescription, {
      name: customer.name,
      date: row.confirmed_at.slice(0, 10),
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

/** GDPR export: everything this part of retention holds about the customer. */
export async function exportLostData(ctx: Ctx, customerId: string) {
  const proposals = await ctx.db
    .selectFrom('retention_lost_proposals')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  return { lost: await listLostForCustomer(ctx, customerId), proposals };
}

/** Erasure drops the customer's free text (reasons); amounts, dates and codes stay for aggregates. */
export async function eraseLostData(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('retention_lost_customers')
    .set({ reason_text: null })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('retention_lost_proposals')
    .set({ reason_text: null })
    .where('customer_id', '=', customerId)
    .execute();
}
