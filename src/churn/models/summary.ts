/**
 * Recency–frequency summaries: from an event log to one (x, t_x, T) row per customer, and from rows to
 * weighted groups of identical (x, t_x, T) so that likelihoods cost one term per distinct pattern.
 * Times are in a unit the caller names (`unitDays`, e.g. 7 for weeks) and measured from each customer's
 * first purchase, as in Fader, Hardie & Lee (2005) and the BTYD package's `dc.ElogToCbsCbt`.
 */

/** One customer's summary in the model's time unit: repeat purchases x, time of the last one t_x, age T. */
export interface Rfm {
  x: number;
  tx: number;
  T: number;
}

/** Customers as columns; `weight` counts identical customers (default 1 each). */
export interface RfmColumns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight?: Float64Array;
}

/** Distinct (x, t_x, T) patterns with the number of customers having each. */
export interface RfmGroups {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Number of distinct patterns. */
  size: number;
  /** Sum of weights: the number of customers. */
  customers: number;
  /** For each input row, the index of its group (to broadcast group scores back to customers). */
  groupOf: Uint32Array;
}

/** Anything the continuous-time models accept: rows, columns, or ready groups. */
export type RfmData = RfmGroups | RfmColumns | readonly Rfm[];

/** Rows → columns. */
export function toColumns(rows: readonly Rfm[], weights?: readonly number[]): RfmColumns {
  return {
    x: Float64Array.from(rows, (r) => r.x),
    tx: Float64Array.from(rows, (r) => r.tx),
    T: Float64Array.from(rows, (r) => r.T),
    weight: weights ? Float64Array.from(weights) : undefined,
  };
}

/** Groups identical (x, t_x, T) rows, summing their weights; exact float equality defines "identical". */
export function groupRfm(data: RfmColumns | readonly Rfm[]): RfmGroups {
  const cols = Array.isArray(data) ? toColumns(data as readonly Rfm[]) : (data as RfmColumns);
  const n = cols.x.length;
  const index = new Map<string, number>();
  const groupOf = new Uint32Array(n);
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const key = `${cols.x[i]}|${cols.tx[i]}|${cols.T[i]}`;
    let g = index.get(key);
    if (g === undefined) {
      g = x.length;
      index.set(key, g);
      x.push(cols.x[i]);
      tx.push(cols.tx[i]);
      T.push(cols.T[i]);
      w.push(0);
    }
    const wi = cols.weight ? cols.weight[i] : 1;
    w[g] += wi;
    customers += wi;
    groupOf[i] = g;
  }
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(w),
    size: x.length,
    customers,
    groupOf,
  };
}

/** Accepts rows, columns or ready groups and returns groups. */
export function asGroups(data: RfmGroups | RfmColumns | readonly Rfm[]): RfmGroups {
  if (!Array.isArray(data) && 'groupOf' in (data as RfmGroups)) return data as RfmGroups;
  return groupRfm(data as RfmColumns | readonly Rfm[]);
}

/** A purchase event: customer, calendar day (`YYYY-MM-DD` or `YYYYMMDD`), and optional amount. */
export interface Purchase {
  customerId: string;
  date: string;
  amount?: number;
}

export interface SummaryOptions {
  /** Last day of the calibration period, inclusive (`YYYY-MM-DD` or `YYYYMMDD`). */
  calibrationEnd: string;
  /** Length of the model's time unit in days: 7 for weeks, 1 for days. */
  unitDays: number;
  /** Last day of an optional holdout period, inclusive; counts repeat purchases after calibration. */
  holdoutEnd?: string;
}

export interface CustomerSummary extends Rfm {
  id: string;
  /** Mean value of the repeat purchases in calibration (same-day purchases summed first); 0 when x = 0. */
  monetary: number;
  /** Repeat purchases in the holdout period (0 when no holdout was requested). */
  xHoldout: number;
}

const MS_PER_DAY = 86_400_000;

/** Calendar day → days since 1970-01-01 (UTC), accepting `YYYY-MM-DD` or `YYYYMMDD`; NaN if invalid. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date.trim());
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return Number.NaN;
  return ms / MS_PER_DAY;
}

/**
 * Builds per-customer (x, t_x, T, mean repeat spend) from an event log. Purchases on the same day are
 * merged into one transaction (their amounts summed); customers whose first purchase falls after the
 * calibration end are left out. Output order is the order of first appearance in the log.
 */
export function summariseEventLog(purchases: Iterable<Purchase>, options: SummaryOptions): CustomerSummary[] {
  const end = dayNumber(options.calibrationEnd);
  const holdoutEnd = options.holdoutEnd ? dayNumber(options.holdoutEnd) : end;
  if (!Number.isFinite(end) || !Number.isFinite(holdoutEnd))
    throw new Error('invalid calibration/holdout date');
  if (!(options.unitDays > 0)) throw new Error('unitDays must be positive');
  const days = new Map<string, Map<number, number>>();
  for (const p of purchases) {
    const day = dayNumber(p.date);
    if (!Number.isFinite(day)) throw new Error(`invalid date ${JSON.stringify(p.date)} for ${p.customerId}`);
    let byDay = days.get(p.customerId);
    if (!byDay) {
      byDay = new Map();
      days.set(p.customerId, byDay);
    }
    byDay.set(day, (byDay.get(day) ?? 0) + (p.amount ?? 0));
  }
  const out: CustomerSummary[] = [];
  for (const [id, byDay] of days) {
    const sorted = [...byDay.keys()].sort((a, b) => a - b);
    const first = sorted[0];
    if (first > end) continue;
    let x = 0;
    let last = first;
    let spend = 0;
    let xHoldout = 0;
    for (const day of sorted) {
      if (day === first) continue;
      if (day <= end) {
        x++;
        last = day;
        spend += byDay.get(day)!;
      } else if (day <= holdoutEnd) {
        xHoldout++;
      }
    }
    out.push({
      id,
      x,
      tx: (last - first) / options.unitDays,
      T: (end - first) / options.unitDays,
      monetary: x > 0 ? spend / x : 0,
      xHoldout,
    });
  }
  return out;
}

/** Distinct values of a column and, for each entry, the index of its value (for per-value caching). */
export function distinctIndex(values: Float64Array): { values: Float64Array; index: Uint32Array } {
  const seen = new Map<number, number>();
  const index = new Uint32Array(values.length);
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let k = seen.get(values[i]);
    if (k === undefined) {
      k = distinct.length;
      seen.set(values[i], k);
      distinct.push(values[i]);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(distinct), index };
}
