// Case metrics: time to acknowledgement, first response and resolution (business minutes), SLA
// compliance, reopen rate, escalations, goodwill granted and cases per root cause, by group.
import { sql } from 'kysely';
import { z } from 'zod';
import { getUsers, listTeams } from '../platform/auth/users.service.js';
import type { Ctx } from '../platform/context.js';
import { invalid } from '../platform/errors.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import {
  getCompanyTimeZone,
  localDay,
  localIsoWeek,
  localMonth,
  startOfLocal,
  startOfLocalDate,
} from '../platform/time/index.js';
import { slaStatusOf } from './case-core.js';
import { type CaseSettings, calendarOf, getCaseSettings } from './case-settings.js';
import type { CaseMetrics, CaseMetricsGroup } from './case-metrics.schema.js';
import { type BusinessCalendar, businessMinutesBetween } from './sla/index.js';

const PER_PERSON_KEY = 'metrics.perPersonVisible';

/** Whether figures per person may be shown (works-council rule; default off). */
export function getPerPersonVisible(ctx: Ctx): Promise<boolean> {
  return getSetting(ctx, PER_PERSON_KEY, z.boolean(), false);
}

/** Turns per-person figures on or off (admin; audited). */
export function setPerPersonVisible(ctx: Ctx, visible: boolean): Promise<boolean> {
  return setSetting(ctx, PER_PERSON_KEY, z.boolean(), visible);
}

/** Linear-interpolation percentile (as PERCENTILE.INC / numpy's default) of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo), 1);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The local day (YYYY-MM-DD) the ISO week (Monday) or month of `iso` starts on in `zone`. */
export function periodStart(iso: string, period: 'week' | 'month', zone: string): string {
  return localDay(startOfLocal(period, iso, zone), zone);
}

type MetricRow = {
  id: string;
  team_id: string | null;
  owner_id: string | null;
  touchpoint_code: string | null;
  priority: string;
  sla_events: string;
  received_at: string;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  reopen_count: number;
  escalation_level: number;
  root_cause_code: string | null;
};

type MetricsQuery = {
  from: string;
  to: string;
  groupBy?: 'team' | 'agent' | 'touchpoint' | 'period';
  period?: 'week' | 'month';
};
type GroupBy = NonNullable<MetricsQuery['groupBy']>;
type Period = 'week' | 'month';

/** What every group's figures are computed from: the cases' own rows and the rows beside them. */
type MetricFacts = {
  settings: CaseSettings;
  calendar: BusinessCalendar;
  now: Date;
  escalationsByCase: Map<string, number>;
  goodwillByCase: Map<string, Array<{ currency: string; amount: number }>>;
};

/**
 * Metrics of the cases received in [from, to), in total and per group. groupBy=agent is honoured
 * only when the setting metrics.perPersonVisible is on; otherwise the answer is grouped by team
 * and says so (perPersonHidden). Durations are business minutes of the case calendar.
 */
export async function caseMetrics(ctx: Ctx, query: MetricsQuery): Promise<CaseMetrics> {
  const from = new Date(query.from).toISOString();
  const to = new Date(query.to).toISOString();
  if (!(from < to)) throw invalid('to', 'must be after from');
  const { groupBy, perPersonHidden } = await effectiveGrouping(ctx, query.groupBy ?? null);
  const period = query.period ?? 'month';
  const zone = await getCompanyTimeZone(ctx);
  const settings = await getCaseSettings(ctx);
  const calendar = calendarOf(settings);
  const now = ctx.clock.now();
  const rows = await casesReceivedBetween(ctx, from, to);
  const facts: MetricFacts = { settings, calendar, now, ...(await besideCasesBetween(ctx, from, to)) };
  const groups = groupBy ? await groupSummaries(ctx, rows, facts, { groupBy, period, zone }) : [];
  return {
    from,
    to,
    groupBy,
    perPersonHidden,
    timeBasis: 'business_minutes',
    total: summarise(null, 'total', rows, facts),
    groups,
  };
}

/** Per agent only while per-person figures are visible; otherwise per team, saying so. */
async function effectiveGrouping(
  ctx: Ctx,
  requested: GroupBy | null,
): Promise<{ groupBy: GroupBy | null; perPersonHidden: boolean }> {
  if (requested === 'agent' && !(await getPerPersonVisible(ctx))) {
    return { groupBy: 'team', perPersonHidden: true };
  }
  return { groupBy: requested, perPersonHidden: false };
}

