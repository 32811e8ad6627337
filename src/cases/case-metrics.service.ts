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
import { calendarOf, getCaseSettings } from './case-settings.js';
import type { CaseMetrics, CaseMetricsGroup } from './case-metrics.schema.js';
import { businessMinutesBetween } from './sla/index.js';

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

type Acc = {
  rows: MetricRow[];
};

/**
 * Metrics of the cases received in [from, to), in total and per group. groupBy=agent is honoured
 * only when the setting metrics.perPersonVisible is on; otherwise the answer is grouped by team
 * and says so (perPersonHidden). Durations are business minutes of the case calendar.
 */
export async function caseMetrics(
  ctx: Ctx,
  query: {
    from: string;
    to: string;
    groupBy?: 'team' | 'agent' | 'touchpoint' | 'period';
    period?: 'week' | 'month';
  },
): Promise<CaseMetrics> {
  const from = new Date(query.from).toISOString();
  const to = new Date(query.to).toISOString();
  if (!(from < to)) throw invalid('to', 'must be after from');
  let groupBy = query.groupBy ?? null;
  let perPersonHidden = false;
  if (groupBy === 'agent' && !(await getPerPersonVisible(ctx))) {
    groupBy = 'team';
    perPersonHidden = true;
  }
  const period = query.period ?? 'month';
  const zone = await getCompanyTimeZone(ctx);
  const settings = await getCaseSettings(ctx);
  const calendar = calendarOf(settings);
  const now = ctx.clock.now();

  // Read-only look at the cases domain's own tables (this file is part of the cases domain).
  const rows = (await ctx.db
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

  const keyOf = (r: MetricRow): string | null => {
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

  const summarise = (key: string | null, label: string, acc: Acc): CaseMetricsGroup => {
    const ack: number[] = [];
    const fr: number[] = [];
    const res: number[] = [];
    const slaFr = { met: 0, breached: 0 };
    const slaRes = { met: 0, breached: 0 };
    let resolvedCases = 0;
    let reopenedCases = 0;
    let escalationCount = 0;
    let escalatedCases = 0;
    const money = new Map<string, number>();
    const byRootCause: Record<string, number> = {};
    for (const r of acc.rows) {
      const received = new Date(r.received_at);
      ack.push(businessMinutesBetween(calendar, received, new Date([r.created_at, r.received_at].sort()[1])));
      if (r.first_response_at)
        fr.push(businessMinutesBetween(calendar, received, new Date(r.first_response_at)));
      if (r.resolved_at) res.push(businessMinutesBetween(calendar, received, new Date(r.resolved_at)));
      const sla = slaStatusOf(r, settings, now);
      if (sla.firstResponse.state === 'met') slaFr.met++;
      if (sla.firstResponse.state === 'breached') slaFr.breached++;
      if (sla.resolution.state === 'met') slaRes.met++;
      if (sla.resolution.state === 'breached') slaRes.breached++;
      if (r.resolved_at || r.reopen_count > 0) resolvedCases++;
      if (r.reopen_count > 0) reopenedCases++;
      const esc = escalationsByCase.get(r.id) ?? 0;
      escalationCount += esc;
      if (esc > 0 || r.escalation_level > 0) escalatedCases++;
      for (const g of goodwillByCase.get(r.id) ?? [])
        money.set(g.currency, (money.get(g.currency) ?? 0) + g.amount);
      if (r.root_cause_code) byRootCause[r.root_cause_code] = (byRootCause[r.root_cause_code] ?? 0) + 1;
    }
    const duration = (values: number[]) => {
      const sorted = values.sort((a, b) => a - b);
      return {
        count: sorted.length,
        medianBusinessMinutes: percentile(sorted, 0.5),
        p90BusinessMinutes: percentile(sorted, 0.9),
      };
    };
    const compliance = (s: { met: number; breached: number }) => ({
      ...s,
      compliance: s.met + s.breached === 0 ? null : round(s.met / (s.met + s.breached), 4),
    });
    return {
      key,
      label,
      cases: acc.rows.length,
      acknowledgement: duration(ack),
      firstResponse: duration(fr),
      resolution: duration(res),
      slaFirstResponse: compliance(slaFr),
      slaResolution: compliance(slaRes),
      resolvedCases,
      reopenedCases,
      reopenRate: resolvedCases === 0 ? null : round(reopenedCases / resolvedCases, 4),
      escalations: escalationCount,
      escalatedCases,
      goodwillGranted: [...money.entries()]
        .sort()
        .map(([currency, amountMinor]) => ({ currency, amountMinor })),
      byRootCause,
    };
  };

  const groups: CaseMetricsGroup[] = [];
  if (groupBy) {
    const buckets = new Map<string | null, Acc>();
    for (const r of rows) {
      const k = keyOf(r);
      const b = buckets.get(k) ?? { rows: [] };
      b.rows.push(r);
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
    for (const k of keys) groups.push(summarise(k, k === null ? '—' : (labels.get(k) ?? k), buckets.get(k)!));
  }
  return {
    from,
    to,
    groupBy,
    perPersonHidden,
    timeBasis: 'business_minutes',
    total: summarise(null, 'total', { rows }),
    groups,
  };
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
