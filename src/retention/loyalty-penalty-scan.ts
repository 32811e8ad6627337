// The daily loyalty-penalty scan: each contract that pays more than a new customer pays today (not
// dismissed) is recorded once per price pair and announced as `loyalty_penalty.found` in the same
// transaction (audited); it is announced again only when the customer's or the new-customer price
// changes. The list on the retention page stays computed when read; the scan only records findings.
import { recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { emitEvent } from '../platform/events.js';
import { newId } from '../platform/ids.js';
import { listLoyaltyPenalties } from './loyalty-penalty.service.js';

export const LOYALTY_SCAN_JOB = 'retention.loyalty-penalty-scan';

/** Records and announces the overpayments not announced yet at these prices; answers how many. */
export async function scanLoyaltyPenalties(ctx: Ctx): Promise<number> {
  let found = 0;
  for (const item of await listLoyaltyPenalties(ctx)) {
    for (const c of item.contracts) {
      const added = await inTransaction(ctx, async (tx) => {
        const id = newId('lpf');
        const now = nowIso(tx);
        const result = await tx.db
          .insertInto('retention_loyalty_findings')
          .values({
            id,
            contract_id: c.contractId,
            customer_id: item.customerId,
            price_minor: c.priceMinor,
            new_customer_price_minor: c.newCustomerPriceMinor,
            overpayment_per_year_minor: c.overpaymentPerYearMinor,
            currency: item.currency,
            found_at: now,
          })
          .onConflict((oc) =>
            oc.columns(['contract_id', 'price_minor', 'new_customer_price_minor']).doNothing(),
          )
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        await recordAudit(tx, {
          entityType: 'loyalty_penalty',
          entityId: c.contractId,
          customerId: item.customerId,
          action: 'found',
          changes: {
            priceMinor: { before: null, after: c.priceMinor },
            newCustomerPriceMinor: { before: null, after: c.newCustomerPriceMinor },
            overpaymentPerYearMinor: { before: null, after: c.overpaymentPerYearMinor },
          },
        });
        await emitEvent(tx, 'loyalty_penalty.found', {
          findingId: id,
          customerId: item.customerId,
          contractId: c.contractId,
          productCode: c.productCode,
          billingPeriod: c.billingPeriod,
          priceMinor: c.priceMinor,
          newCustomerPriceMinor: c.newCustomerPriceMinor,
          overpaymentPerYearMinor: c.overpaymentPerYearMinor,
          currency: item.currency,
          foundAt: now,
        });
        return true;
      });
      if (added) found++;
    }
  }
  return found;
}

/** The findings about a customer (GDPR export); they hold prices only, so erasure keeps them. */
export async function exportLoyaltyFindings(ctx: Ctx, customerId: string) {
  const rows = await ctx.db
    .selectFrom('retention_loyalty_findings')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('found_at')
    .execute();
  return rows.map((r) => ({
    contractId: r.contract_id,
    priceMinor: Number(r.price_minor),
    newCustomerPriceMinor: Number(r.new_customer_price_minor),
    overpaymentPerYearMinor: Number(r.overpayment_per_year_minor),
    currency: r.currency,
    foundAt: r.found_at,
  }));
}
