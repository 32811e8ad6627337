// Customers: the people and companies a business wants to keep, with tier, owner and consents.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { requireActiveUser } from '../platform/auth/users.service.js';
import { ilike } from '../platform/db/dialect.js';
import { AppError, notFound } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import type { CustomerTables } from './customers.tables.js';
import {
  type Consent,
  type CreateCustomer,
  type Customer,
  createCustomerSchema,
  type ListCustomersQuery,
  type RecordConsent,
  recordConsentSchema,
  tierRulesSchema,
  type UpdateCustomer,
} from './customers.schema.js';
import { defaultTierRules, deriveTier, type TierRule, tenureYears } from './tiers.js';

type Row = CustomerTables['customers'];

const TIER_RULES_KEY = 'customers.tierRules';

function toCustomer(r: Row, now: Date): Customer {
  return {
    id: r.id,
    number: r.number,
    externalRef: r.status === 'erased' ? null : r.external_ref,
    name: r.name,
    email: r.email,
    phone: r.phone,
    locale: r.locale as Customer['locale'],
    customerSince: r.customer_since,
    tenureYears: Math.round(tenureYears(r.customer_since, now) * 100) / 100,
    ownerId: r.owner_id,
    tags: JSON.parse(r.tags),
    tier: r.tier,
    tierPinned: r.tier_pinned === 1,
    revenue12mMinor: Number(r.revenue_12m_minor),
    status: r.status as Customer['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The configured tier thresholds, highest tier first. */
export function getTierRules(ctx: Ctx): Promise<TierRule[]> {
  return getSetting(ctx, TIER_RULES_KEY, tierRulesSchema, defaultTierRules);
}

/** Replaces the tier thresholds and re-derives the tier of every customer that is not pinned. */
export async function setTierRules(ctx: Ctx, rules: unknown): Promise<TierRule[]> {
  return inTransaction(ctx, async (tx) => {
    const saved = await setSetting(tx, TIER_RULES_KEY, tierRulesSchema, rules);
    await recomputeTiers(tx);
    return saved;
  });
}

async function ensureOwner(ctx: Ctx, ownerId: string | null | undefined): Promise<void> {
  if (ownerId) await requireActiveUser(ctx, ownerId, 'ownerId');
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
      const dup = await tx.db
        .selectFrom('customers')
        .select('id')
        .where('external_ref', '=', data.externalRef)
        .executeTakeFirst();
      if (dup)
        throw new AppError('DUPLICATE', `A customer with externalRef ${data.externalRef} exists`, {
          errors: [{ path: 'externalRef', message: 'already in use' }],
          extra: { existingId: dup.id },
        });
    }
    const now = tx.clock.now();
    const id = newId('cus');
    const since = data.customerSince ? new Date(data.customerSince).toISOString() : now.toISOString();
    const row: Row = {
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

async function getRow(ctx: Ctx, id: string): Promise<Row> {
  const row = await ctx.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Customer', id);
  return row;
}

/** One customer by id; 404 when unknown. */
export async function getCustomer(ctx: Ctx, id: string): Promise<Customer> {
  return toCustomer(await getRow(ctx, id), ctx.clock.now());
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
    const before = await getRow(tx, id);
    if (before.status === 'erased') throw new AppError('CUSTOMER_ERASED');
    await ensureOwner(tx, patch.ownerId);
    const set: Partial<Row> = {};
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
    await tx.db
      .updateTable('customers')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      entityType: 'customer',
      entityId: id,
      customerId: id,
      action: 'update',
      changes: diff(before, set),
    });
    return getCustomer(tx, id);
  });
}

/** Pins a tier chosen by a manager (or releases the pin with null, re-deriving the tier). */
export async function pinTier(ctx: Ctx, id: string, tier: string | null, reason?: string): Promise<Customer> {
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    const set: Partial<Row> =
      tier === null
        ? {
            tier_pinned: 0,
            tier_pin_reason: null,
            tier: deriveTier(
              await getTierRules(tx),
              before.customer_since,
              Number(before.revenue_12m_minor),
              tx.clock.now(),
            ),
          }
        : { tier_pinned: 1, tier_pin_reason: reason ?? null, tier };
    await tx.db
      .updateTable('customers')
      .set({ ...set, updated_at: nowIso(tx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      entityType: 'customer',
      entityId: id,
      customerId: id,
      action: tier === null ? 'tier_unpin' : 'tier_pin',
      changes: diff(before, set),
    });
    return getCustomer(tx, id);
  });
}

/**
 * Stores each customer's revenue of the last 12 months and re-derives unpinned tiers; tier
 * changes are audited. The purchases domain calls this when purchases arrive.
 */
export async function applyRevenue(
  ctx: Ctx,
  revenue: Array<{ customerId: string; revenue12mMinor: number }>,
): Promise<number> {
  if (revenue.length === 0) return 0;
  const rules = await getTierRules(ctx);
  const now = ctx.clock.now();
  let changed = 0;
  for (let i = 0; i < revenue.length; i += 500) {
    const chunk = revenue.slice(i, i + 500);
    const rows = await ctx.db
      .selectFrom('customers')
      .select(['id', 'tier', 'tier_pinned', 'customer_since', 'revenue_12m_minor', 'status'])
      .where(
        'id',
        'in',
        chunk.map((c) => c.customerId),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { customerId, revenue12mMinor } of chunk) {
      const r = byId.get(customerId);
      if (!r || r.status === 'erased') continue;
      const tier = r.tier_pinned ? r.tier : deriveTier(rules, r.customer_since, revenue12mMinor, now);
      if (tier === r.tier && Number(r.revenue_12m_minor) === revenue12mMinor) continue;
      await ctx.db
        .updateTable('customers')
        .set({ tier, revenue_12m_minor: revenue12mMinor })
        .where('id', '=', customerId)
        .execute();
      if (tier !== r.tier) {
        changed++;
        await recordAudit(ctx, {
          entityType: 'customer',
          entityId: customerId,
          customerId,
          action: 'tier_change',
          changes: { tier: { before: r.tier, after: tier } },
        });
      }
    }
  }
  return changed;
}

