// What the customers domain keeps about a customer, for the GDPR export and erasure registry, and
// how an erased customer stays recognisable to the next import without keeping their reference.
import { createHash } from 'node:crypto';
import type { Ctx } from '../platform/context.js';
import { nowIso } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { toConsent } from './customer-consents.service.js';
import { getCustomerRow, toCustomer } from './customer-rows.js';

/** Everything the customers domain stores about a customer (GDPR export). */
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
  const before = await getCustomerRow(ctx, id);
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
