// A customer's row and its API shape, shared by the customers service files.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, nowIso } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import type { CustomerTables } from './customers.tables.js';
import type { Customer } from './customers.schema.js';
import { tenureYears } from './tiers.js';

export type CustomerRow = CustomerTables['customers'];

/** The API shape of a customer as of `now` (tenure in years, two decimals). */
export function toCustomer(r: CustomerRow, now: Date): Customer {
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

/** The customer's row; 404 when unknown. */
export async function getCustomerRow(ctx: Ctx, id: string): Promise<CustomerRow> {
  const row = await ctx.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Customer', id);
  return row;
}

/** Writes a change to one customer row and audits it (before → set) in the caller's transaction. */
export async function writeCustomerChange(
  ctx: Ctx,
  before: CustomerRow,
  set: Partial<CustomerRow>,
  action: string,
): Promise<void> {
  await ctx.db
    .updateTable('customers')
    .set({ ...set, updated_at: nowIso(ctx) })
    .where('id', '=', before.id)
    .execute();
  await recordAudit(ctx, {
    entityType: 'customer',
    entityId: before.id,
    customerId: before.id,
    action,
    changes: diff(before, set),
  });
}
