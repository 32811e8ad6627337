// The priority of a case: severity, anger, tier, tenure and value combined into points (see docs/cases.md).

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export const SEVERITY_POINTS: Record<Severity, number> = { low: 10, medium: 25, high: 45, critical: 70 };
export const TIER_POINTS: Record<string, number> = { bronze: 0, silver: 5, gold: 12, platinum: 18 };
export const LEAVING_POINTS = 15;
export const ANGER_MAX_POINTS = 20;
export const TENURE_MAX_POINTS = 10;
export const VALUE_MAX_POINTS = 10;
/** Minimum points for each priority, highest first. */
export const PRIORITY_THRESHOLDS: Array<[Priority, number]> = [
  ['urgent', 80],
  ['high', 55],
  ['normal', 25],
  ['low', 0],
];

export type PriorityInput = {
  severity: Severity;
  angerLevel: number;
  leaving: boolean;
  tier: string;
  tenureYears: number;
  /** The customer's value; today the revenue of the last 12 months in minor units. */
  valueMinor: number;
};

export type PriorityFactors = PriorityInput & {
  points: { severity: number; anger: number; leaving: number; tier: number; tenure: number; value: number };
};

/**
 * Adds points for each factor; every factor can only raise a case, so a long-standing or valuable
 * customer is never sorted below an otherwise equal newer one.
 */
export function computePriority(input: PriorityInput): {
  priority: Priority;
  score: number;
  factors: PriorityFactors;
} {
  const points = {
    severity: SEVERITY_POINTS[input.severity],
    anger: Math.round(Math.min(1, Math.max(0, input.angerLevel)) * ANGER_MAX_POINTS),
    leaving: input.leaving ? LEAVING_POINTS : 0,
    tier: TIER_POINTS[input.tier] ?? 0,
    tenure: Math.min(TENURE_MAX_POINTS, Math.max(0, Math.floor(input.tenureYears))),
    value: Math.min(VALUE_MAX_POINTS, Math.max(0, Math.floor(input.valueMinor / 100_000))),
  };
  const score = Object.values(points).reduce((a, b) => a + b, 0);
  const priority = PRIORITY_THRESHOLDS.find(([, min]) => score >= min)![0];
  return { priority, score, factors: { ...input, points } };
}
