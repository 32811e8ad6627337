// Positive surprises ("Wow-Momente"): staff log them, a daily goal per team, their measured effect,
// and suggestions for recognition (anniversaries, tier upgrades) as tasks.
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, invalid } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { endOfLocal, getCompanyTimeZone, localDay, startOfLocalDate } from '../platform/time/index.js';
import * as ports from './retention.ports.js';
import { type CreateSurprise, createSurpriseSchema, type Surprise } from './retention.schema.js';
import { getRetentionSettings } from './retention.settings.js';
import type { RetentionTables } from './retention.tables.js';
import { addDays, rate, round, tenureBand } from './retention.stats.js';
import { storedText } from '../platform/i18n/stored-text.js';
import './retention.i18n.js';

type Row = RetentionTables['retention_surprises'];

function toSurprise(r: Row): Surprise {
  return {
    id: r.id,
    customerId: r.customer_id,
    userId: r.user_id,
    teamId: r.team_id,
    what: r.what,
    costMinor: r.cost_minor === null ? null : Number(r.cost_minor),
    currency: r.currency,
    at: r.at,
  };
}

/** Logs a positive surprise by the current staff member (and their team) for a customer; audited. */
export async function logSurprise(ctx: Ctx, input: CreateSurprise): Promise<Surprise> {
  const data = createSurpriseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const [customer] = await ports.getCustomers(tx, [data.customerId]);
    if (!customer) throw invalid('customerId', 'no such customer');
    if (customer.status === 'erased') throw new AppError('CUSTOMER_ERASED');
    const row: Row = {
      id: newId('wow'),
      customer_id: customer.id,
      user_id: tx.actor.kind === 'user' ? tx.actor.id : null,
      team_id: tx.actor.kind === 'user' ? tx.actor.teamId : null,
      what: data.what,
      cost_minor: data.costMinor ?? null,
      currency: data.currency ?? null,
      at: nowIso(tx),
    };
    await tx.db.insertInto('retention_surprises').values(row).execute();
    await recordAudit(tx, {
      entityType: 'surprise',
      entityId: row.id,
      customerId: customer.id,
      action: 'create',
      changes: diff(null, { what: row.what, cost_minor: row.cost_minor, currency: row.currency }),
    });
    return toSurprise(row);
  });
}

/** Surprises logged in [from, to), oldest first. */
export async function listSurprisesBetween(ctx: Ctx, from: string, to: string): Promise<Surprise[]> {
  const rows = await ctx.db
    .selectFrom('retention_surprises')
    .selectAll()
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(toSurprise);
}

/**
 * A local day's surprises (the company's time zone; default today) per team against the daily goal. Figures per person only when the company
 * turned on `metrics.perPersonVisible`; otherwise `people` is null and `perPersonHidden` true.
 */