/** Re-derives the tier of every unpinned customer from the stored revenue (tenure moves daily). */
export async function recomputeTiers(ctx: Ctx): Promise<number> {
  const rows = await ctx.db
    .selectFrom('customers')
    .select(['id', 'revenue_12m_minor'])
    .where('tier_pinned', '=', 0)
    .where('status', '!=', 'erased')
    .execute();
  return applyRevenue(
    ctx,
    rows.map((r) => ({ customerId: r.id, revenue12mMinor: Number(r.revenue_12m_minor) })),
  );
}

function toConsent(r: CustomerTables['customer_consents']): Consent {
  return {
    id: r.id,
    channel: r.channel as Consent['channel'],
    purpose: r.purpose as Consent['purpose'],
    basis: r.basis as Consent['basis'],
    status: r.status as Consent['status'],
    at: r.at,
    source: r.source,
    recordedBy: r.recorded_by,
  };
}

/** Appends a consent record (consents are a history; the latest per channel and purpose counts). */
export async function recordConsent(ctx: Ctx, customerId: string, input: RecordConsent): Promise<Consent> {
  const data = recordConsentSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const customer = await getRow(tx, customerId);
    if (customer.status === 'erased') throw new AppError('CUSTOMER_ERASED');
    const row = {
      id: newId('con'),
      customer_id: customerId,
      channel: data.channel,
      purpose: data.purpose,
      basis: data.basis,
      status: data.status,
      at: data.at ? new Date(data.at).toISOString() : nowIso(tx),
      source: data.source,
      recorded_by: tx.actor.kind === 'user' ? tx.actor.id : null,
    };
    await tx.db.insertInto('customer_consents').values(row).execute();
    await recordAudit(tx, {
      entityType: 'consent',
      entityId: row.id,
      customerId,
      action: `consent_${data.status}`,
      changes: diff(null, {
        channel: row.channel,
        purpose: row.purpose,
        basis: row.basis,
        source: row.source,
      }),
    });
    return toConsent(row);
  });
}

/** The consent history of a customer, newest first. */
export async function listConsents(ctx: Ctx, customerId: string): Promise<Consent[]> {
  await getRow(ctx, customerId);
  const rows = await ctx.db
    .selectFrom('customer_consents')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toConsent);
}

/**
 * Whether the customer may be contacted on a channel for a purpose: the latest record for that
 * channel and purpose decides; without any record the answer is no.
 */
export async function getContactPermission(
  ctx: Ctx,
  customerId: string,
  channel: string,
  purpose: string,
): Promise<{ allowed: boolean; basis: string | null; since: string | null }> {
  const row = await ctx.db
    .selectFrom('customer_consents')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('channel', '=', channel)
    .where('purpose', '=', purpose)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return { allowed: false, basis: null, since: null };
  return { allowed: row.status === 'given', basis: row.basis, since: row.at };
}

/** Counts of customers by tier (for dashboards). */
export async function countByTier(ctx: Ctx): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('customers')
    .select(['tier', sql<number>`count(*)`.as('n')])
    .where('status', '!=', 'erased')
    .groupBy('tier')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.tier, Number(r.n)]));
}

export async function exportCustomerData(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Customer', id);
  const consents = await ctx.db
    .selectFrom('customer_consents')
    .selectAll()
    .where('customer_id', '=', id)
    .execute();
  return { customer: toCustomer(row, ctx.clock.now()), consents: consents.map(toConsent) };
}

/**
 * What an erased customer's external reference becomes: a one-way hash, so that the next import of
 * the company's customer list (which may still carry the reference) recognises the person as erased
 * and does not create them again, while the reference itself is gone.
 */
function erasedRefKey(ref: string): string {
  return `erased:${createHash('sha256').update(`customer-external-ref\0${ref}`).digest('hex')}`;
}

/** Which of these external references belonged to customers erased on request. */
export async function erasedExternalRefs(ctx: Ctx, refs: string[]): Promise<Set<string>> {
  const byKey = new Map([...new Set(refs)].map((r) => [erasedRefKey(r), r]));
  const out = new Set<string>();
  const keys = [...byKey.keys()];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('customers')
      .select('external_ref')
      .where('external_ref', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(byKey.get(r.external_ref!)!);
  }
  return out;
}

/**
 * Removes name, contact data, tags and consent details; keeps id, tier, tenure and revenue for
 * aggregates, and the external reference only as a one-way hash (see erasedRefKey).
 */
export async function eraseCustomerData(ctx: Ctx, id: string): Promise<void> {
  const before = await getRow(ctx, id);
  await ctx.db.deleteFrom('customer_consents').where('customer_id', '=', id).execute();
  await ctx.db
    .updateTable('customers')
    .set({
      name: 'erased',
      email: null,
      phone: null,
      external_ref:
        before.external_ref && !before.external_ref.startsWith('erased:')
          ? erasedRefKey(before.external_ref)
          : before.external_ref,
      tags: '[]',
      tier_pin_reason: null,
      status: 'erased',
      erased_at: nowIso(ctx),
      updated_at: nowIso(ctx),
    })
    .where('id', '=', id)
    .execute();
}
