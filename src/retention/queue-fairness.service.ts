// Queue fairness: existing customers are never served after prospects or newer customers. Waiting
// time to acknowledgement and to first response by tenure band, with flags naming the figures.
import type { Customer } from '../customers/customers.schema.js';
import type { Ctx } from '../platform/context.js';
import * as ports from './retention.ports.js';
import type { QueueFairness } from './retention.schema.js';
import { percentile, TENURE_BANDS, type TenureBand, tenureBand } from './retention.stats.js';
import { rt } from './retention.i18n.js';

type Key = TenureBand | 'prospect';
type Waits = { ack: number[]; fr: number[]; cases: number };

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    medianMinutes: percentile(sorted, 0.5),
    p90Minutes: percentile(sorted, 0.9),
  };
}

/**
 * Waiting times of the cases received in [from, to) in business minutes of the case calendar —
 * to acknowledgement and to first response, median and p90 — per tenure band at receipt (<1y,
 * 1–3y, 3–10y, >10y) and for prospects; flags every stage where customers of 3 years or more wait
 * longer (median) than customers under a year or than prospects. Texts in `lang`.
 */
export async function queueFairness(
  ctx: Ctx,
  from: string,
  to: string,
  lang: string,
): Promise<QueueFairness> {
  const cases = await ports.listCaseTimings(ctx, { from, to, by: 'received' });
  // Only the customers with a case in the period, 500 per request; erased customers are left out.
  const ids = [...new Set(cases.map((k) => k.customerId))];
  const byId = new Map<string, Customer>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const c of await ports.getCustomers(ctx, ids.slice(i, i + 500)))
      if (c.status !== 'erased') byId.set(c.id, c);
  }
  const calendar = ports.calendarOf(await ports.getCaseSettings(ctx));
  const groups = new Map<Key, Waits>();
  const all = {
    customer: { ack: [], fr: [], cases: 0 } as Waits,
    prospect: { ack: [], fr: [], cases: 0 } as Waits,
  };
  for (const k of cases) {
    const c = byId.get(k.customerId);
    if (!c) continue;
    const received = new Date(k.receivedAt);
    const key: Key =
      c.status === 'prospect' ? 'prospect' : tenureBand(ports.tenureYears(c.customerSince, received));
    const g = groups.get(key) ?? { ack: [], fr: [], cases: 0 };
    const kind = key === 'prospect' ? all.prospect : all.customer;
    const ack = ports.businessMinutesBetween(calendar, received, new Date(k.acknowledgedAt));
    g.cases++;
    kind.cases++;
    g.ack.push(ack);
    kind.ack.push(ack);
    if (k.firstResponseAt) {
      const fr = ports.businessMinutesBetween(calendar, received, new Date(k.firstResponseAt));
      g.fr.push(fr);
      kind.fr.push(fr);
    }
    groups.set(key, g);
  }
  const keys: Key[] = [...TENURE_BANDS, 'prospect'];
  const out = keys
    .filter((k) => groups.has(k))
    .map((k) => {
      const g = groups.get(k)!;
      return {
        key: k,
        kind: k === 'prospect' ? ('prospect' as const) : ('customer' as const),
        cases: g.cases,
        acknowledgement: summary(g.ack),
        firstResponse: summary(g.fr),
      };
    });
  const flags: QueueFairness['flags'] = [];
  const find = (k: Key) => out.find((g) => g.key === k);
  for (const stage of ['acknowledgement', 'firstResponse'] as const) {
    for (const band of ['y3to10', 'gt10'] as const) {
      const g = find(band);
      const mine = g?.[stage].medianMinutes;
      if (mine === null || mine === undefined) continue;
      for (const other of ['lt1', 'prospect'] as const) {
        const theirs = find(other)?.[stage].medianMinutes;
        if (theirs === null || theirs === undefined || !(mine > theirs)) continue;
        flags.push({
          stage,
          band,
          comparedWith: other,
          medianMinutes: mine,
          comparedMedianMinutes: theirs,
          text: rt(lang, 'fairness.tenureWaitsLonger', {
            band: rt(lang, `fairness.bands.${band}`),
            stage: rt(lang, `fairness.stages.${stage}`),
            a: mine,
            other: rt(lang, `fairness.bands.${other}`),
            b: theirs,
          }),
        });
      }
    }
  }
  return {
    from,
    to,
    timeBasis: 'business_minutes',
    groups: out,
    customers: {
      cases: all.customer.cases,
      acknowledgement: summary(all.customer.ack),
      firstResponse: summary(all.customer.fr),
    },
    prospects: {
      cases: all.prospect.cases,
      acknowledgement: summary(all.prospect.ack),
      firstResponse: summary(all.prospect.fr),
    },
    flags,
  };
}
