// The root-cause register: categories of causes, observations of a cause (from cases and lost
// customers) and the Pareto of cases by cause. Improvement actions: root-cause-actions.service.ts.
import { sql } from 'kysely';
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import type { RootCauseTables } from './root-causes.tables.js';
import {
  type CreateCategory,
  createCategorySchema,
  type Pareto,
  type RecurrenceRule,
  type RootCauseCategory,
  type RootCauseSource,
  recurrenceRuleSchema,
  rootCauseSourceSchema,
  type UpdateCategory,
  updateCategorySchema,
} from './root-causes.schema.js';

type CategoryRow = RootCauseTables['root_cause_categories'];

const RECURRENCE_KEY = 'rootCauses.recurrence';
export const defaultRecurrenceRule: RecurrenceRule = { periods: 3, minCases: 2 };

/** The default categories for a car dealership / service company (seeded once, then admin-editable). */
export const defaultRootCauseCategories: Array<{ code: string; de: string; en: string }> = [
  { code: 'process', de: 'Ablauf / Prozess', en: 'Process' },
  { code: 'communication', de: 'Kommunikation', en: 'Communication' },
  { code: 'product_defect', de: 'Produktmangel', en: 'Product defect' },
  { code: 'workmanship', de: 'Werkstattleistung / Reparaturqualität', en: 'Workmanship / repair quality' },
  { code: 'delivery_delay', de: 'Lieferverzug / Terminverzug', en: 'Delivery or appointment delay' },
  { code: 'billing_error', de: 'Rechnungsfehler', en: 'Billing error' },
  { code: 'staff_behaviour', de: 'Verhalten von Mitarbeitenden', en: 'Staff behaviour' },
  { code: 'cleanliness', de: 'Sauberkeit', en: 'Cleanliness' },
  { code: 'promise_not_kept', de: 'Zusage nicht eingehalten', en: 'Promise not kept' },
  { code: 'parts_availability', de: 'Ersatzteilverfügbarkeit', en: 'Parts availability' },
  { code: 'pricing', de: 'Preisgestaltung', en: 'Pricing' },
  { code: 'other', de: 'Sonstiges', en: 'Other' },
];

