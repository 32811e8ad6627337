// Customer tiers: the configured thresholds, a manager's pin, and re-deriving every unpinned tier
// from tenure and the revenue of the last 12 months.
import { sql } from 'kysely';
import { recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { type CustomerRow, getCustomerRow, toCustomer, writeCustomerChange } from './customer-rows.js';
import { type Customer, tierRulesSchema } from './customers.schema.js';
import { defaultTierRules, deriveTier, type TierRule } from './tiers.js';

const TIER_RULES_KEY = 'customers.tierRules';

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

/** Pins a tier chosen by a manager (or releases the pin with null, re-deriving the tier). */
export async function pinTier(ctx: Ctx, id: string, tier: string | null, reason?: string): Promise<Customer> {
  return inTransaction(ctx, async (tx) => {
    const before = await getCustomerRow(tx, id);
    const set: Partial<CustomerRow> =
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
    await writeCustomerChange(tx, before, set, tier === null ? 'tier_unpin' : 'tier_pin');
    return toCustomer(await getCustomerRow(tx, id), tx.clock.now());
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
