// Contracts and subscriptions: which customer pays what for which product, since when, until when.
import { sql } from 'kysely';
import { getCustomers } from '../customers/customers.service.js';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound, nullIfNotFound } from '../platform/errors.js';
import { emitEvent } from '../platform/events.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { ensureCompanyCurrency } from '../purchases/purchases.service.js';
import {
  type BillingPeriod,
  type CancelContract,
  type Contract,
  type ContractStatus,
  type CreateContract,
  cancelContractSchema,
  createContractSchema,
  type ListContractsQuery,
  type UpdateContract,
  updateContractSchema,
} from './products.schema.js';
import { getProduct, getProductsByCode, normalisePrice } from './products.service.js';
import type { ProductTables } from './products.tables.js';

type Row = ProductTables['contracts'];
type RowWithCode = Row & { product_code: string };

/** active: no cancellation; cancelled: notice given, still running; ended: past its end. */
export function contractStatus(r: Pick<Row, 'cancelled_at' | 'ends_at'>, now: Date): ContractStatus {
  if (!r.cancelled_at) return 'active';
  return r.ends_at && r.ends_at <= now.toISOString() ? 'ended' : 'cancelled';
}

/** A cancelled contract runs until its renewal date when that comes later, else it ends at once. */
export function defaultEnd(cancelledAt: string, renewsAt: string | null): string {
  return renewsAt && renewsAt > cancelledAt ? renewsAt : cancelledAt;
}