function toCategory(r: CategoryRow): RootCauseCategory {
  return {
    code: r.code,
    name: { de: r.name_de, en: r.name_en },
    active: r.active === 1,
    sortOrder: r.sort_order,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts the default categories that are missing; never changes existing ones. */
export async function seedRootCauseCategories(ctx: Ctx): Promise<void> {
  const now = nowIso(ctx);
  await ctx.db
    .insertInto('root_cause_categories')
    .values(
      defaultRootCauseCategories.map((c, i) => ({
        code: c.code,
        name_de: c.de,
        name_en: c.en,
        active: 1,
        sort_order: (i + 1) * 10,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/** One category by code (active or not), or null when no category has this code. */
export async function getRootCauseCategory(ctx: Ctx, code: string): Promise<RootCauseCategory | null> {
  const row = await ctx.db
    .selectFrom('root_cause_categories')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toCategory(row) : null;
}

/** The categories in display order; only active ones unless asked for all. */
export async function listRootCauseCategories(
  ctx: Ctx,
  options: { includeInactive?: boolean } = {},
): Promise<RootCauseCategory[]> {
  let q = ctx.db.selectFrom('root_cause_categories').selectAll();
  if (!options.includeInactive) q = q.where('active', '=', 1);
  const rows = await q.orderBy('sort_order').orderBy('code').execute();
  return rows.map(toCategory);
}

/** Adds a category (admin); a code is unique and never reused for a different meaning. */
export async function createRootCauseCategory(ctx: Ctx, input: CreateCategory): Promise<RootCauseCategory> {
  const data = createCategorySchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    if (await getRootCauseCategory(tx, data.code)) {
      throw new AppError('DUPLICATE', `Root-cause category ${data.code} exists`, {
        errors: [{ path: 'code', message: 'already in use' }],
      });
    }
    const now = nowIso(tx);
    const row: CategoryRow = {
      code: data.code,
      name_de: data.name.de,
      name_en: data.name.en,
      active: data.active ? 1 : 0,
      sort_order: data.sortOrder,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('root_cause_categories').values(row).execute();
    await recordAudit(tx, {
      entityType: 'root_cause_category',
      entityId: row.code,
      action: 'create',
      changes: diff(null, {
        nameDe: row.name_de,
        nameEn: row.name_en,
        active: row.active,
        sortOrder: row.sort_order,
      }),
    });
    return toCategory(row);
  });
}

/** Renames, re-orders or (de)activates a category (admin); the code stays. */
export async function updateRootCauseCategory(
  ctx: Ctx,
  code: string,
  input: UpdateCategory,
): Promise<RootCauseCategory> {
  const data = updateCategorySchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.db
      .selectFrom('root_cause_categories')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!before) throw notFound('Root-cause category', code);
    const after: CategoryRow = {
      ...before,
      name_de: data.name?.de ?? before.name_de,
      name_en: data.name?.en ?? before.name_en,
      active: data.active === undefined ? before.active : data.active ? 1 : 0,
      sort_order: data.sortOrder ?? before.sort_order,
      updated_at: nowIso(tx),
    };
    await tx.db
      .updateTable('root_cause_categories')
      .set({
        name_de: after.name_de,
        name_en: after.name_en,
        active: after.active,
        sort_order: after.sort_order,
        updated_at: after.updated_at,
      })
      .where('code', '=', code)
      .execute();
    const visible = (r: CategoryRow) => ({
      nameDe: r.name_de,
      nameEn: r.name_en,
      active: r.active,
      sortOrder: r.sort_order,
    });
    await recordAudit(tx, {
      entityType: 'root_cause_category',
      entityId: code,
      action: 'update',
      changes: diff(visible(before), visible(after)),
    });
    return toCategory(after);
  });
}

/** The rule that flags recurring causes. */
export function getRecurrenceRule(ctx: Ctx): Promise<RecurrenceRule> {
  return getSetting(ctx, RECURRENCE_KEY, recurrenceRuleSchema, defaultRecurrenceRule);
}

/** Replaces the rule that flags recurring causes (audited). */
export function setRecurrenceRule(ctx: Ctx, rule: unknown): Promise<RecurrenceRule> {
  return setSetting(ctx, RECURRENCE_KEY, recurrenceRuleSchema, rule);
}

async function countByCause(ctx: Ctx, from: string, to: string): Promise<Map<string | null, number>> {
  // Read-only look at the cases domain's own table (this file is part of the cases domain).
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['root_cause_code', sql<number>`count(*)`.as('n')])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .groupBy('root_cause_code')
    .execute();
  return new Map(rows.map((r) => [r.root_cause_code, Number(r.n)]));
}

async function countObservations(
  ctx: Ctx,
  source: RootCauseSource,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('root_cause_observations')
    .select(['category_code', sql<number>`count(*)`.as('n')])
    .where('source', '=', source)
    .where('observed_at', '>=', from)
    .where('observed_at', '<', to)
    .groupBy('category_code')
    .execute();
  return new Map(rows.map((r) => [r.category_code, Number(r.n)]));
}

/**
 * Records that something outside the cases points at a root cause — today a lost customer's exit
 * reason (source 'lost_customer', sourceRef the lost record) — so that the register counts it beside
 * the complaints. One observation per (source, sourceRef): recording again replaces it (the exit
 * interview's answer wins over the reason given on confirmation); a null category removes it.
 */
export async function recordRootCauseObservation(
  ctx: Ctx,
  input: {
    categoryCode: string | null;
    source: RootCauseSource;
    sourceRef: string;
    customerId: string | null;
    at: string;
  },
): Promise<void> {
  const source = rootCauseSourceSchema.parse(input.source);
  if (input.categoryCode !== null) {
    const cat = await getRootCauseCategory(ctx, input.categoryCode);
    if (!cat) throw invalid('categoryCode', `no root-cause category ${input.categoryCode}`);
  }
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .deleteFrom('root_cause_observations')
      .where('source', '=', source)
      .where('source_ref', '=', input.sourceRef)
      .execute();
    if (input.categoryCode === null) return;
    await tx.db
      .insertInto('root_cause_observations')
      .values({
        id: newId('rco'),
        category_code: input.categoryCode,
        source,
        source_ref: input.sourceRef,
        customer_id: input.customerId,
        observed_at: new Date(input.at).toISOString(),
        created_at: nowIso(tx),
      })
      .execute();
  });
}

