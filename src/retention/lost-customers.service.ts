// Lost customers and win-back: confirmation (never by a score alone), the exit reasons, the
// win-back task with a suggested offer, the follow-up, and the win-back rate.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { renderText, type StoredText, storedText } from '../platform/i18n/stored-text.js';
import { newId } from '../platform/ids.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import * as ports from './retention.ports.js';
import type { RetentionTables } from './retention.tables.js';
import {
  type ConfirmLost,
  confirmLostSchema,
  type LostCustomer,
  type LostSource,
  type OfferKind,
} from './retention.schema.js';
import { getRetentionSettings } from './retention.settings.js';
import { addDays } from './retention.stats.js';
import './retention.i18n.js';

type Row = RetentionTables['retention_lost_customers'];

export const WIN_BACK_FOLLOW_UP_JOB = 'retention.win-back-follow-up';

/** The suggested offer as a stored text (key + amount), worded per reader. */
function offerText(r: Pick<Row, 'offer_kind' | 'offer_minor' | 'currency'>): StoredText {
  return storedText(`retention:offers.${r.offer_kind}`, {
    amount:
      r.offer_minor === null ? '' : { money: { amountMinor: Number(r.offer_minor), currency: r.currency } },
  });
}

function toLost(r: Row, lang = 'en'): LostCustomer {
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
      text: renderText(lang, offerText(r)),
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
    // Stored as keys with the customer by id: each reader gets their language, erasure the placeholder.
    const task = await ports.createTask(tx, {
      customerId: customer.id,
      titleText: storedText('retention:tasks.winBackTitle', { name: { customer: customer.id } }),
      descriptionText: storedText('retention:tasks.winBackDescription', {
        name: { customer: customer.id },
        source: { text: storedText(`retention:sources.${data.source}`) },
        reason: data.reason ?? data.reasonCode ?? { text: storedText('retention:tasks.noReason') },
        offer: { text: offerText(row) },
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
    // The answer speaks the confirming person's language.
    const actorLang = ctx.actor.kind === 'user' ? ctx.actor.locale : 'de';
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

export async function openLostRow(ctx: Ctx, customerId: string): Promise<Row | undefined> {
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

/** GDPR export: everything this part of retention holds about the customer. */
export async function exportLostData(ctx: Ctx, customerId: string) {
  const proposals = await ctx.db
    .selectFrom('retention_lost_proposals')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  return { lost: await listLostForCustomer(ctx, customerId), proposals };
}

/** Erasure replaces the free text (reasons) with the neutral marker; amounts, dates and codes stay for aggregates. */
export async function eraseLostData(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('retention_lost_customers')
    .set({ reason_text: '[erased]' })
    .where('customer_id', '=', customerId)
    .where('reason_text', 'is not', null)
    .execute();
  await ctx.db
    .updateTable('retention_lost_proposals')
    .set({ reason_text: '[erased]' })
    .where('customer_id', '=', customerId)
    .where('reason_text', 'is not', null)
    .execute();
}