function toContract(r: RowWithCode, now: Date): Contract {
  return {
    id: r.id,
    externalId: r.external_id,
    customerId: r.customer_id,
    productId: r.product_id,
    productCode: r.product_code,
    priceMinor: Number(r.price_minor),
    currency: r.currency,
    billingPeriod: r.billing_period as BillingPeriod,
    startedAt: r.started_at,
    renewsAt: r.renews_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    endsAt: r.ends_at,
    status: contractStatus(r, now),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const iso = (v: string) => new Date(v).toISOString();

function selectContracts(ctx: Ctx) {
  return ctx.db
    .selectFrom('contracts')
    .innerJoin('products', 'products.id', 'contracts.product_id')
    .selectAll('contracts')
    .select('products.code as product_code');
}

async function getRow(ctx: Ctx, id: string): Promise<RowWithCode> {
  const row = await selectContracts(ctx).where('contracts.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Contract', id);
  return row;
}

async function ensureLiveCustomer(ctx: Ctx, customerId: string): Promise<void> {
  const [customer] = await getCustomers(ctx, [customerId]);
  if (!customer) throw invalid('customerId', 'no such customer');
  if (customer.status === 'erased')
    throw new AppError('CUSTOMER_ERASED', `Customer ${customerId} was erased`, {
      errors: [{ path: 'customerId', message: 'customer was erased' }],
    });
}

/** The audited fields of a contract row (what before/after in the audit log show). */
function auditedFields(r: Partial<Row>) {
  const { created_at: _c, updated_at: _u, id: _id, ...rest } = r;
  return rest;
}

/**
 * Records a contract, audited with the customer. A repeat with a known externalId answers the
 * existing contract and changes nothing (`created: false`).
 */
export async function createContract(
  ctx: Ctx,
  input: CreateContract,
): Promise<{ contract: Contract; created: boolean }> {
  const data = createContractSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    if (data.externalId) {
      const existing = await selectContracts(tx)
        .where('contracts.external_id', '=', data.externalId)
        .executeTakeFirst();
      if (existing) return { contract: toContract(existing, tx.clock.now()), created: false };
    }
    await ensureCompanyCurrency(tx, data.currency);
    await ensureLiveCustomer(tx, data.customerId);
    const product = data.productId
      ? await getProduct(tx, data.productId).catch(nullIfNotFound)
      : (await getProductsByCode(tx, [data.productCode!])).get(data.productCode!);
    if (!product) throw invalid(data.productId ? 'productId' : 'productCode', 'no such product');
    const startedAt = iso(data.startedAt);
    const renewsAt = data.renewsAt ? iso(data.renewsAt) : null;
    if (renewsAt && renewsAt < startedAt) throw invalid('renewsAt', 'lies before startedAt');
    const now = nowIso(tx);
    const row: Row = {
      id: newId('ctr'),
      external_id: data.externalId ?? null,
      customer_id: data.customerId,
      product_id: product.id,
      price_minor: data.priceMinor,
      currency: data.currency,
      billing_period: data.billingPeriod,
      started_at: startedAt,
      renews_at: renewsAt,
      cancelled_at: null,
      cancel_reason: null,
      ends_at: null,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('contracts').values(row).execute();
    await recordAudit(tx, {
      entityType: 'contract',
      entityId: row.id,
      customerId: row.customer_id,
      action: 'create',
      changes: diff(null, auditedFields(row)),
    });
    return { contract: toContract({ ...row, product_code: product.code }, tx.clock.now()), created: true };
  });
}

/** One contract by id; 404 when unknown. */
export async function getContract(ctx: Ctx, id: string): Promise<Contract> {
  return toContract(await getRow(ctx, id), ctx.clock.now());
}

/** A page of contracts matching the filters, oldest first (by id). */
export async function listContracts(ctx: Ctx, query: ListContractsQuery) {
  const now = nowIso(ctx);
  let q = selectContracts(ctx);
  if (query.customerId) q = q.where('contracts.customer_id', '=', query.customerId);
  if (query.productId) q = q.where('contracts.product_id', '=', query.productId);
  if (query.status === 'active') q = q.where('contracts.cancelled_at', 'is', null);
  if (query.status === 'cancelled')
    q = q.where('contracts.cancelled_at', 'is not', null).where('contracts.ends_at', '>', now);
  if (query.status === 'ended')
    q = q.where('contracts.cancelled_at', 'is not', null).where('contracts.ends_at', '<=', now);
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where('contracts.id', '>', String(cursor[0]));
  const rows = await q
    .orderBy('contracts.id')
    .limit(query.limit + 1)
    .execute();
  const at = ctx.clock.now();
  return toPage(
    rows,
    query.limit,
    (r) => toContract(r, at),
    (r) => [r.id],
  );
}

/** Every contract of one customer, newest start first. */
export async function listContractsForCustomer(ctx: Ctx, customerId: string): Promise<Contract[]> {
  const rows = await selectContracts(ctx)
    .where('contracts.customer_id', '=', customerId)
    .orderBy('contracts.started_at', 'desc')
    .orderBy('contracts.id', 'desc')
    .execute();
  const now = ctx.clock.now();
  return rows.map((r) => toContract(r, now));
}

/** Changes price, period, start or renewal date; every change is audited with before and after. */
export async function updateContract(ctx: Ctx, id: string, input: UpdateContract): Promise<Contract> {
  const patch = updateContractSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    const set: Partial<Row> = {};
    if (patch.priceMinor !== undefined) set.price_minor = patch.priceMinor;
    if (patch.billingPeriod !== undefined) set.billing_period = patch.billingPeriod;
    if (patch.startedAt !== undefined) set.started_at = iso(patch.startedAt);
    if (patch.renewsAt !== undefined) set.renews_at = patch.renewsAt === null ? null : iso(patch.renewsAt);
    const startedAt = set.started_at ?? before.started_at;
    const renewsAt = set.renews_at === undefined ? before.renews_at : set.renews_at;
    if (renewsAt && renewsAt < startedAt) throw invalid('renewsAt', 'lies before startedAt');
    const changes = diff({ ...before, price_minor: Number(before.price_minor) }, set);
    if (Object.keys(changes).length === 0) return toContract(before, tx.clock.now());
    await tx.db
      .updateTable('contracts')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      entityType: 'contract',
      entityId: id,
      customerId: before.customer_id,
      action: 'update',
      changes,
    });
    return getContract(tx, id);
  });
}

/**
 * Records the customer's cancellation (date and reason), audited, and emits 'contract.cancelled'.
 * The contract keeps running until endsAt. A contract can be cancelled once (409 after).
 */
export async function cancelContract(ctx: Ctx, id: string, input: CancelContract): Promise<Contract> {
  const data = cancelContractSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    if (before.cancelled_at)
      throw new AppError('CONFLICT', `Contract ${id} was cancelled on ${before.cancelled_at}`);
    const cancelledAt = data.at ? iso(data.at) : nowIso(tx);
    if (cancelledAt < before.started_at) throw invalid('at', 'lies before the contract started');
    const endsAt = data.endsAt ? iso(data.endsAt) : defaultEnd(cancelledAt, before.renews_at);
    if (endsAt < cancelledAt) throw invalid('endsAt', 'lies before the cancellation');
    const set = { cancelled_at: cancelledAt, cancel_reason: data.reason, ends_at: endsAt };
    await tx.db
      .updateTable('contracts')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      entityType: 'contract',
      entityId: id,
      customerId: before.customer_id,
      action: 'cancel',
      changes: diff(before, set),
    });
    await emitEvent(tx, 'contract.cancelled', {
      customerId: before.customer_id,
      contractId: id,
      at: cancelledAt,
      reason: data.reason,
    });
    return getContract(tx, id);
  });
}

