// Products: the catalogue with each product's current new-customer price and the history of that
// price, so later checks can ask what a new customer paid at any time.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, notFound } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { ensureCompanyCurrency } from '../purchases/purchases.service.js';
import {
  type BillingPeriod,
  type CreateProduct,
  createProductSchema,
  type ListProductsQuery,
  type Product,
  type ProductPrice,
  type SetNewCustomerPrice,
  setNewCustomerPriceSchema,
  type UpdateProduct,
  updateProductSchema,
} from './products.schema.js';
import type { ProductTables } from './products.tables.js';

type Row = ProductTables['products'];

function toProduct(r: Row): Product {
  return {
    id: r.id,
    code: r.code,
    name: { de: r.name_de, en: r.name_en },
    kind: r.kind as Product['kind'],
    currency: r.currency,
    newCustomerPriceMinor: Number(r.new_customer_price_minor),
    billingPeriod: r.billing_period as BillingPeriod,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function getRow(ctx: Ctx, id: string): Promise<Row> {
  const row = await ctx.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Product', id);
  return row;
}

async function addPriceHistory(
  ctx: Ctx,
  productId: string,
  price: { priceMinor: number; currency: string; billingPeriod: string },
): Promise<void> {
  await ctx.db
    .insertInto('product_prices')
    .values({
      id: newId('prp'),
      product_id: productId,
      price_minor: price.priceMinor,
      currency: price.currency,
      billing_period: price.billingPeriod,
      valid_from: nowIso(ctx),
      created_by: ctx.actor.id,
    })
    .execute();
}

/** Creates a product with its first new-customer price (history starts now); the code must be unused. */
export async function createProduct(ctx: Ctx, input: CreateProduct): Promise<Product> {
  const data = createProductSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    await ensureCompanyCurrency(tx, data.currency);
    const dup = await tx.db
      .selectFrom('products')
      .select('id')
      .where('code', '=', data.code)
      .executeTakeFirst();
    if (dup)
      throw new AppError('DUPLICATE', `A product with code ${data.code} exists`, {
        errors: [{ path: 'code', message: 'already in use' }],
        extra: { existingId: dup.id },
      });
    const now = nowIso(tx);
    const row: Row = {
      id: newId('prd'),
      code: data.code,
      name_de: data.name.de,
      name_en: data.name.en,
      kind: data.kind,
      currency: data.currency,
      new_customer_price_minor: data.newCustomerPriceMinor,
      billing_period: data.billingPeriod,
      active: data.active ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('products').values(row).execute();
    await addPriceHistory(tx, row.id, {
      priceMinor: data.newCustomerPriceMinor,
      currency: data.currency,
      billingPeriod: data.billingPeriod,
    });
    const { created_at: _c, updated_at: _u, ...visible } = row;
    await recordAudit(tx, {
      entityType: 'product',
      entityId: row.id,
      action: 'create',
      changes: diff(null, visible),
    });
    return toProduct(row);
  });
}

/** One product by id; 404 when unknown. */
export async function getProduct(ctx: Ctx, id: string): Promise<Product> {
  return toProduct(await getRow(ctx, id));
}

/** Products by code (unknown codes are absent from the map). */
export async function getProductsByCode(ctx: Ctx, codes: string[]): Promise<Map<string, Product>> {
  const out = new Map<string, Product>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('products')
      .selectAll()
      .where('code', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.code, toProduct(r));
  }
  return out;
}

/** A page of products ordered by code. */
export async function listProducts(ctx: Ctx, query: ListProductsQuery) {
  let q = ctx.db.selectFrom('products').selectAll();
  if (query.active) q = q.where('active', '=', query.active === 'true' ? 1 : 0);
  if (query.kind) q = q.where('kind', '=', query.kind);
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where('code', '>', String(cursor[0]));
  const rows = await q
    .orderBy('code')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, toProduct, (r) => [r.code]);
}

/** Changes names, kind or the active flag; audited. The price changes only through setNewCustomerPrice. */
export async function updateProduct(ctx: Ctx, id: string, input: UpdateProduct): Promise<Product> {
  const patch = updateProductSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    const set: Partial<Row> = {};
    if (patch.name?.de !== undefined) set.name_de = patch.name.de;
    if (patch.name?.en !== undefined) set.name_en = patch.name.en;
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    const changes = diff(before, set);
    if (Object.keys(changes).length === 0) return toProduct(before);
    await tx.db
      .updateTable('products')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, { entityType: 'product', entityId: id, action: 'update', changes });
    return getProduct(tx, id);
  });
}

/**
 * Sets the price a new customer pays from now on; the previous price stays in the history.
 * Audited; setting the same price and period again changes nothing.
 */
export async function setNewCustomerPrice(
  ctx: Ctx,
  id: string,
  input: SetNewCustomerPrice,
): Promise<Product> {
  const data = setNewCustomerPriceSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    const set = {
      new_customer_price_minor: data.priceMinor,
      billing_period: data.billingPeriod ?? before.billing_period,
    };
    const changes = diff(
      { ...before, new_customer_price_minor: Number(before.new_customer_price_minor) },
      set,
    );
    if (Object.keys(changes).length === 0) return toProduct(before);
    await tx.db
      .updateTable('products')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', id)
      .execute();
    await addPriceHistory(tx, id, {
      priceMinor: set.new_customer_price_minor,
      currency: before.currency,
      billingPeriod: set.billing_period,
    });
    await recordAudit(tx, { entityType: 'product', entityId: id, action: 'new_customer_price', changes });
    return getProduct(tx, id);
  });
}

function toPrice(r: ProductTables['product_prices']): ProductPrice {
  return {
    priceMinor: Number(r.price_minor),
    currency: r.currency,
    billingPeriod: r.billing_period as BillingPeriod,
    validFrom: r.valid_from,
    setBy: r.created_by,
  };
}

/** The new-customer price history of a product, newest first. */
export async function listNewCustomerPrices(ctx: Ctx, productId: string): Promise<ProductPrice[]> {
  await getRow(ctx, productId);
  const rows = await ctx.db
    .selectFrom('product_prices')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toPrice);
}

/** What a new customer paid for the product at time `at`; null before the product had a price. */
export async function newCustomerPriceAt(
  ctx: Ctx,
  productId: string,
  at: string,
): Promise<ProductPrice | null> {
  const row = await ctx.db
    .selectFrom('product_prices')
    .selectAll()
    .where('product_id', '=', productId)
    .where('valid_from', '<=', new Date(at).toISOString())
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toPrice(row) : null;
}

/**
 * A price per `from` period expressed per `to` period (a year is 12 months); null when the two
 * cannot be compared (a one-off price against a recurring one).
 */
export function normalisePrice(priceMinor: number, from: BillingPeriod, to: BillingPeriod): number | null {
  if (from === to) return priceMinor;
  if (from === 'once' || to === 'once') return null;
  return from === 'year' ? Math.round(priceMinor / 12) : priceMinor * 12;
}
