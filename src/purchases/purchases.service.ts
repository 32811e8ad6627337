// Purchases: what each customer bought, when, for how much. Feeds 12-month revenue (tiers) and the churn models.
import { sql } from 'kysely';
import { z } from 'zod';
import { applyRevenue } from '../customers/customer-tiers.service.js';
import { getCustomers } from '../customers/customers.service.js';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { getSetting } from '../platform/settings.service.js';
import {
  type CreatePurchase,
  createPurchaseSchema,
  type ListPurchasesQuery,
  type Purchase,
  type PurchaseKind,
} from './purchases.schema.js';
import type { PurchaseTables } from './purchases.tables.js';

type Row = PurchaseTables['purchases'];

export const COMPANY_CURRENCY_KEY = 'company.currency';
const currencySetting = z.string().regex(/^[A-Z]{3}$/);

/** The company's currency (setting `company.currency`, default EUR); all money it records is in it. */
export function companyCurrency(ctx: Ctx): Promise<string> {
  return getSetting(ctx, COMPANY_CURRENCY_KEY, currencySetting, 'EUR');
}

/** Throws CURRENCY_MISMATCH naming `field` unless `currency` is the company currency. */
export async function ensureCompanyCurrency(ctx: Ctx, currency: string, field = 'currency'): Promise<void> {
  const expected = await companyCurrency(ctx);
  if (currency !== expected) {
    throw new AppError('CURRENCY_MISMATCH', `${field}: ${currency} is not the company currency ${expected}`, {
      errors: [{ path: field, message: `must be the company currency ${expected}` }],
    });
  }
}

function toPurchase(r: Row): Purchase {
  return {
    id: r.id,
    externalId: r.external_id,
    customerId: r.customer_id,
    purchasedAt: r.purchased_at,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    kind: r.kind as PurchaseKind,
    productCode: r.product_code,
    quantity: Number(r.quantity),
    description: r.description,
    source: r.source as Purchase['source'],
    createdAt: r.created_at,
  };
}

/** The start of the 12-month revenue window ending at `now` (same day and time one year earlier). */
export function revenueWindowStart(now: Date): string {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  return from.toISOString();
}

/** Purchases may be dated up to a day ahead (time zones of date-only exports), not later. */
export function latestAllowedPurchaseTime(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString();
}

/**
 * Records one purchase, audited, emitting 'purchase.recorded' and updating revenue and tier in one
 * transaction; a known externalId answers the existing purchase and changes nothing.
 */
export async function recordPurchase(
  ctx: Ctx,
  input: CreatePurchase,
): Promise<{ purchase: Purchase; created: boolean }> {
  const data = createPurchaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('purchases')
      .selectAll()
      .where('external_id', '=', data.externalId)
      .executeTakeFirst();
    if (existing) return { purchase: toPurchase(existing), created: false };
    await ensureCompanyCurrency(tx, data.currency);
    const purchasedAt = new Date(data.purchasedAt).toISOString();
    if (purchasedAt > latestAllowedPurchaseTime(tx.clock.now()))
      throw invalid('purchasedAt', 'lies in the future');
    const [customer] = await getCustomers(tx, [data.customerId]);
    if (!customer) throw invalid('customerId', 'no such customer');
    if (customer.status === 'erased')
      throw new AppError('CUSTOMER_ERASED', `Customer ${customer.id} was erased`, {
        errors: [{ path: 'customerId', message: 'customer was erased' }],
      });
    const row: Row = {
      id: newId('pur'),
      external_id: data.externalId,
      customer_id: customer.id,
      purchased_at: purchasedAt,
      amount_minor: data.amountMinor,
      currency: data.currency,
      kind: data.kind,
      product_code: data.productCode ?? null,
      quantity: data.quantity,
      description: data.description ?? null,
      source: 'api',
      created_at: nowIso(tx),
    };
    // A concurrent request with the same externalId may have won the race: then answer its purchase.
    const inserted = await tx.db
      .insertInto('purchases')
      .values(row)
      .onConflict((oc) => oc.column('external_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const winner = await tx.db
        .selectFrom('purchases')
        .selectAll()
        .where('external_id', '=', data.externalId)
        .executeTakeFirstOrThrow();
      return { purchase: toPurchase(winner), created: false };
    }
    const { id: _id, created_at: _c, source: _s, ...visible } = row;
    await recordAudit(tx, {
      entityType: 'purchase',
      entityId: row.id,
      customerId: row.customer_id,
      action: 'create',
      changes: diff(null, visible),
    });
    await emitEvent(tx, 'purchase.recorded', {
      customerId: row.customer_id,
      purchaseId: row.id,
      at: row.purchased_at,
      kind: row.kind,
      productCode: row.product_code,
    });
    await recomputeRevenue(tx, [row.customer_id]);
    return { purchase: toPurchase(row), created: true };
  });
}

