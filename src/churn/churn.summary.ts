/**
 * Recency–frequency–spend summaries of the purchases, for one or several calibration cut-off days in
 * one pass. The purchases service streams the purchases in (customer, time) order (on SQLite straight
 * off the (customer_id, purchased_at) index); same-day purchases are merged (amounts summed) and each
 * customer is summarised as soon as their rows have gone by. This replaced a two-level grouped SQL
 * query (customer and day, then customer) that cost five times a bare grouped count. The result
 * matches `summariseEventLog` of models/summary.ts on the same purchases, on both databases (the test
 * checks it).
 */
import type { Ctx } from '../platform/context.js';
import { scanPurchasesByCustomer } from '../purchases/purchases.service.js';
import type { TimeUnit } from './churn.schema.js';

export type { TimeUnit };

/** Length of each time unit in days; a month is 365.25 / 12 = 30.4375 days. */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 30.4375 };

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` (from position `at` of `s`) → days since 1970-01-01 (UTC), by the civil-from-days inverse. */
export function dayOf(s: string, at = 0): number {
  // Digits by char code, no inner closure (this runs once per purchase row in a scan).
  let y =
    (s.charCodeAt(at) - 48) * 1000 +
    (s.charCodeAt(at + 1) - 48) * 100 +
    (s.charCodeAt(at + 2) - 48) * 10 +
    (s.charCodeAt(at + 3) - 48);
  const m = (s.charCodeAt(at + 5) - 48) * 10 + (s.charCodeAt(at + 6) - 48);
  const d = (s.charCodeAt(at + 8) - 48) * 10 + (s.charCodeAt(at + 9) - 48);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dayString(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Per customer (in no particular order), for every cut-off day k (inclusive, ascending): the number of
 * distinct purchase days up to k, the last such day and their total spend; plus the first purchase day
 * and its spend, and (with `gaps`) the median gap in days between consecutive purchase days up to the
 * last cut-off for customers with at least two repeat purchases (NaN otherwise).
 */
export interface PurchaseDaySummary {
  cutoffs: number[];
  ids: string[];
  firstDay: Float64Array;
  firstSpend: Float64Array;
  /** [k][i]: distinct purchase days of customer i up to cut-off k (0 when the first is later). */
  days: Float64Array[];
  /** [k][i]: last purchase day up to cut-off k (NaN when none). */
  lastDay: Float64Array[];
  /** [k][i]: spend (minor units) of all purchase days up to cut-off k. */
  spend: Float64Array[];
  medianGapDays: Float64Array;
  /**
   * With `gaps`: every purchase day (ascending) of the customers with at least three purchase days up
   * to the last cut-off, as one array; customer i's days are listDays[listStart[i] .. listStart[i+1]).
   */
  listStart: Uint32Array;
  listDays: Int32Array;
  /** Purchase rows read (before same-day merging). */
  rows: number;
}

/**
 * Builds the per-customer purchase-day summary for the given cut-off days (`YYYY-MM-DD`, inclusive)
 * in one pass over the purchases before the day after the last cut-off, read through the purchases
 * service in (customer, time) order: same-day purchases are merged as they stream by, and each
 * customer's counts, last days, spend and day list are complete when the next customer starts. Only
 * one customer's days are held at a time. Customers come out in id order (binary), on both databases.
 */
export async function purchaseDaySummary(
  ctx: Ctx,
  options: { cutoffs: string[]; gaps?: boolean },
): Promise<PurchaseDaySummary> {
  const cutoffs = [...options.cutoffs].sort();
  if (cutoffs.length === 0) throw new Error('at least one cut-off day');
  for (const c of cutoffs)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c)) throw new Error(`cut-off ${c} is not YYYY-MM-DD`);
  const last = cutoffs[cutoffs.length - 1];
  const until = `${dayString(dayOf(last) + 1)}T00:00:00.000Z`;
  const cut = cutoffs.map((c) => dayOf(c));
  const K = cut.length;
  const gaps = options.gaps === true;
  const ids: string[] = [];
  const firstDay: number[] = [];
  const firstSpend: number[] = [];
  const days: number[][] = cut.map(() => []);
  const lastDay: number[][] = cut.map(() => []);
  const spend: number[][] = cut.map(() => []);
  const medianGap: number[] = [];
  const listStart: number[] = [0];
  let listDays = new Int32Array(1 << 16);
  let listLength = 0;
  // The current customer's distinct purchase days (ascending) and their spend.
  let current: string | null = null;
  let dayBuf = new Int32Array(1024);
  let spendBuf = new Float64Array(1024);
  let nd = 0;
  const flush = () => {
    if (current === null) return;
    ids.push(current);
    firstDay.push(dayBuf[0]);
    firstSpend.push(spendBuf[0]);
    let j = 0;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      while (j < nd && dayBuf[j] <= cut[k]) sum += spendBuf[j++];
      days[k].push(j);
      lastDay[k].push(j > 0 ? dayBuf[j - 1] : Number.NaN);
      spend[k].push(sum);
    }
    if (gaps && nd >= 3) {
      if (listLength + nd > listDays.length) {
        const grown = new Int32Array(Math.max(listDays.length * 2, listLength + nd));
        grown.set(listDays);
        listDays = grown;
      }
      for (let j = 0; j < nd; j++) listDays[listLength + j] = dayBuf[j];
      medianGap.push(medianGapOf(listDays, listLength, listLength + nd));
      listLength += nd;
    } else medianGap.push(Number.NaN);
    listStart.push(listLength);
  };
  const rows = await scanPurchasesByCustomer(ctx, { until }, (customerId, purchasedAt, amountMinor) => {
    const day = dayOf(purchasedAt);
    if (customerId !== current) {
      flush();
      current = customerId;
      nd = 0;
    } else if (dayBuf[nd - 1] === day) {
      spendBuf[nd - 1] += amountMinor;
      return;
    }
    if (nd === dayBuf.length) {
      const d = new Int32Array(nd * 2);
      d.set(dayBuf);
      dayBuf = d;
      const s = new Float64Array(nd * 2);
      s.set(spendBuf);
      spendBuf = s;
    }
    dayBuf[nd] = day;
    spendBuf[nd] = amountMinor;
    nd++;
  });
  flush();
  let summary: PurchaseDaySummary = {
    cutoffs: cut,
    ids,
    firstDay: Float64Array.from(firstDay),
    firstSpend: Float64Array.from(firstSpend),
    days: days.map((d) => Float64Array.from(d)),
    lastDay: lastDay.map((d) => Float64Array.from(d)),
    spend: spend.map((d) => Float64Array.from(d)),
    medianGapDays: Float64Array.from(medianGap),
    listStart: Uint32Array.from(listStart),
    listDays: listDays.slice(0, listLength),
    rows,
  };
  // PostgreSQL pages customers in its collation's order: bring them into binary id order, so both
  // databases give the same customer order (the systematic samples of the fits depend on it).
  for (let i = 1; i < ids.length; i++)
    if (!(ids[i - 1] < ids[i])) {
      summary = inIdOrder(summary);
      break;
    }
  return summary;
}

/** The same summary with its customers in binary id order (their day lists move with them). */
export function inIdOrder(s: PurchaseDaySummary): PurchaseDaySummary {
  const n = s.ids.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    s.ids[a] < s.ids[b] ? -1 : s.ids[a] > s.ids[b] ? 1 : 0,
  );
  const pick = (a: Float64Array) => Float64Array.from(order, (i) => a[i]);
  const listStart = new Uint32Array(n + 1);
  const listDays = new Int32Array(s.listDays.length);
  let at = 0;
  order.forEach((i, j) => {
    const part = s.listDays.subarray(s.listStart[i], s.listStart[i + 1]);
    listDays.set(part, at);
    at += part.length;
    listStart[j + 1] = at;
  });
  return {
    cutoffs: s.cutoffs,
    ids: order.map((i) => s.ids[i]),
    firstDay: pick(s.firstDay),
    firstSpend: pick(s.firstSpend),
    days: s.days.map(pick),
    lastDay: s.lastDay.map(pick),
    spend: s.spend.map(pick),
    medianGapDays: pick(s.medianGapDays),
    listStart,
    listDays,
    rows: s.rows,
  };
}

/** Median of the gaps between consecutive days days[from..to) (ascending). */
function medianGapOf(days: Int32Array, from: number, to: number): number {
  const gaps = new Float64Array(to - from - 1);
  for (let i = from + 1; i < to; i++) gaps[i - from - 1] = days[i] - days[i - 1];
  gaps.sort();
  const m = gaps.length >> 1;
  return gaps.length % 2 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2;
}

/** One cut-off of a purchase-day summary as model input (x, t_x, T in `unitDays`, mean repeat spend). */
export interface RfmSummary {
  /** Indices into the PurchaseDaySummary's customers that had their first purchase by the cut-off. */
  index: Uint32Array;
  ids: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean spend (minor units) of the repeat purchase days; 0 when x = 0. */
  monetary: Float64Array;
  /** Repeat purchase days after the cut-off up to `holdoutCutoff` (0 without one). */
  xHoldout: Float64Array;
}

/**
 * The (x, t_x, T, monetary) summary at cut-off `k` in units of `unitDays`, with holdout counts up to
 * cut-off `holdoutK` when given. Customers whose first purchase is after cut-off k are left out.
 */
export function rfmAt(s: PurchaseDaySummary, k: number, unitDays: number, holdoutK?: number): RfmSummary {
  const end = s.cutoffs[k];
  const keep: number[] = [];
  for (let i = 0; i < s.ids.length; i++) if (s.firstDay[i] <= end) keep.push(i);
  const n = keep.length;
  const out: RfmSummary = {
    index: Uint32Array.from(keep),
    ids: keep.map((i) => s.ids[i]),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    xHoldout: new Float64Array(n),
  };
  for (let j = 0; j < n; j++) {
    const i = keep[j];
    const x = s.days[k][i] - 1;
    out.x[j] = x;
    out.tx[j] = (s.lastDay[k][i] - s.firstDay[i]) / unitDays;
    out.T[j] = (end - s.firstDay[i]) / unitDays;
    out.monetary[j] = x > 0 ? (s.spend[k][i] - s.firstSpend[i]) / x : 0;
    if (holdoutK !== undefined) out.xHoldout[j] = s.days[holdoutK][i] - s.days[k][i];
  }
  return out;
}

/**
 * Convenience for one calibration end (and optional holdout end), both `YYYY-MM-DD` inclusive: the
 * same rows as `summariseEventLog(purchases, { calibrationEnd, holdoutEnd, unitDays })`, in
 * customer-id order.
 */
export async function summarisePurchases(
  ctx: Ctx,
  options: { calibrationEnd: string; holdoutEnd?: string; unitDays: number },
): Promise<Array<{ id: string; x: number; tx: number; T: number; monetary: number; xHoldout: number }>> {
  const cutoffs = options.holdoutEnd
    ? [options.calibrationEnd, options.holdoutEnd]
    : [options.calibrationEnd];
  const s = await purchaseDaySummary(ctx, { cutoffs });
  const r = rfmAt(s, 0, options.unitDays, options.holdoutEnd ? 1 : undefined);
  return r.ids
    .map((id, j) => ({
      id,
      x: r.x[j],
      tx: r.tx[j],
      T: r.T[j],
      monetary: r.monetary[j],
      xHoldout: r.xHoldout[j],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