export type ContractWithNewCustomerPrice = {
  contractId: string;
  customerId: string;
  productId: string;
  productCode: string;
  priceMinor: number;
  currency: string;
  billingPeriod: BillingPeriod;
  /** The product's current new-customer price per the contract's billing period; null when not comparable. */
  newCustomerPriceMinor: number | null;
  newCustomerPriceCurrency: string;
  /** The period the product's price is quoted in. */
  newCustomerBillingPeriod: BillingPeriod;
};

/**
 * Every active (not cancelled) contract with its product's current new-customer price per the
 * contract's billing period (a year is 12 months), or null where it cannot be compared.
 */
export async function listActiveContractsWithNewCustomerPrice(
  ctx: Ctx,
): Promise<ContractWithNewCustomerPrice[]> {
  const rows = await ctx.db
    .selectFrom('contracts')
    .innerJoin('products', 'products.id', 'contracts.product_id')
    .select([
      'contracts.id as id',
      'contracts.customer_id as customer_id',
      'contracts.product_id as product_id',
      'products.code as code',
      'contracts.price_minor as price_minor',
      'contracts.currency as currency',
      'contracts.billing_period as billing_period',
      'products.new_customer_price_minor as ncp',
      'products.currency as ncp_currency',
      'products.billing_period as ncp_period',
    ])
    .where('contracts.cancelled_at', 'is', null)
    .orderBy('contracts.id')
    .execute();
  return rows.map((r) => {
    const period = r.billing_period as BillingPeriod;
    const normalised =
      r.ncp_currency === r.currency
        ? normalisePrice(Number(r.ncp), r.ncp_period as BillingPeriod, period)
        : null;
    return {
      contractId: r.id,
      customerId: r.customer_id,
      productId: r.product_id,
      productCode: r.code,
      priceMinor: Number(r.price_minor),
      currency: r.currency,
      billingPeriod: period,
      newCustomerPriceMinor: normalised,
      newCustomerPriceCurrency: r.ncp_currency,
      newCustomerBillingPeriod: r.ncp_period as BillingPeriod,
    };
  });
}

/** GDPR export: every contract of the customer. */
export async function exportContractsForCustomer(ctx: Ctx, customerId: string): Promise<Contract[]> {
  return listContractsForCustomer(ctx, customerId);
}

/** GDPR erasure: keeps prices, periods and dates (aggregates) but removes the free-text cancellation reason. */
export async function eraseContractsForCustomer(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('contracts')
    .set({ cancel_reason: sql<string | null>`case when cancel_reason is null then null else 'erased' end` })
    .where('customer_id', '=', customerId)
    .execute();
}

/** A customer's cancellation notices on contracts that still run (for the churn early warning). */
export type CancellationNotices = {
  contracts: number;
  /** Product names of the cancelled contracts (de, en), in contract start order. */
  productsDe: string[];
  productsEn: string[];
  /** The earliest end of the cancelled contracts (ISO). */
  firstEndsAt: string | null;
  /** The latest cancellation (ISO). */
  lastCancelledAt: string;
};

/**
 * Per customer: the contracts whose cancellation notice has been received but which still run at
 * `now` (status 'cancelled'), one query over all customers; customers without such a contract are absent.
 */
export async function cancellationNoticesByCustomer(
  ctx: Ctx,
  now: Date = ctx.clock.now(),
): Promise<Map<string, CancellationNotices>> {
  const at = now.toISOString();
  const rows = await ctx.db
    .selectFrom('contracts')
    .innerJoin('products', 'products.id', 'contracts.product_id')
    .select([
      'contracts.customer_id',
      'contracts.cancelled_at',
      'contracts.ends_at',
      'products.name_de',
      'products.name_en',
    ])
    .where('contracts.cancelled_at', 'is not', null)
    .where((eb) => eb.or([eb('contracts.ends_at', 'is', null), eb('contracts.ends_at', '>', at)]))
    .orderBy('contracts.customer_id')
    .orderBy('contracts.started_at')
    .orderBy('contracts.id')
    .execute();
  const out = new Map<string, CancellationNotices>();
  for (const r of rows) {
    let n = out.get(r.customer_id);
    if (!n) {
      n = { contracts: 0, productsDe: [], productsEn: [], firstEndsAt: null, lastCancelledAt: '' };
      out.set(r.customer_id, n);
    }
    n.contracts++;
    n.productsDe.push(r.name_de);
    n.productsEn.push(r.name_en);
    if (r.ends_at && (n.firstEndsAt === null || r.ends_at < n.firstEndsAt)) n.firstEndsAt = r.ends_at;
    if (r.cancelled_at && r.cancelled_at > n.lastCancelledAt) n.lastCancelledAt = r.cancelled_at;
  }
  return out;
}
