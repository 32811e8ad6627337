// The at-risk list: the customers flagged in the latest run, highest value at risk first, with the
// reasons in the reader's language and the retention task raised for them.
import { getCustomer, listCustomers } from '../customers/customers.service.js';
import type { Ctx } from '../platform/context.js';
import { nullIfNotFound } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.js';
import { atRiskReasons, reasonsInWords } from './churn.reasons.js';
import { latestRunRow, type RunRow } from './churn.runs.js';
import type { AlertSettings, AtRiskItem, AtRiskQuery } from './churn.schema.js';
import type { ChurnTables } from './churn.tables.js';

type ScoreRow = ChurnTables['churn_scores'];
type Customer = Awaited<ReturnType<typeof getCustomer>>;
/** Keyset position in the list: (value at risk, customer id) of the last row read. */
type After = [number, string] | null;

/**
 * The customers at risk in the latest run, highest value at risk first, with the reasons in words in
 * `lang`; lost or erased customers are left out (also when their status changed after the run).
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
  const ownerIds = query.ownerId ? await customerIdsOfOwner(ctx, query.ownerId) : null;
  if (ownerIds && ownerIds.length === 0) return { items: [], nextCursor: null };
  const items: AtRiskItem[] = [];
  const rowsOfItems: ScoreRow[] = [];
  let exhausted = false;
  // Lost and erased customers are skipped when read, so a page may need more than one batch.
  while (items.length <= query.limit && !exhausted) {
    const want = query.limit + 1 - items.length;
    const batch = await atRiskBatch(ctx, run.id, ownerIds, after, want * 2);
    exhausted = batch.length < want * 2;
    if (batch.length === 0) break;
    after = [Number(batch[batch.length - 1].value_at_risk_minor), batch[batch.length - 1].customer_id];
    const customers = await customersOf(ctx, batch);
    const tasks = await taskIdsOf(
      ctx,
      batch.map((r) => r.customer_id),
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
    nextCursor:
      more && lastRow ? encodeCursor([Number(lastRow.value_at_risk_minor), lastRow.customer_id]) : null,
  };
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

/** The next `size` at-risk scores of a run after `after`, of the given customers (all when null). */
async function atRiskBatch(
  ctx: Ctx,
  runId: string,
  ownerIds: string[] | null,
  after: After,
  size: number,
): Promise<ScoreRow[]> {
  const pick = async (ids: string[] | null) => {
    let q = ctx.db
      .selectFrom('churn_scores')
      .selectAll()
      .where('run_id', '=', runId)
      .where('at_risk', '=', 1);
    if (ids) q = q.where('customer_id', 'in', ids);
    if (after) {
      const [v, id] = after;
      q = q.where((eb) =>
        eb.or([
          eb('value_at_risk_minor', '<', v),
          eb.and([eb('value_at_risk_minor', '=', v), eb('customer_id', '>', id)]),
        ]),
      );
    }
    return q.orderBy('value_at_risk_minor', 'desc').orderBy('customer_id').limit(size).execute();
  };
  if (!ownerIds) return pick(null);
  const all: ScoreRow[] = [];
  for (let i = 0; i < ownerIds.length; i += 500) all.push(...(await pick(ownerIds.slice(i, i + 500))));
  all.sort(
    (a, b) =>
      Number(b.value_at_risk_minor) - Number(a.value_at_risk_minor) ||
      (a.customer_id < b.customer_id ? -1 : 1),
  );
  return all.slice(0, size);
}

/** The customers of a batch that still exist, by id. */
async function customersOf(ctx: Ctx, batch: ScoreRow[]): Promise<Map<string, Customer>> {
  const found = await Promise.all(batch.map((r) => getCustomer(ctx, r.customer_id).catch(nullIfNotFound)));
  return new Map(found.filter((c) => c !== null).map((c) => [c.id, c]));
}

/** The task of each customer's latest alert that has one. */
async function taskIdsOf(ctx: Ctx, customerIds: string[]): Promise<Map<string, string>> {
  const tasks = new Map<string, string>();
  const alertRows = await ctx.db
    .selectFrom('churn_alerts')
    .select(['customer_id', 'task_id', 'at'])
    .where('customer_id', 'in', customerIds)
    .orderBy('at')
    .execute();
  for (const a of alertRows) if (a.task_id) tasks.set(a.customer_id, a.task_id);
  return tasks;
}

function toAtRiskItem(
  r: ScoreRow,
  c: Customer,
  run: RunRow,
  th: AlertSettings,
  lang: string,
  taskId: string | null,
): AtRiskItem {
  const s = { ...r, value_at_risk_minor: Number(r.value_at_risk_minor) };
  return {
    customerId: c.id,
    customerName: c.name,
    customerNumber: c.number,
    ownerId: c.ownerId,
    tier: c.tier,
    pAlive: Number(r.p_alive),
    previousPAlive: r.prev_p_alive === null ? null : Number(r.prev_p_alive),
    overdueRatio: r.overdue_ratio === null ? null : Number(r.overdue_ratio),
    valueAtRiskMinor: s.value_at_risk_minor,
    valueBasis: r.value_basis as AtRiskItem['valueBasis'],
    currency: run.currency,
    reasons: reasonsInWords(atRiskReasons(s, th, run.currency), lang),
    taskId,
    runId: run.id,
  };
}