/** One purchase by id; 404 when unknown. */
export async function getPurchase(ctx: Ctx, id: string): Promise<Purchase> {
  const row = await ctx.db.selectFrom('purchases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Purchase', id);
  return toPurchase(row);
}

/** A page of purchases matching the filters, newest first. */
export async function listPurchases(ctx: Ctx, query: ListPurchasesQuery) {
  let q = ctx.db.selectFrom('purchases').selectAll();
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  if (query.from) q = q.where('purchased_at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('purchased_at', '<', new Date(query.to).toISOString());
  if (query.kind) q = q.where('kind', '=', query.kind);
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const [at, id] = cursor.map(String);
    q = q.where((eb) =>
      eb.or([eb('purchased_at', '<', at), eb.and([eb('purchased_at', '=', at), eb('id', '<', id)])]),
    );
  }
  const rows = await q
    .orderBy('purchased_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, toPurchase, (r) => [r.purchased_at, r.id]);
}

/** Every purchase of one customer, newest first. */
export async function listPurchasesForCustomer(ctx: Ctx, customerId: string): Promise<Purchase[]> {
  const rows = await ctx.db
    .selectFrom('purchases')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('purchased_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toPurchase);
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Revenue (minor units) per customer of purchases in [from, to); `null` means every customer.
 * Customers without purchases in the range are absent from the map.
 */
export async function revenueBetween(
  ctx: Ctx,
  customerIds: string[] | null,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const run = async (ids: string[] | null) => {
    let q = ctx.db
      .selectFrom('purchases')
      .select(['customer_id', sql<number>`sum(amount_minor)`.as('revenue')])
      .where('purchased_at', '>=', new Date(from).toISOString())
      .where('purchased_at', '<', new Date(to).toISOString());
    if (ids) q = q.where('customer_id', 'in', ids);
    for (const r of await q.groupBy('customer_id').execute()) out.set(r.customer_id, Number(r.revenue));
  };
  if (customerIds === null) await run(null);
  else for (const chunk of chunks([...new Set(customerIds)])) await run(chunk);
  return out;
}

/** The time of each customer's latest purchase (customers without purchases are absent). */
export async function lastPurchaseAt(ctx: Ctx, customerIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of chunks([...new Set(customerIds)])) {
    const rows = await ctx.db
      .selectFrom('purchases')
      .select(['customer_id', (eb) => eb.fn.max('purchased_at').as('last')])
      .where('customer_id', 'in', chunk)
      .groupBy('customer_id')
      .execute();
    for (const r of rows) out.set(r.customer_id, String(r.last));
  }
  return out;
}

export type PurchaseDay = { day: string; spendMinor: number; purchases: number };
export type CustomerPurchaseDays = { customerId: string; days: PurchaseDay[]; totalSpendMinor: number };

/**
 * Yields each customer's distinct purchase days (UTC `YYYY-MM-DD`, ascending, with spend) before
 * `until`, one customer at a time in id order; memory does not grow with the number of purchases.
 */
export async function* purchaseDaysByCustomer(
  ctx: Ctx,
  options: { until?: string; pageSize?: number } = {},
): AsyncGenerator<CustomerPurchaseDays> {
  const until = options.until ? new Date(options.until).toISOString() : null;
  const pageSize = options.pageSize ?? 1000;
  let after = '';
  for (;;) {
    let idq = ctx.db.selectFrom('purchases').select('customer_id').where('customer_id', '>', after);
    if (until) idq = idq.where('purchased_at', '<', until);
    const ids = await idq.groupBy('customer_id').orderBy('customer_id').limit(pageSize).execute();
    if (ids.length === 0) return;
    const last = ids[ids.length - 1].customer_id;
    const day = sql<string>`substr(purchased_at, 1, 10)`;
    let q = ctx.db
      .selectFrom('purchases')
      .select([
        'customer_id',
        day.as('day'),
        sql<number>`sum(amount_minor)`.as('spend'),
        sql<number>`count(*)`.as('n'),
      ])
      .where('customer_id', '>', after)
      .where('customer_id', '<=', last);
    if (until) q = q.where('purchased_at', '<', until);
    const rows = await q.groupBy(['customer_id', day]).orderBy('customer_id').orderBy(day).execute();
    let current: CustomerPurchaseDays | null = null;
    for (const r of rows) {
      if (current && current.customerId !== r.customer_id) {
        yield current;
        current = null;
      }
      current ??= { customerId: r.customer_id, days: [], totalSpendMinor: 0 };
      const spend = Number(r.spend);
      current.days.push({ day: r.day, spendMinor: spend, purchases: Number(r.n) });
      current.totalSpendMinor += spend;
    }
    if (current) yield current;
    after = last;
  }
}

/**
 * Recomputes the 12-month revenue of the given customers (`null`: everyone, one grouped query) and
 * hands it to customers' applyRevenue, which re-derives tiers; answers how many tiers changed.
 */
export async function recomputeRevenue(ctx: Ctx, customerIds: string[] | null): Promise<number> {
  const now = ctx.clock.now();
  const from = revenueWindowStart(now);
  const to = now.toISOString();
  const revenue = sql<number>`coalesce(sum(case when purchased_at >= ${from} and purchased_at <= ${to} then amount_minor else 0 end), 0)`;
  const result: Array<{ customerId: string; revenue12mMinor: number }> = [];
  const run = async (ids: string[] | null) => {
    let q = ctx.db.selectFrom('purchases').select(['customer_id', revenue.as('revenue')]);
    if (ids) q = q.where('customer_id', 'in', ids);
    const rows = await q.groupBy('customer_id').execute();
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.customer_id);
      result.push({ customerId: r.customer_id, revenue12mMinor: Number(r.revenue) });
    }
    for (const id of ids ?? []) if (!seen.has(id)) result.push({ customerId: id, revenue12mMinor: 0 });
  };
  if (customerIds === null) await run(null);
  else for (const chunk of chunks([...new Set(customerIds)])) await run(chunk);
  return inTransaction(ctx, (tx) => applyRevenue(tx, result));
}

