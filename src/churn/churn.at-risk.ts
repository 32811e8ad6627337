// The at-risk list: the customers flagged in the latest run in ranking order (value if they stay ×
// probability that they are gone, raised by explicit signals), with the reasons in the reader's
// language. Customers with an open retention task are the call list (the team's capacity); the other
// flagged customers are the watch list.
import type { Customer } from '../customers/customers.schema.js';
import { getCustomers, listCustomers } from '../customers/customers.service.js';
import type { Ctx } from '../platform/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.js';
import { openTasksOfSourceByCustomer } from '../tasks/tasks.service.js';
import { atRiskReasons, reasonsInWords } from './churn.reasons.js';
import { latestRunRow, type RunRow } from './churn.runs.js';
import type { AlertSettings, AtRiskItem, AtRiskQuery } from './churn.schema.js';
import type { ChurnTables } from './churn.tables.js';

type ScoreRow = ChurnTables['churn_scores'];
/** Keyset position in the list: (ranking value, customer id) of the last row read. */
type After = [number, string] | null;
/** Which customers a page may hold: only these ids, or all but these; null = all. */
type Only = { ids: string[]; exclude: boolean } | null;

/**
 * The customers at risk in the latest run in ranking order, with the reasons in words in `lang`;
 * lost or erased customers are left out (also when their status changed after the run).
 */
export async function listAtRisk(
  ctx: Ctx,
  query: AtRiskQuery,
  lang: string,
): Promise<{ items: AtRiskItem[]; nextCursor: string | null }> {
  const run = await latestRunRow(ctx);
  if (!run) return { items: [], nextCursor: null };
  const th: AlertSettings = JSON.parse(run.thresholds);
  const cursor = decodeCursor(query.cursor);
  let after: After = cursor ? [Number(cursor[0]), String(cursor[1])] : null;
  const tasks = await openTasksOfSourceByCustomer(ctx, 'churn_retention');
  const only = await customersOfPage(ctx, query, tasks);
  if (only && !only.exclude && only.ids.length === 0) return { items: [], nextCursor: null };
  const items: AtRiskItem[] = [];
  const rowsOfItems: ScoreRow[] = [];
  let exhausted = false;
  // Lost and erased customers are skipped when read, so a page may need more than one batch.
  while (items.length <= query.limit && !exhausted) {
    const want = query.limit + 1 - items.length;
    const batch = await atRiskBatch(ctx, run.id, only, after, want * 2);
    exhausted = batch.length < want * 2;
    if (batch.length === 0) break;
    after = [Number(batch[batch.length - 1].rank_minor), batch[batch.length - 1].customer_id];
    const customers = new Map(
      (
        await getCustomers(
          ctx,
          batch.map((r) => r.customer_id),
        )
      ).map((c) => [c.id, c]),
    );
    for (const r of batch) {
      const c = customers.get(r.customer_id);
      if (!c || c.status === 'lost' || c.status === 'erased') continue;
      if (items.length > query.limit) break;
      items.push(toAtRiskItem(r, c, run, th, lang, tasks.get(c.id) ?? null));
      rowsOfItems.push(r);
    }
  }
  const more = items.length > query.limit;
  const page = more ? items.slice(0, query.limit) : items;
  const lastRow = rowsOfItems[page.length - 1];
  return {
    items: page,
    nextCursor: more && lastRow ? encodeCursor([Number(lastRow.rank_minor), lastRow.customer_id]) : null,
  };
}

/** The customer ids the query narrows the list to: an owner's customers, the call or the watch list. */
async function customersOfPage(ctx: Ctx, query: AtRiskQuery, tasks: Map<string, string>): Promise<Only> {
  let ids: string[] | null = query.ownerId ? await customerIdsOfOwner(ctx, query.ownerId) : null;
  if (query.list === 'call') {
    const withTask = [...tasks.keys()];
    ids = ids ? ids.filter((id) => tasks.has(id)) : withTask;
    return { ids, exclude: false };
  }
  if (query.list === 'watch') {
    if (ids) return { ids: ids.filter((id) => !tasks.has(id)), exclude: false };
    return { ids: [...tasks.keys()], exclude: true };
  }
  return ids ? { ids, exclude: false } : null;
}

/** Every customer id of an owner, through the customers service. */
async function customerIdsOfOwner(ctx: Ctx, ownerId: string): Promise<string[]> {
  const ids: string[] = [];
  let c: string | undefined;
  do {
    const page = await listCustomers(ctx, { ownerId, limit: 500, cursor: c });
    ids.push(...page.items.map((x) => x.id));
    c = page.nextCursor ?? undefined;
  } while (c);
  return ids;
}

/** The next `size` at-risk scores of a run after `after` in ranking order, narrowed by `only`. */
async function atRiskBatch(
  ctx: Ctx,
  runId: string,
  only: Only,
  after: After,
  size: number,
): Promise<ScoreRow[]> {
  const pick = async (ids: string[] | null, exclude: boolean) => {
    let q = ctx.db
      .selectFrom('churn_scores')
      .selectAll()
      .where('run_id', '=', runId)
      .where('at_risk', '=', 1);
    if (ids && ids.length > 0) q = q.where('customer_id', exclude ? 'not in' : 'in', ids);
    if (after) {
      const [v, id] = after;
      q = q.where((eb) =>
        eb.or([eb('rank_minor', '<', v), eb.and([eb('rank_minor', '=', v), eb('customer_id', '>', id)])]),
      );
    }
    return q.orderBy('rank_minor', 'desc').orderBy('customer_id').limit(size).execute();
  };
  if (!only || only.exclude) return pick(only?.ids ?? null, true);
  const all: ScoreRow[] = [];
  for (let i = 0; i < only.ids.length; i += 500) all.push(...(await pick(only.ids.slice(i, i + 500), false)));
  all.sort((a, b) => Number(b.rank_minor) - Number(a.rank_minor) || (a.customer_id < b.customer_id ? -1 : 1));
  return all.slice(0, size);
}

function toAtRiskItem(
  r: ScoreRow,
  c: Customer,
  run: RunRow,
  th: AlertSettings,
  lang: string,
  taskId: string | null,
): AtRiskItem {
  const s = {
    ...r,
    value_at_risk_minor: Number(r.value_at_risk_minor),
    value_if_stays_minor: Number(r.value_if_stays_minor),
  };
  return {
    customerId: c.id,
    customerName: c.name,
    customerNumber: c.number,
    ownerId: c.ownerId,
    tier: c.tier,
    pAlive: Number(r.p_alive),
    previousPAlive: r.prev_p_alive === null ? null : Number(r.prev_p_alive),
    overdueRatio: r.overdue_ratio === null ? null : Number(r.overdue_ratio),
    repeatPurchases: Number(r.x),
    valueAtRiskMinor: s.value_at_risk_minor,
    clvMinor: r.clv_minor === null ? null : Number(r.clv_minor),
    valueIfStaysMinor: s.value_if_stays_minor,
    rankMinor: Number(r.rank_minor),
    valueBasis: r.value_basis as AtRiskItem['valueBasis'],
    currency: run.currency,
    list: taskId ? 'call' : 'watch',
    reasons: reasonsInWords(atRiskReasons(s, th, run.currency), lang),
    taskId,
    runId: run.id,
  };
}
