// What the customers domain keeps about a customer, for the GDPR export and erasure registry, and
// how an erased customer stays recognisable to the next import without keeping their reference.
import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { nowIso } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { getSetting } from '../platform/settings.service.js';
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

/** The per-installation secret of the erased-reference keys (created by migration 0028; never shown). */
const REF_SECRET_KEY = 'customers.externalRefSecret';

async function refSecret(ctx: Ctx): Promise<string> {
  const secret = await getSetting(ctx, REF_SECRET_KEY, z.string().min(32), '');
  if (!secret) throw new Error(`setting ${REF_SECRET_KEY} missing (migration 0028 did not run)`);
  return secret;
}

/**
 * What an erased customer's external reference becomes: an HMAC with the installation's secret, so
 * that the next import of the company's customer list (which may still carry the reference)
 * recognises the person as erased and does not create them again, while the reference itself is
 * gone and cannot be guessed back from the key without the secret (a bare hash of a short ERP
 * number could be). The HMAC is taken over the SHA-256 digest that keys held before migration 0028,
 * which re-keyed those rows from the digest alone.
 */
function erasedRefKey(secret: string, ref: string): string {
  const digest = createHash('sha256').update(`customer-external-ref\0${ref}`).digest('hex');
  return `erased:hmac:${createHmac('sha256', secret).update(digest).digest('hex')}`;
}

/** Which of these external references belonged to customers erased on request. */
export async function erasedExternalRefs(ctx: Ctx, refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const secret = await refSecret(ctx);
  const byKey = new Map([...new Set(refs)].map((r) => [erasedRefKey(secret, r), r]));
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
 * aggregates, and the external reference only as an HMAC with the installation's secret (see erasedRefKey).
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
          ? erasedRefKey(await refSecret(ctx), before.external_ref)
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