/** GDPR export: every purchase of the customer. */
export async function exportPurchasesForCustomer(ctx: Ctx, customerId: string): Promise<Purchase[]> {
  return listPurchasesForCustomer(ctx, customerId);
}

/** GDPR erasure: keeps amounts, dates and kinds (revenue, churn models) but removes the description text. */
export async function erasePurchasesForCustomer(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('purchases')
    .set({ description: null })
    .where('customer_id', '=', customerId)
    .execute();
}

/** One purchase as whole-base scans see it: customer, time (ISO text), amount in minor units. */
export type PurchaseScanRow = (customerId: string, purchasedAt: string, amountMinor: number) => void;

/**
 * Hands every purchase made before `until` (ISO time, exclusive) to `onRow`, all purchases of one
 * customer together and in time order; customers come in id order (binary) on SQLite and in id
 * batches on PostgreSQL. For whole-base scans such as the churn models: memory does not grow with the
 * number of purchases. SQLite iterates the (customer_id, purchased_at) index as raw rows on a
 * read-only connection of its own (committed data; inside a transaction the batched path below);
 * PostgreSQL reads `batch` customers per query by keyset. Answers the number of rows.
 */
export async function scanPurchasesByCustomer(
  ctx: Ctx,
  options: { until: string; batch?: number },
  onRow: PurchaseScanRow,
): Promise<number> {
  const until = new Date(options.until).toISOString();
  let n = 0;
  // The fast path reads committed data through a connection of its own; inside a transaction (whose
  // own writes it must see) or on an in-memory database it takes the batched path on ctx instead.
  if (ctx.dialect === 'sqlite' && !ctx.db.isTransaction && ctx.config.sqlitePath !== ':memory:') {
    const { default: SQLite } = await import('better-sqlite3');
    const conn = new SQLite(ctx.config.sqlitePath, { readonly: true, fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 10000');
      const stmt = conn
        .prepare(
          `select customer_id, purchased_at, amount_minor from purchases indexed by purchases_customer_time
           where purchased_at < ? order by customer_id, purchased_at`,
        )
        .raw(true);
      for (const r of stmt.iterate(until) as IterableIterator<[string, string, number]>) {
        onRow(r[0], r[1], r[2]);
        n++;
      }
    } finally {
      conn.close();
    }
    return n;
  }
  const batch = options.batch ?? 2000;
  let after = '';
  for (;;) {
    const ids = await ctx.db
      .selectFrom('purchases')
      .select('customer_id')
      .distinct()
      .where('customer_id', '>', after)
      .where('purchased_at', '<', until)
      .orderBy('customer_id')
      .limit(batch)
      .execute();
    if (ids.length === 0) return n;
    const last = ids[ids.length - 1].customer_id;
    const rows = await ctx.db
      .selectFrom('purchases')
      .select(['customer_id', 'purchased_at', 'amount_minor'])
      .where('customer_id', '>', after)
      .where('customer_id', '<=', last)
      .where('purchased_at', '<', until)
      .orderBy('customer_id')
      .orderBy('purchased_at')
      .execute();
    for (const r of rows) onRow(r.customer_id, r.purchased_at, Number(r.amount_minor));
    n += rows.length;
    after = last;
  }
}
