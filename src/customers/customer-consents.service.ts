// Consents: a history of what each customer allowed, on which channel, for which purpose; the
// latest record per channel and purpose decides whether the customer may be contacted.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { getCustomerRow } from './customer-rows.js';
import type { CustomerTables } from './customers.tables.js';
import { type Consent, type RecordConsent, recordConsentSchema } from './customers.schema.js';

/** The API shape of a consent record. */
export function toConsent(r: CustomerTables['customer_consents']): Consent {
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
    const customer = await getCustomerRow(tx, customerId);
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
  await getCustomerRow(ctx, customerId);
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