/** The cases received in [from, to), oldest first (the cases domain's own table, read only). */
async function casesReceivedBetween(ctx: Ctx, from: string, to: string): Promise<MetricRow[]> {
  return (await ctx.db
    .selectFrom('cases')
    .select([
      'id',
      'team_id',
      'owner_id',
      'touchpoint_code',
      'priority',
      'sla_events',
      'received_at',
      'created_at',
      'first_response_at',
      'resolved_at',
      'reopen_count',
      'escalation_level',
      'root_cause_code',
    ])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .orderBy('received_at')
    .execute()) as MetricRow[];
}

/** Escalations and granted goodwill of the cases received in [from, to), by case. */
async function besideCasesBetween(
  ctx: Ctx,
  from: string,
  to: string,
): Promise<Pick<MetricFacts, 'escalationsByCase' | 'goodwillByCase'>> {
  const inPeriod = (eb: any) =>
    eb.selectFrom('cases').select('id').where('received_at', '>=', from).where('received_at', '<', to);
  const escalations = await ctx.db
    .selectFrom('case_escalations')
    .select(['case_id', sql<number>`count(*)`.as('n')])
    .where('case_id', 'in', inPeriod)
    .groupBy('case_id')
    .execute();
  const escalationsByCase = new Map(escalations.map((e) => [e.case_id, Number(e.n)]));
  const goodwill = await ctx.db
    .selectFrom('case_goodwill')
    .select(['case_id', 'currency', sql<number>`sum(amount_minor)`.as('amount')])
    .where('status', '=', 'granted')
    .where('case_id', 'in', inPeriod)
    .groupBy(['case_id', 'currency'])
    .execute();
  const goodwillByCase = new Map<string, Array<{ currency: string; amount: number }>>();
  for (const g of goodwill) {
    goodwillByCase.set(g.case_id, [
      ...(goodwillByCase.get(g.case_id) ?? []),
      { currency: g.currency, amount: Number(g.amount) },
    ]);
  }
  return { escalationsByCase, goodwillByCase };
}

/** One summary per group, ordered by key with the cases without a group ("—") last. */
async function groupSummaries(
  ctx: Ctx,
  rows: MetricRow[],
  facts: MetricFacts,
  grouping: { groupBy: GroupBy; period: Period; zone: string },
): Promise<CaseMetricsGroup[]> {
  const { groupBy, period, zone } = grouping;
  const keyOf = groupKey(grouping);
  const buckets = new Map<string | null, MetricRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const b = buckets.get(k) ?? [];
    b.push(r);
    buckets.set(k, b);
  }
  const labels = await labelsFor(
    ctx,
    groupBy,
    [...buckets.keys()].filter((k): k is string => k !== null),
    period,
    zone,
  );
  const keys = [...buckets.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return keys.map((k) => summarise(k, k === null ? '—' : (labels.get(k) ?? k), buckets.get(k)!, facts));
}

/** The group a case falls in: its team, owner, touchpoint or the local day its week or month starts. */
function groupKey(grouping: {
  groupBy: GroupBy;
  period: Period;
  zone: string;
}): (r: MetricRow) => string | null {
  const { groupBy, period, zone } = grouping;
  return (r) => {
    switch (groupBy) {
      case 'team':
        return r.team_id;
      case 'agent':
        return r.owner_id;
      case 'touchpoint':
        return r.touchpoint_code;
      case 'period':
        return periodStart(r.received_at, period, zone);
      default:
        return null;
    }
  };
}

/** Every figure of one group of cases. */
function summarise(
  key: string | null,
  label: string,
  rows: MetricRow[],
  facts: MetricFacts,
): CaseMetricsGroup {
  return {
    key,
    label,
    cases: rows.length,
    ...durations(rows, facts.calendar),
    ...slaCompliance(rows, facts.settings, facts.now),
    ...reopens(rows),
    ...escalationFigures(rows, facts.escalationsByCase),
    goodwillGranted: goodwillGranted(rows, facts.goodwillByCase),
    byRootCause: casesByRootCause(rows),
  };
}

/** Business minutes from receipt to acknowledgement, first response and resolution. */
function durations(
  rows: MetricRow[],
  calendar: BusinessCalendar,
): Pick<CaseMetricsGroup, 'acknowledgement' | 'firstResponse' | 'resolution'> {
  const ack: number[] = [];
  const fr: number[] = [];
  const res: number[] = [];
  for (const r of rows) {
    const received = new Date(r.received_at);
    // Acknowledged when recorded, but never before it was received.
    ack.push(businessMinutesBetween(calendar, received, new Date([r.created_at, r.received_at].sort()[1])));
    if (r.first_response_at)
      fr.push(businessMinutesBetween(calendar, received, new Date(r.first_response_at)));
    if (r.resolved_at) res.push(businessMinutesBetween(calendar, received, new Date(r.resolved_at)));
  }
  return { acknowledgement: duration(ack), firstResponse: duration(fr), resolution: duration(res) };
}