export async function surpriseProgress(ctx: Ctx, q: { teamId?: string; date?: string }) {
  const settings = await getRetentionSettings(ctx);
  const zone = await getCompanyTimeZone(ctx);
  const date = q.date ?? localDay(ctx.clock.now(), zone);
  const from = startOfLocalDate(date, zone).toISOString();
  const to = endOfLocal('day', from, zone).toISOString();
  const teams = await ports.listTeams(ctx);
  if (q.teamId && !teams.some((t) => t.id === q.teamId)) throw invalid('teamId', 'no such team');
  let surprises = await listSurprisesBetween(ctx, from, to);
  if (q.teamId) surprises = surprises.filter((s) => s.teamId === q.teamId);
  const goal = settings.surpriseDailyGoal;
  const counts = new Map<string | null, number>();
  for (const s of surprises) counts.set(s.teamId, (counts.get(s.teamId) ?? 0) + 1);
  const shown = q.teamId ? teams.filter((t) => t.id === q.teamId) : teams;
  const rows = shown.map((t) => ({
    teamId: t.id as string | null,
    teamName: t.name,
    count: counts.get(t.id) ?? 0,
    goal,
    reached: (counts.get(t.id) ?? 0) >= goal,
  }));
  if (!q.teamId && counts.has(null)) {
    const n = counts.get(null)!;
    rows.push({ teamId: null, teamName: '—', count: n, goal, reached: n >= goal });
  }
  const visible = await ports.getPerPersonVisible(ctx);
  let people = null;
  if (visible) {
    const users = new Map((await ports.listUsers(ctx)).map((u) => [u.id, u]));
    const byUser = new Map<string | null, { teamId: string | null; count: number }>();
    for (const s of surprises) {
      const b = byUser.get(s.userId) ?? { teamId: s.teamId, count: 0 };
      b.count++;
      byUser.set(s.userId, b);
    }
    people = [...byUser.entries()]
      .map(([userId, b]) => ({
        userId,
        name: userId ? (users.get(userId)?.name ?? userId) : '—',
        teamId: b.teamId,
        count: b.count,
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }
  return { date, goal, teams: rows, perPersonHidden: !visible, people };
}

type GroupAcc = { customers: number; repurchased: number; csat: number[] };

/**
 * Surprised customers (first surprise in [from, to)) against a comparison group of never-surprised
 * customers of the same tier and tenure band: repurchase within `days` after the reference time and
 * mean CSAT of answers in that window. The comparison reference time is the earliest surprise in the
 * stratum; only customers whose window has ended count; the comparison rate is also standardised to
 * the surprised group's stratum mix.
 */
export async function surpriseEffect(ctx: Ctx, q: { from?: string; to?: string; days?: number }) {
  const settings = await getRetentionSettings(ctx);
  const days = q.days ?? settings.surpriseEffectDays;
  const now = nowIso(ctx);
  const from = q.from ? new Date(q.from).toISOString() : '1970-01-01T00:00:00.000Z';
  const to = q.to ? new Date(q.to).toISOString() : now;
  const all = await ctx.db
    .selectFrom('retention_surprises')
    .select(['customer_id', 'at'])
    .orderBy('at')
    .execute();
  const everSurprised = new Set(all.map((s) => s.customer_id));
  const firstInPeriod = new Map<string, string>();
  for (const s of all)
    if (s.at >= from && s.at < to && !firstInPeriod.has(s.customer_id))
      firstInPeriod.set(s.customer_id, s.at);
  const customers = (await ports.allCustomers(ctx)).filter((c) => c.status !== 'prospect');
  const stratumOf = (c: { tier: string; tenureYears: number }) => `${c.tier}|${tenureBand(c.tenureYears)}`;
  const refByStratum = new Map<string, string>();
  for (const c of customers) {
    const ref = firstInPeriod.get(c.id);
    if (!ref) continue;
    const s = stratumOf(c);
    if (!refByStratum.has(s) || ref < refByStratum.get(s)!) refByStratum.set(s, ref);
  }
  const surprised: GroupAcc = { customers: 0, repurchased: 0, csat: [] };
  const comparison: GroupAcc = { customers: 0, repurchased: 0, csat: [] };
  const surprisedByStratum = new Map<string, number>();
  const compByStratum = new Map<string, { n: number; k: number }>();
  for (const c of customers) {
    const s = stratumOf(c);
    const own = firstInPeriod.get(c.id);
    const isSurprised = own !== undefined;
    if (!isSurprised && everSurprised.has(c.id)) continue;
    const ref = isSurprised ? own : refByStratum.get(s);
    if (!ref) continue;
    const end = addDays(ref, days);
    if (end > now) continue;
    const purchases = await ports.listPurchasesForCustomer(ctx, c.id);
    const bought = purchases.some((p) => p.purchasedAt > ref && p.purchasedAt <= end);
    const csat = (await ports.listAnswersForCustomer(ctx, c.id))
      .filter((a) => a.scale === 'csat' && a.score !== null && a.answeredAt > ref && a.answeredAt <= end)
      .map((a) => a.score!);
    const acc = isSurprised ? surprised : comparison;
    acc.customers++;
    if (bought) acc.repurchased++;
    acc.csat.push(...csat);
    if (isSurprised) surprisedByStratum.set(s, (surprisedByStratum.get(s) ?? 0) + 1);
    else {
      const b = compByStratum.get(s) ?? { n: 0, k: 0 };
      b.n++;
      if (bought) b.k++;
      compByStratum.set(s, b);
    }
  }
  let weight = 0;
  let weighted = 0;
  for (const [s, n] of surprisedByStratum) {
    const b = compByStratum.get(s);
    if (!b || b.n === 0) continue;
    weight += n;
    weighted += n * (b.k / b.n);
  }
  const summary = (g: GroupAcc) => ({
    customers: g.customers,
    repurchased: g.repurchased,
    repurchaseRate: rate(g.repurchased, g.customers),
    csatMean: g.csat.length === 0 ? null : round(g.csat.reduce((a, b) => a + b, 0) / g.csat.length, 2),
    csatAnswers: g.csat.length,
  });
  return {
    from,
    to,
    days,
    surprised: summary(surprised),
    comparison: {
      ...summary(comparison),
      standardisedRepurchaseRate: weight === 0 ? null : round(weighted / weight),
    },
    method:
      `Surprised: customers whose first positive surprise in the period is the reference time. Comparison: customers never surprised, ` +
      `in the same tier and tenure band (<1y, 1–3y, 3–10y, >10y; today's values), with the earliest surprise of their stratum as reference time. ` +
      `Repurchase = any purchase within ${days} days after the reference; CSAT = mean score (1–5) of CSAT answers in that window. ` +
      `Only customers whose window has ended count; prospects are excluded. The standardised rate weights the comparison strata by the surprised group's mix.`,
  };
}

/**
 * Suggests recognition as tasks for the owner (source 'suggestion', one open task per customer and
 * occasion): anniversaries today (1, 5, 10, 15… years, from the settings) and tier upgrades since the
 * last run (the first run only records the tiers). Returns how many tasks were created.
 */
export async function runRecognition(ctx: Ctx): Promise<{ anniversaries: number; tierUpgrades: number }> {
  const settings = await getRetentionSettings(ctx);
  const now = ctx.clock.now();
  // Anniversaries by local calendar day: "MM-DD" and the year of today and of each customer's start.
  const zone = await getCompanyTimeZone(ctx);
  const today = localDay(now, zone);
  const customers = (await ports.allCustomers(ctx)).filter((c) => c.status === 'active');
  const snapshot = new Map(
    (await ctx.db.selectFrom('retention_tier_snapshot').selectAll().execute()).map((r) => [
      r.customer_id,
      r.tier,
    ]),
  );
  let anniversaries = 0;
  let tierUpgrades = 0;
  for (const c of customers) {
    const since = localDay(c.customerSince, zone);
    const years = Number(today.slice(0, 4)) - Number(since.slice(0, 4));
    if (since.slice(5) === today.slice(5) && settings.anniversaryYears.includes(years)) {
      const task = await ports.createTask(ctx, {
        customerId: c.id,
        titleText: storedText('retention:tasks.anniversaryTitle', { years, name: { customer: c.id } }),
        descriptionText: storedText('retention:tasks.anniversaryDescription', {
          years,
          name: { customer: c.id },
        }),
        dueAt: addDays(now.toISOString(), 3),
        priority: 'normal',
        source: 'suggestion',
        sourceRef: `anniversary:${years}`,
        dedupeKey: `recognition:anniversary:${c.id}:${years}`,
      });
      if (task.created) anniversaries++;
    }
    const before = snapshot.get(c.id);
    if (before === c.tier) continue;
    if (
      before !== undefined &&
      ports.tierOrder.indexOf(c.tier as never) > ports.tierOrder.indexOf(before as never)
    ) {
      const task = await ports.createTask(ctx, {
        customerId: c.id,
        titleText: storedText('retention:tasks.tierTitle', { tier: c.tier, name: { customer: c.id } }),
        descriptionText: storedText('retention:tasks.tierDescription', {
          tier: c.tier,
          from: before,
          name: { customer: c.id },
        }),
        dueAt: addDays(now.toISOString(), 7),
        priority: 'normal',
        source: 'suggestion',
        sourceRef: `tier:${c.tier}`,
        dedupeKey: `recognition:tier:${c.id}:${c.tier}`,
      });
      if (task.created) tierUpgrades++;
    }
    await ctx.db
      .insertInto('retention_tier_snapshot')
      .values({ customer_id: c.id, tier: c.tier, seen_at: now.toISOString() })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ tier: c.tier, seen_at: now.toISOString() }))
      .execute();
  }
  return { anniversaries, tierUpgrades };
}

/** GDPR export: everything this part of retention holds about the customer. */
export async function exportSurpriseData(ctx: Ctx, customerId: string) {
  const rows = await ctx.db
    .selectFrom('retention_surprises')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  const tier = await ctx.db
    .selectFrom('retention_tier_snapshot')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  return { surprises: rows.map(toSurprise), tierSnapshot: tier };
}

/** Erasure blanks what was done (it may describe the person); counts and dates stay for the goal figures. */
export async function eraseSurpriseData(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('retention_surprises')
    .set({ what: 'erased' })
    .where('customer_id', '=', customerId)
    .execute();
}
