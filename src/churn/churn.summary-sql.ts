/**
 * Recency–frequency–spend summaries built in SQL from the purchases table, for one or several
 * calibration cut-off days in one pass. Purchases are grouped by customer and UTC purchase day in SQL
 * (same-day purchases merged, their amounts summed), then by customer; only one row per customer
 * leaves the database. The result matches `summariseEventLog` of models/summary.ts on the same
 * purchases (the test checks it).
 *
 * OWNERSHIP: this is a query over the purchases domain's table. It lives here because the purchases
 * service had no such function when the churn domain was built; the purchases domain is asked to take
 * it over (move it into purchases.service.ts unchanged) so that its table is read only by its own code.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../platform/context.js';

export type TimeUnit = 'day' | 'week' | 'month';

/** Length of each time unit in days; a month is 365.25 / 12 = 30.4375 days. */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 30.4375 };

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` (from position `at` of `s`) → days since 1970-01-01 (UTC), by the civil-from-days inverse. */
export function dayOf(s: string, at = 0): number {
  const c = (i: number) => s.charCodeAt(at + i) - 48;
  let y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
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
}

/** A placeholder in query text built here; `toRaw` turns text and values into a Kysely raw fragment. */
const P = '\u0000';

function toRaw(text: string, params: unknown[]): RawBuilder<unknown> {
  const parts = text.split(P);
  if (parts.length !== params.length + 1) throw new Error('placeholder count does not match the values');
  const pieces: RawBuilder<unknown>[] = [];
  parts.forEach((part, i) => {
    pieces.push(sql.raw(part));
    if (i < params.length) pieces.push(sql`${params[i]}`);
  });
  return sql.join(pieces, sql.raw(''));
}

/**
 * Runs a select (text with P placeholders) and hands each row to `onRow`; on SQLite the statement is
 * iterated (never all rows in memory at once), on PostgreSQL the rows come in one result.
 */
async function forEachRow<R>(
  ctx: Ctx,
  text: string,
  params: unknown[],
  onRow: (r: R) => void,
): Promise<void> {
  const query = ctx.db.selectFrom(toRaw(`(${text})`, params).as('q')).selectAll();
  if (ctx.dialect === 'sqlite') {
    for await (const r of query.stream(10_000)) onRow(r as R);
    return;
  }
  for (const r of await query.execute()) onRow(r as R);
}

/**
 * Builds the per-customer purchase-day summary for the given cut-off days (`YYYY-MM-DD`, inclusive)
 * in one grouped query over purchases before the day after the last cut-off.
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
  const pg = ctx.dialect === 'postgres';
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return P;
  };
  const perCutoff = cutoffs
    .map((c, k) => {
      const a = p(c);
      const b = p(c);
      const d = p(c);
      return `sum(case when day <= ${a} then 1 else 0 end) as n${k},
        max(case when day <= ${b} then day end) as l${k},
        sum(case when day <= ${d} then spend else 0 end) as s${k}`;
    })
    .join(',\n');
  // The first day's spend: the smallest "day || spend" string starts with the first day (fixed width).
  const firstKv = pg ? `min((day || ':' || spend::text) collate "C")` : `min(day || ':' || spend)`;
  const gaps = options.gaps
    ? pg
      ? `, case when count(*) >= 3 then string_agg(day, ',' order by day) end as g`
      : `, case when count(*) >= 3 then group_concat(day, ',' order by day) end as g`
    : '';
  const untilParam = p(until);
  const lastParam = p(last);
  const text = `select customer_id as c, min(day) as f, ${firstKv} as fs,
      ${perCutoff}${gaps}
    from (select customer_id, substr(purchased_at, 1, 10) as day, sum(amount_minor) as spend
          from purchases where purchased_at < ${untilParam}
          group by customer_id, substr(purchased_at, 1, 10)) d
    group by customer_id
    having min(day) <= ${lastParam}`;
  type Row = { c: string; f: string; fs: string; g?: string | null } & Record<string, unknown>;
  const ids: string[] = [];
  const firstDay: number[] = [];
  const firstSpend: number[] = [];
  const K = cutoffs.length;
  const days: number[][] = cutoffs.map(() => []);
  const lastDay: number[][] = cutoffs.map(() => []);
  const spend: number[][] = cutoffs.map(() => []);
  const medianGap: number[] = [];
  const listStart: number[] = [0];
  let listDays = new Int32Array(1 << 16);
  let listLength = 0;
  await forEachRow<Row>(ctx, text, params, (r) => {
    ids.push(r.c);
    firstDay.push(dayOf(r.f));
    firstSpend.push(Number(r.fs.slice(11)));
    for (let k = 0; k < K; k++) {
      days[k].push(Number(r[`n${k}`]));
      const l = r[`l${k}`] as string | null;
      lastDay[k].push(l ? dayOf(l) : Number.NaN);
      spend[k].push(Number(r[`s${k}`]));
    }
    if (r.g) {
      const n = (r.g.length + 1) / 11;
      if (listLength + n > listDays.length) {
        const grown = new Int32Array(Math.max(listDays.length * 2, listLength + n));
        grown.set(listDays);
        listDays = grown;
      }
      for (let j = 0; j < n; j++) listDays[listLength + j] = dayOf(r.g, j * 11);
      medianGap.push(medianGapOf(listDays, listLength, listLength + n));
      listLength += n;
    } else medianGap.push(Number.NaN);
    listStart.push(listLength);
  });
  return {
    cutoffs: cutoffs.map((c) => dayOf(c)),
    ids,
    firstDay: Float64Array.from(firstDay),
    firstSpend: Float64Array.from(firstSpend),
    days: days.map((d) => Float64Array.from(d)),
    lastDay: lastDay.map((d) => Float64Array.from(d)),
    spend: spend.map((d) => Float64Array.from(d)),
    medianGapDays: Float64Array.from(medianGap),
    listStart: Uint32Array.from(listStart),
    listDays: listDays.slice(0, listLength),
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
export async function summariseInSql(
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