function duration(values: number[]) {
  const sorted = values.sort((a, b) => a - b);
  return {
    count: sorted.length,
    medianBusinessMinutes: percentile(sorted, 0.5),
    p90BusinessMinutes: percentile(sorted, 0.9),
  };
}

/** Met and breached first-response and resolution targets, and the share met of those decided. */
function slaCompliance(
  rows: MetricRow[],
  settings: CaseSettings,
  now: Date,
): Pick<CaseMetricsGroup, 'slaFirstResponse' | 'slaResolution'> {
  const slaFr = { met: 0, breached: 0 };
  const slaRes = { met: 0, breached: 0 };
  for (const r of rows) {
    const sla = slaStatusOf(r, settings, now);
    if (sla.firstResponse.state === 'met') slaFr.met++;
    if (sla.firstResponse.state === 'breached') slaFr.breached++;
    if (sla.resolution.state === 'met') slaRes.met++;
    if (sla.resolution.state === 'breached') slaRes.breached++;
  }
  return { slaFirstResponse: compliance(slaFr), slaResolution: compliance(slaRes) };
}

function compliance(s: { met: number; breached: number }) {
  return {
    ...s,
    compliance: s.met + s.breached === 0 ? null : round(s.met / (s.met + s.breached), 4),
  };
}

/** Cases resolved at least once, those reopened, and the reopen rate among the resolved. */
function reopens(
  rows: MetricRow[],
): Pick<CaseMetricsGroup, 'resolvedCases' | 'reopenedCases' | 'reopenRate'> {
  let resolvedCases = 0;
  let reopenedCases = 0;
  for (const r of rows) {
    if (r.resolved_at || r.reopen_count > 0) resolvedCases++;
    if (r.reopen_count > 0) reopenedCases++;
  }
  return {
    resolvedCases,
    reopenedCases,
    reopenRate: resolvedCases === 0 ? null : round(reopenedCases / resolvedCases, 4),
  };
}

/** Escalation steps taken, and cases escalated at all (by a step or by their level). */
function escalationFigures(
  rows: MetricRow[],
  escalationsByCase: MetricFacts['escalationsByCase'],
): Pick<CaseMetricsGroup, 'escalations' | 'escalatedCases'> {
  let escalations = 0;
  let escalatedCases = 0;
  for (const r of rows) {
    const esc = escalationsByCase.get(r.id) ?? 0;
    escalations += esc;
    if (esc > 0 || r.escalation_level > 0) escalatedCases++;
  }
  return { escalations, escalatedCases };
}

/** Goodwill granted, summed per currency (never across currencies), by currency code. */
function goodwillGranted(
  rows: MetricRow[],
  goodwillByCase: MetricFacts['goodwillByCase'],
): CaseMetricsGroup['goodwillGranted'] {
  const money = new Map<string, number>();
  for (const r of rows) {
    for (const g of goodwillByCase.get(r.id) ?? [])
      money.set(g.currency, (money.get(g.currency) ?? 0) + g.amount);
  }
  return [...money.entries()].sort().map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

function casesByRootCause(rows: MetricRow[]): Record<string, number> {
  const byRootCause: Record<string, number> = {};
  for (const r of rows) {
    if (r.root_cause_code) byRootCause[r.root_cause_code] = (byRootCause[r.root_cause_code] ?? 0) + 1;
  }
  return byRootCause;
}

async function labelsFor(
  ctx: Ctx,
  groupBy: string,
  keys: string[],
  period: 'week' | 'month',
  zone: string,
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  if (groupBy === 'team') {
    const teams = (await listTeams(ctx)).filter((t) => keys.includes(t.id));
    return new Map(teams.map((t) => [t.id, t.name]));
  }
  if (groupBy === 'agent') {
    const users = await getUsers(ctx, keys);
    return new Map(users.map((u) => [u.id, u.name]));
  }
  if (groupBy === 'period') {
    // A key is the local day its period starts on: "2026-03" or "2026-W10".
    const label = period === 'month' ? localMonth : localIsoWeek;
    return new Map(keys.map((k) => [k, label(startOfLocalDate(k, zone), zone)]));
  }
  return new Map(keys.map((k) => [k, k]));
}
