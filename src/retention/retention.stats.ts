// Small statistics and time helpers shared by the retention figures.
import { plusLocal } from '../platform/time/index.js';

const DAY = 86_400_000;

/** Linear-interpolation percentile of sorted values (PERCENTILE.INC); null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo), 1);
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function rate(k: number, n: number): number | null {
  return n === 0 ? null : round(k / n);
}

export function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * DAY).toISOString();
}

/** The instant `months` calendar months after `iso` at the same local time in `zone`. */
export function addMonths(iso: string, months: number, zone: string): string {
  return plusLocal(iso, { months }, zone).toISOString();
}

export function daysBetween(a: string, b: string): number {
  return (new Date(b).getTime() - new Date(a).getTime()) / DAY;
}

export type TenureBand = 'lt1' | 'y1to3' | 'y3to10' | 'gt10';
export const TENURE_BANDS: TenureBand[] = ['lt1', 'y1to3', 'y3to10', 'gt10'];

/** <1y, 1–3y, 3–10y, >10y (lower bound inclusive). */
export function tenureBand(years: number): TenureBand {
  if (years < 1) return 'lt1';
  if (years < 3) return 'y1to3';
  if (years < 10) return 'y3to10';
  return 'gt10';
}

/** Defaults for a period query: the last 30 days up to now. */
export function periodOf(now: Date, q: { from?: string; to?: string }): { from: string; to: string } {
  // Without `to`, the period runs up to and including now (the end is exclusive, so one ms later):
  // what was recorded this very moment belongs to it.
  const to = q.to ? new Date(q.to).toISOString() : new Date(now.getTime() + 1).toISOString();
  const from = q.from
    ? new Date(q.from).toISOString()
    : new Date(new Date(to).getTime() - 30 * DAY).toISOString();
  return { from, to };
}
