// Tier rules: a customer's tier follows from tenure and revenue of the last 12 months.

export type TierRule = { tier: string; minTenureYears: number; minRevenue12mMinor: number };

/** Default thresholds, highest first; the last rule must match everyone. */
export const defaultTierRules: TierRule[] = [
  { tier: 'platinum', minTenureYears: 5, minRevenue12mMinor: 2_000_000 },
  { tier: 'gold', minTenureYears: 3, minRevenue12mMinor: 500_000 },
  { tier: 'silver', minTenureYears: 1, minRevenue12mMinor: 100_000 },
  { tier: 'bronze', minTenureYears: 0, minRevenue12mMinor: 0 },
];

export const tierOrder = ['bronze', 'silver', 'gold', 'platinum'] as const;

export function tenureYears(customerSince: string, now: Date): number {
  return (now.getTime() - new Date(customerSince).getTime()) / (365.2425 * 86_400_000);
}

/** The first rule (highest tier) whose tenure and revenue thresholds are both met. */
export function deriveTier(
  rules: TierRule[],
  customerSince: string,
  revenue12mMinor: number,
  now: Date,
): string {
  const years = tenureYears(customerSince, now);
  const rule = rules.find((r) => years >= r.minTenureYears && revenue12mMinor >= r.minRevenue12mMinor);
  return rule ? rule.tier : rules[rules.length - 1].tier;
}
