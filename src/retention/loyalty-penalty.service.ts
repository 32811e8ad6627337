// Loyalty penalty (the logic of the UK FCA's 2022 renewal-pricing rule, applied to any product):
// active contracts whose customer pays more than a new customer pays today for the same product.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { ContractWithNewCustomerPrice } from '../products/contracts.service.js';
import type { BillingPeriod } from '../products/products.schema.js';
import * as ports from './retention.ports.js';
import type { LoyaltyDecision, LoyaltyPenaltyItem } from './retention.schema.js';
import type { RetentionTables } from './retention.tables.js';

type DecisionRow = RetentionTables['retention_loyalty_decisions'];

const PER_YEAR: Record<string, number | null> = { month: 12, year: 1, once: null };

type Penalised = ContractWithNewCustomerPrice & {
  newCustomerPriceMinor: number;
  overpaymentPerYearMinor: number;
};

function toDecision(r: DecisionRow): LoyaltyDecision {
  return {
    id: r.id,
    contractId: r.contract_id,
    customerId: r.customer_id,
    action: r.action as LoyaltyDecision['action'],
    reason: r.reason,
    priceMinor: Number(r.price_minor),
    newCustomerPriceMinor: Number(r.new_customer_price_minor),
    currency: r.currency,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

/** Whether a dismissal still holds: same customer price and same new-customer price as when dismissed. */
function dismissedNow(c: Penalised, decisions: DecisionRow[]): boolean {
  return decisions.some(
    (d) =>
      d.contract_id === c.contractId &&
      d.action === 'dismissed' &&
      Number(d.price_minor) === c.priceMinor &&
      Number(d.new_customer_price_minor) === c.newCustomerPriceMinor,
  );
}

/** Active recurring contracts paying more than the current new-customer price, with the yearly overpayment. */
async function penalisedContracts(ctx: Ctx): Promise<{ open: Penalised[]; dismissed: Penalised[] }> {
  const all = await ports.listActiveContractsWithNewCustomerPrice(ctx);
  const penalised: Penalised[] = [];
  for (const c of all) {
    const perYear = PER_YEAR[c.billingPeriod];
    if (c.newCustomerPriceMinor === null || perYear === null || c.priceMinor <= c.newCustomerPriceMinor)
      continue;
    penalised.push({
      ...c,
      newCustomerPriceMinor: c.newCustomerPriceMinor,
      overpaymentPerYearMinor: (c.priceMinor - c.newCustomerPriceMinor) * perYear,
    });
  }
  const decisions =
    penalised.length === 0
      ? []
      : await ctx.db
          .selectFrom('retention_loyalty_decisions')
          .selectAll()
          .where('action', '=', 'dismissed')
          .where(
            'contract_id',
            'in',
            penalised.map((p) => p.contractId),
          )
          .execute();
  return {
    open: penalised.filter((c) => !dismissedNow(c, decisions)),
    dismissed: penalised.filter((c) => dismissedNow(c, decisions)),
  };
}

/**
 * Since when the customer overpays: the later of the contract start and the start of the latest
 * unbroken run of new-customer prices (per the contract's period) below the customer's price.
 */
async function overpayingSince(ctx: Ctx, c: Penalised, startedAt: string): Promise<string> {
  const history = await ports.listNewCustomerPrices(ctx, c.productId); // newest first
  let since: string | null = null;
  for (const h of history) {
    const p =
      h.currency === c.currency
        ? ports.normalisePrice(h.priceMinor, h.billingPeriod, c.billingPeriod as BillingPeriod)
        : null;
    if (p === null || p >= c.priceMinor) break;
    since = h.validFrom;
  }
  if (!since || since < startedAt) return startedAt;
  return since;
}

/**
 * Customers who pay more than new customers for the same product, with the total overpayment per
 * year, since when, and each contract; largest overpayment first. Dismissed contracts are left out
 * until the customer's or the new-customer price changes.
 */
export async function listLoyaltyPenalties(ctx: Ctx): Promise<LoyaltyPenaltyItem[]> {
  const { open } = await penalisedContracts(ctx);
  const byCustomer = new Map<string, Penalised[]>();
  for (const c of open) byCustomer.set(c.customerId, [...(byCustomer.get(c.customerId) ?? []), c]);
  const customers = new Map((await ports.getCustomers(ctx, [...byCustomer.keys()])).map((c) => [c.id, c]));
  const items: LoyaltyPenaltyItem[] = [];
  for (const [customerId, contracts] of byCustomer) {
    const customer = customers.get(customerId);
    if (!customer || customer.status === 'erased') continue;
    const rows = [];
    for (const c of contracts) {
      const contract = await ports.getContract(ctx, c.contractId);
      rows.push({
        contractId: c.contractId,
        productId: c.productId,
        productCode: c.productCode,
        billingPeriod: c.billingPeriod,
        priceMinor: c.priceMinor,
        newCustomerPriceMinor: c.newCustomerPriceMinor,
        overpaymentPerYearMinor: c.overpaymentPerYearMinor,
        since: await overpayingSince(ctx, c, contract.startedAt),
      });
    }
    rows.sort(
      (a, b) =>
        b.overpaymentPerYearMinor - a.overpaymentPerYearMinor || a.contractId.localeCompare(b.contractId),
    );
    items.push({
      customerId,
      customerName: customer.name,
      customerNumber: customer.number,
      tenureYears: customer.tenureYears,
      currency: contracts[0].currency,
      overpaymentPerYearMinor: rows.reduce((s, r) => s + r.overpaymentPerYearMinor, 0),
      since: rows.map((r) => r.since).sort()[0],
      contracts: rows,
    });
  }
  return items.sort(
    (a, b) =>
      b.overpaymentPerYearMinor - a.overpaymentPerYearMinor || a.customerId.localeCompare(b.customerId),
  );
}

/** What loyal customers overpay per year in total (open, not dismissed), with counts. */
export async function loyaltyPenaltySummary(ctx: Ctx) {
  const { open, dismissed } = await penalisedContracts(ctx);
  const live = new Set(
    (await ports.getCustomers(ctx, [...new Set(open.map((c) => c.customerId))]))
      .filter((c) => c.status !== 'erased')
      .map((c) => c.id),
  );
  const counted = open.filter((c) => live.has(c.customerId));
  return {
    totalPerYearMinor: counted.reduce((s, c) => s + c.overpaymentPerYearMinor, 0),
    currency: counted[0]?.currency ?? (await ports.companyCurrency(ctx)),
    customers: live.size,
    contracts: counted.length,
    dismissedContracts: dismissed.length,
  };
}

async function penalisedContract(ctx: Ctx, contractId: string): Promise<Penalised> {
  await ports.getContract(ctx, contractId); // 404 for an unknown contract
  const { open } = await penalisedContracts(ctx);
  const c = open.find((x) => x.contractId === contractId);
  if (!c)
    throw new AppError(
      'CONFLICT',
      `Contract ${contractId} does not pay more than a new customer (or was dismissed)`,
    );
  return c;
}

async function recordDecision(
  ctx: Ctx,
  c: Penalised,
  action: 'applied' | 'dismissed',
  reason: string | null,
): Promise<LoyaltyDecision> {
  const row: DecisionRow = {
    id: newId('lpd'),
    contract_id: c.contractId,
    customer_id: c.customerId,
    action,
    reason,
    price_minor: c.priceMinor,
    new_customer_price_minor: c.newCustomerPriceMinor,
    currency: c.currency,
    decided_by: ctx.actor.id,
    decided_at: nowIso(ctx),
  };
  await ctx.db.insertInto('retention_loyalty_decisions').values(row).execute();
  await recordAudit(ctx, {
    entityType: 'loyalty_penalty',
    entityId: c.contractId,
    customerId: c.customerId,
    action: action === 'applied' ? 'apply_new_customer_price' : 'dismiss',
    changes: diff(null, {
      contract_id: c.contractId,
      price_minor: c.priceMinor,
      new_customer_price_minor: c.newCustomerPriceMinor,
      reason,
    }),
  });
  return toDecision(row);
}

/**
 * Gives the contract today's new-customer price (through the contracts service, which audits the
 * price change) and records the decision (audited), in one transaction. 409 when it does not overpay.
 */
export async function applyNewCustomerPrice(ctx: Ctx, contractId: string): Promise<LoyaltyDecision> {
  return inTransaction(ctx, async (tx) => {
    const c = await penalisedContract(tx, contractId);
    await ports.updateContract(tx, contractId, { priceMinor: c.newCustomerPriceMinor });
    return recordDecision(tx, c, 'applied', null);
  });
}

/** Records a manager's reason for keeping the price (audited); the contract leaves the list until a price changes. */
export async function dismissLoyaltyPenalty(
  ctx: Ctx,
  contractId: string,
  reason: string,
): Promise<LoyaltyDecision> {
  return inTransaction(ctx, async (tx) =>
    recordDecision(tx, await penalisedContract(tx, contractId), 'dismissed', reason),
  );
}

/** The decisions about one contract, newest first. */
export async function listLoyaltyDecisions(ctx: Ctx, contractId: string): Promise<LoyaltyDecision[]> {
  const rows = await ctx.db
    .selectFrom('retention_loyalty_decisions')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('decided_at', 'desc')
    .execute();
  if (rows.length === 0) await ports.getContract(ctx, contractId); // 404 for an unknown contract
  return rows.map(toDecision);
}

/** GDPR export: everything this part of retention holds about the customer. */
export async function exportLoyaltyData(ctx: Ctx, customerId: string) {
  const rows = await ctx.db
    .selectFrom('retention_loyalty_decisions')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  return rows.map(toDecision);
}

/** Erasure replaces the free-text reasons with the neutral marker; prices and dates stay for the totals. */
export async function eraseLoyaltyData(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('retention_loyalty_decisions')
    .set({ reason: '[erased]' })
    .where('customer_id', '=', customerId)
    .where('reason', 'is not', null)
    .execute();
}