/** GDPR export: the root-cause observations about the customer. */
export async function exportRootCauseObservations(ctx: Ctx, customerId: string) {
  return ctx.db
    .selectFrom('root_cause_observations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
}

/** Erasure keeps the count of a cause and forgets whose it was. */
export async function eraseRootCauseObservations(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('root_cause_observations')
    .set({ customer_id: null })
    .where('customer_id', '=', customerId)
    .execute();
}

/**
 * Cases received in [from, to) counted by root cause, most frequent first, with share and
 * cumulative share of the cases that have a cause. A category is `recurring` when it has at least
 * `minCases` cases in each of the last `periods` periods of the same length ending at `to`, and
 * `rising` when it has more cases than in the period just before and at least `minCases`.
 */
export async function paretoOfRootCauses(ctx: Ctx, fromIso: string, toIso: string): Promise<Pareto> {
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (!(from < to)) throw invalid('to', 'must be after from');
  const rule = await getRecurrenceRule(ctx);
  const len = to.getTime() - from.getTime();
  const periods: Array<Map<string | null, number>> = [];
  for (let k = 0; k < rule.periods; k++) {
    const pFrom = new Date(from.getTime() - k * len).toISOString();
    const pTo = new Date(to.getTime() - k * len).toISOString();
    periods.push(await countByCause(ctx, pFrom, pTo));
  }
  const current = periods[0];
  const lost = await countObservations(ctx, 'lost_customer', from.toISOString(), to.toISOString());
  const categories = new Map(
    (await listRootCauseCategories(ctx, { includeInactive: true })).map((c) => [c.code, c]),
  );
  const openActions = await ctx.db
    .selectFrom('root_cause_actions')
    .select(['category_code', sql<number>`count(*)`.as('n')])
    .where('status', 'in', ['open', 'in_progress'])
    .groupBy('category_code')
    .execute();
  const openByCode = new Map(openActions.map((r) => [r.category_code, Number(r.n)]));

  const counted = [...current.entries()].filter((e): e is [string, number] => e[0] !== null && e[1] > 0);
  const total = counted.reduce((s, [, n]) => s + n, 0);
  // Causes seen only through lost customers are listed too, after the causes of complaints.
  for (const code of lost.keys()) if (!current.get(code)) counted.push([code, 0]);
  const lostOf = (code: string) => lost.get(code) ?? 0;
  counted.sort((a, b) => b[1] - a[1] || lostOf(b[0]) - lostOf(a[0]) || a[0].localeCompare(b[0]));
  let cumulative = 0;
  const items = counted.map(([code, count]) => {
    cumulative += count;
    const previousCount = periods[1]?.get(code) ?? 0;
    const cat = categories.get(code);
    return {
      code,
      name: cat ? cat.name : { de: code, en: code },
      count,
      share: total > 0 ? round(count / total) : 0,
      cumulativeShare: total > 0 ? round(cumulative / total) : 0,
      previousCount,
      recurring: periods.every((p) => (p.get(code) ?? 0) >= rule.minCases),
      rising: count >= rule.minCases && count > previousCount,
      openActions: openByCode.get(code) ?? 0,
      lostCustomers: lostOf(code),
    };
  });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total,
    unassigned: current.get(null) ?? 0,
    lostCustomers: [...lost.values()].reduce((a, b) => a + b, 0),
    rule,
    items,
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
