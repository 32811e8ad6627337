// Customers: the people and companies a business wants to keep, with tier, owner and contact data.
// Creating, reading, finding, listing and changing them; tiers, consents and privacy have their own files.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { requireActiveUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { ilike } from '../platform/db/dialect.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { type CustomerRow, getCustomerRow, toCustomer, writeCustomerChange } from './customer-rows.js';
import { getTierRules } from './customer-tiers.service.js';
import {
  type CreateCustomer,
  type Customer,
  createCustomerSchema,
  type ListCustomersQuery,
  type UpdateCustomer,
} from './customers.schema.js';
import { erasedExternalRefs } from './customers.privacy.js';
import { deriveTier } from './tiers.js';

async function ensureOwner(ctx: Ctx, ownerId: string | null | undefined): Promise<void> {
  if (ownerId) await requireActiveUser(ctx, ownerId, 'ownerId');
}

/** Refuses an external reference another customer (not `exceptId`) already has: 409 naming the field. */
async function ensureExternalRefFree(ctx: Ctx, externalRef: string, exceptId?: string): Promise<void> {
  let q = ctx.db.selectFrom('customers').select('id').where('external_ref', '=', externalRef);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const dup = await q.executeTakeFirst();
  if (dup)
    throw new AppError('DUPLICATE', `A customer with externalRef ${externalRef} exists`, {
      errors: [{ path: 'externalRef', message: 'already in use' }],
      extra: { existingId: dup.id },
    });
}

/** Creates a customer; the tier is derived from tenure (no revenue yet). */
export async function createCustomer(ctx: Ctx, input: CreateCustomer): Promise<Customer> {
  const data = createCustomerSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    await ensureOwner(tx, data.ownerId);
    if (data.externalRef) {
      if ((await erasedExternalRefs(tx, [data.externalRef])).size > 0)
        throw new AppError(
          'CUSTOMER_ERASED',
          `The customer with externalRef ${data.externalRef} was erased on request and is not created again`,
          { errors: [{ path: 'externalRef', message: 'belongs to a customer erased on request' }] },
        );
      await ensureExternalRefFree(tx, data.externalRef);
    }
    const now = tx.clock.now();
    const id = newId('cus');
    const since = data.customerSince ? new Date(data.customerSince).toISOString() : now.toISOString();
    const row: CustomerRow = {
      id,
      number: data.number ?? `K${id.slice(-8).toUpperCase()}`,
      external_ref: data.externalRef ?? null,
      name: data.name,
      email: data.email ? data.email.toLowerCase() : null,
      phone: data.phone ?? null,
      locale: data.locale,
      customer_since: since,
      owner_id: data.ownerId ?? null,
      tags: JSON.stringify(data.tags),
      tier: deriveTier(await getTierRules(tx), since, 0, now),
      tier_pinned: 0,
      tier_pin_reason: null,
      revenue_12m_minor: 0,
      status: data.status,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      erased_at: null,
    };
    if (data.number) {
      const dupNo = await tx.db
        .selectFrom('customers')
        .select('id')
        .where('number', '=', data.number)
        .executeTakeFirst();
      if (dupNo)
        throw new AppError('DUPLICATE', `Customer number ${data.number} is in use`, {
          errors: [{ path: 'number', message: 'already in use' }],
        });
    }
    await tx.db.insertInto('customers').values(row).execute();
    const { created_at: _c, updated_at: _u, erased_at: _e, ...visible } = row;
    await recordAudit(tx, {
      entityType: 'customer',
      entityId: id,
      customerId: id,
      action: 'create',
      changes: diff(null, visible),
    });
    return toCustomer(row, now);
  });
}

/** One customer by id; 404 when unknown. */
export async function getCustomer(ctx: Ctx, id: string): Promise<Customer> {
  return toCustomer(await getCustomerRow(ctx, id), ctx.clock.now());
}

