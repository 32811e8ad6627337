// Retention economics: value lost to churn, value at risk, goodwill cost against value retained,
// the recovery rate measured on the company's own data, and a labelled word-of-mouth estimate.
import type { Ctx } from '../platform/context.js';
import { getCompanyTimeZone } from '../platform/time/index.js';
import { listLostBetween } from './lost-customers.service.js';
import * as ports from './retention.ports.js';
import type { Economics } from './retention.schema.js';
import { getRetentionSettings } from './retention.settings.js';
import { addMonths, rate } from './retention.stats.js';
import { rt } from './retention.i18n.js';

/** The sum of value at risk over the latest churn run's at-risk list (lost customers excluded). */
export async function valueAtRisk(ctx: Ctx): Promise<{ amountMinor: number; customers: number }> {
  let amount = 0;
  let customers = 0;
  let cursor: string | undefined;
  do {
    const page = await ports.listAtRisk(ctx, { limit: 500, cursor }, 'en');
    for (const a of page.items) {
      amount += a.valueAtRiskMinor;
      customers++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { amountMinor: amount, customers };
}

/** Distinct customers with an NPS answer 0–6 or a CSAT answer 1–2 in [from, to). */
async function unhappyCustomers(ctx: Ctx, from: string, to: string): Promise<number> {
  const unhappy = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await ports.listAnswers(ctx, { limit: 500, cursor, from, to });
    for (const a of page.items) {
      if (a.score === null) continue;
      if ((a.scale === 'nps' && a.score <= 6) || (a.scale === 'csat' && a.score <= 2))
        unhappy.add(a.customerId);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return unhappy.size;
}

/**
 * The economics of [from, to): value lost to churn (CLV, else trailing-12-month revenue, of customers
 * confirmed lost), value at risk now, goodwill cost versus value of complainants retained, the
 * recovery rate (complainants vs non-complainants, both with n) and the word-of-mouth estimate with
 * its assumptions. Texts in `lang`.
 */
export async function economics(ctx: Ctx, from: string, to: string, lang: string): Promise<Economics> {
  const settings = await getRetentionSettings(ctx);
  const currency = await ports.companyCurrency(ctx);
  const lost = await listLostBetween(ctx, from, to);
  const risk = await valueAtRisk(ctx);
  const metrics = await ports.caseMetrics(ctx, { from, to });
  const goodwillCost = metrics.total.goodwillGranted
    .filter((g) => g.currency === currency)
    .reduce((s, g) => s + g.amountMinor, 0);

  const customers = await ports.allCustomers(ctx);
  // Cases of erased customers are left out (they are not in the customer list).
  const known = new Set(customers.map((c) => c.id));
  const resolved = (await ports.listCaseTimings(ctx, { from, to, by: 'resolved' })).filter((k) =>
    known.has(k.customerId),
  );
  const received = (await ports.listCaseTimings(ctx, { from, to, by: 'received' })).filter((k) =>
    known.has(k.customerId),
  );
  const firstResolution = new Map<string, string>();
  for (const k of resolved) {
    const prev = firstResolution.get(k.customerId);
    if (!prev || k.resolvedAt! < prev) firstResolution.set(k.customerId, k.resolvedAt!);
  }
  const complained = new Set([...resolved, ...received].map((k) => k.customerId));
  const months = settings.recoveryMonths;
  const zone = await getCompanyTimeZone(ctx);
  const boughtBetween = async (customerId: string, after: string, until: string) =>
    (await ports.listPurchasesForCustomer(ctx, customerId)).some(
      (p) => p.purchasedAt > after && p.purchasedAt <= until,
    );

  let compRe = 0;
  const retained: string[] = [];
  for (const [customerId, at] of firstResolution) {
    if (await boughtBetween(customerId, at, addMonths(at, months, zone))) {
      compRe++;
      retained.push(customerId);
    }
  }
  let nonN = 0;
  let nonRe = 0;
  for (const c of customers) {
    if (c.status === 'prospect' || complained.has(c.id) || c.customerSince >= from) continue;
    nonN++;
    if (await boughtBetween(c.id, from, addMonths(from, months, zone))) nonRe++;
  }
  const byId = new Map(customers.map((c) => [c.id, c]));
  const scores = await ports.latestScores(ctx, retained);
  let retainedValue = 0;
  let retainedCustomers = 0;
  for (const id of retained) {
    const c = byId.get(id);
    if (!c || c.status === 'lost') continue;
    retainedCustomers++;
    const clv = scores.get(id)?.clvMinor;
    retainedValue += clv !== null && clv !== undefined ? Math.round(clv) : c.revenue12mMinor;
  }

  const unhappy = await unhappyCustomers(ctx, from, to);
  return {
    from,
    to,
    currency,
    valueLostToChurn: {
      amountMinor: lost.reduce((s, l) => s + l.valueMinor, 0),
      customers: lost.length,
      clvBased: lost.filter((l) => l.valueBasis === 'clv').length,
      revenueBased: lost.filter((l) => l.valueBasis === 'revenue_12m').length,
    },
    valueAtRisk: risk,
    goodwill: { costMinor: goodwillCost, retainedValueMinor: retainedValue, retainedCustomers },
    recovery: {
      months,
      complainants: {
        n: firstResolution.size,
        repurchased: compRe,
        rate: rate(compRe, firstResolution.size),
      },
      nonComplainants: { n: nonN, repurchased: nonRe, rate: rate(nonRe, nonN) },
      method:
        `Complainants: customers with a complaint resolved in the period; repurchase = a purchase within ${months} months after their first resolution in the period. ` +
        `Non-complainants: customers since before the period, not prospects, with no complaint received or resolved in the period; repurchase = a purchase within ${months} months after the period start. ` +
        'Retained value = CLV (latest churn score, else revenue of the last 12 months) of complainants who bought again and are not lost.',
    },
    wordOfMouth: {
      unhappyCustomers: unhappy,
      peopleToldPerUnhappyCustomer: settings.wordOfMouthPeopleTold,
      estimatedReach: Math.round(unhappy * settings.wordOfMouthPeopleTold),
      isEstimate: true,
      assumptions: [
        rt(lang, 'economics.wordOfMouthAssumption', { n: settings.wordOfMouthPeopleTold }),
        rt(lang, 'economics.unhappyDefinition'),
      ],
    },
  };
}