/** Several customers by id (unknown ids are left out). */
export async function getCustomers(ctx: Ctx, ids: string[]): Promise<Customer[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
  const now = ctx.clock.now();
  return rows.map((r) => toCustomer(r, now));
}

/** The customer with this e-mail address (case-insensitive), if any and not erased. */
export async function findCustomerByEmail(ctx: Ctx, email: string): Promise<Customer | null> {
  const row = await ctx.db
    .selectFrom('customers')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .where('status', '!=', 'erased')
    .orderBy('created_at')
    .executeTakeFirst();
  return row ? toCustomer(row, ctx.clock.now()) : null;
}

/** Maps external references (and customer numbers) to customer ids, for imports. */
export async function resolveCustomerRefs(ctx: Ctx, refs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await ctx.db
      .selectFrom('customers')
      .select(['id', 'external_ref', 'number'])
      .where((eb) =>
        eb.or([eb('external_ref', 'in', chunk), eb('number', 'in', chunk), eb('id', 'in', chunk)]),
      )
      .execute();
    for (const r of rows) {
      if (r.external_ref) out.set(r.external_ref, r.id);
      out.set(r.number, r.id);
      out.set(r.id, r.id);
    }
  }
  return out;
}

/** A page of customers matching the filters; `q` searches name, e-mail and number. */
export async function listCustomers(ctx: Ctx, query: ListCustomersQuery) {
  let q = ctx.db.selectFrom('customers').selectAll();
  if (query.q) {
    const like = `%${query.q.replace(/[%_]/g, '')}%`;
    const op = ilike(ctx.dialect);
    q = q.where((eb) =>
      eb.or([
        eb('name', op, like),
        eb('email', op, like),
        eb('number', op, like),
        eb('external_ref', '=', query.q!),
      ]),
    );
  }
  if (query.tier) q = q.where('tier', '=', query.tier);
  if (query.ownerId) q = q.where('owner_id', '=', query.ownerId);
  if (query.locale) q = q.where('locale', '=', query.locale);
  if (query.status) q = q.where('status', '=', query.status);
  else q = q.where('status', '!=', 'erased');
  if (query.tag) q = q.where('tags', 'like', `%${JSON.stringify(query.tag)}%`);
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where('id', '>', String(cursor[0]));
  const rows = await q
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  const now = ctx.clock.now();
  return toPage(
    rows,
    query.limit,
    (r) => toCustomer(r, now),
    (r) => [r.id],
  );
}

/** Changes the given fields; every change is audited with before and after. */
export async function updateCustomer(ctx: Ctx, id: string, patch: UpdateCustomer): Promise<Customer> {
  return inTransaction(ctx, async (tx) => {
    const before = await getCustomerRow(tx, id);
    if (before.status === 'erased') throw new AppError('CUSTOMER_ERASED');
    await ensureOwner(tx, patch.ownerId);
    if (patch.externalRef) await ensureExternalRefFree(tx, patch.externalRef, id);
    const set: Partial<CustomerRow> = {};
    if (patch.externalRef !== undefined) set.external_ref = patch.externalRef;
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.email !== undefined) set.email = patch.email ? patch.email.toLowerCase() : null;
    if (patch.phone !== undefined) set.phone = patch.phone;
    if (patch.locale !== undefined) set.locale = patch.locale;
    if (patch.customerSince !== undefined) set.customer_since = new Date(patch.customerSince).toISOString();
    if (patch.ownerId !== undefined) set.owner_id = patch.ownerId;
    if (patch.tags !== undefined) set.tags = JSON.stringify(patch.tags);
    if (patch.status !== undefined) set.status = patch.status;
    const changes = diff(before, set);
    if (Object.keys(changes).length === 0) return toCustomer(before, tx.clock.now());
    if (set.customer_since && before.tier_pinned === 0) {
      set.tier = deriveTier(
        await getTierRules(tx),
        set.customer_since,
        Number(before.revenue_12m_minor),
        tx.clock.now(),
      );
    }
    await writeCustomerChange(tx, before, set, 'update');
    return getCustomer(tx, id);
  });
}
