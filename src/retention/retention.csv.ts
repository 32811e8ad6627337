// CSV exports of the retention figures (CLI `stammkunde export <figure>` and GET /retention/exports/:figure),
// written by the one CSV writer (platform/csv: RFC 4180, CRLF, formula guard).
import type { Ctx } from '../platform/context.js';
import { type CsvCell, toCsv } from '../platform/csv/csv.js';
import { getCompanyTimeZone, localDay } from '../platform/time/index.js';
import { economics } from './economics.service.js';
import { listLostBetween } from './lost-customers.service.js';
import { listLoyaltyPenalties } from './loyalty-penalty.service.js';
import { queueFairness } from './queue-fairness.service.js';
import { listSurprisesBetween } from './surprises.service.js';
import * as ports from './retention.ports.js';
import { getRetentionSettings } from './retention.settings.js';
import { lostReasons } from './win-back.service.js';

export const exportFigures = [
  'loyalty-penalty',
  'win-back',
  'lost-reasons',
  'queue-fairness',
  'surprises',
  'economics',
] as const;
export type ExportFigure = (typeof exportFigures)[number];

type FigureExporter = (ctx: Ctx, from: string, to: string, lang: string) => Promise<string>;

/** One CSV writer per figure. */
const exporters: Record<ExportFigure, FigureExporter> = {
  'loyalty-penalty': loyaltyPenaltyCsv,
  'win-back': winBackCsv,
  'lost-reasons': lostReasonsCsv,
  'queue-fairness': queueFairnessCsv,
  surprises: surprisesCsv,
  economics: economicsCsv,
};

/** The CSV of one figure for [from, to) (figures that are "now" ignore the period). */
export async function exportFigureCsv(
  ctx: Ctx,
  figure: ExportFigure,
  from: string,
  to: string,
  lang: string,
): Promise<string> {
  return exporters[figure](ctx, from, to, lang);
}

/** Loyalty penalty now: one row per overpaying contract. */
async function loyaltyPenaltyCsv(ctx: Ctx): Promise<string> {
  const items = await listLoyaltyPenalties(ctx);
  return toCsv(
    [
      'customer_id',
      'customer_number',
      'customer_name',
      'contract_id',
      'product_code',
      'billing_period',
      'price_minor',
      'new_customer_price_minor',
      'overpayment_per_year_minor',
      'currency',
      'since',
    ],
    items.flatMap((i) =>
      i.contracts.map((c) => [
        i.customerId,
        i.customerNumber,
        i.customerName,
        c.contractId,
        c.productCode,
        c.billingPeriod,
        c.priceMinor,
        c.newCustomerPriceMinor,
        c.overpaymentPerYearMinor,
        i.currency,
        c.since,
      ]),
    ),
  );
}

/** The customers confirmed lost in the period, with their win-back offer and status. */
async function winBackCsv(ctx: Ctx, from: string, to: string): Promise<string> {
  const lost = await listLostBetween(ctx, from, to);
  return toCsv(
    [
      'lost_id',
      'customer_id',
      'source',
      'reason_code',
      'confirmed_at',
      'value_minor',
      'value_basis',
      'currency',
      'offer_kind',
      'status',
      'won_back_at',
    ],
    lost.map((l) => [
      l.id,
      l.customerId,
      l.source,
      l.reasonCode,
      l.confirmedAt,
      l.valueMinor,
      l.valueBasis,
      l.currency,
      l.offer.kind,
      l.status,
      l.wonBackAt,
    ]),
  );
}

/** Why customers left in the period, one row per reason code. */
async function lostReasonsCsv(ctx: Ctx, from: string, to: string): Promise<string> {
  const r = await lostReasons(ctx, from, to);
  return toCsv(
    ['code', 'count', 'share', 'from_exit_interview', 'from_confirmation'],
    r.items.map((i) => [i.code, i.count, i.share, i.fromExitInterview, i.fromConfirmation]),
  );
}

/** Acknowledgement and first-response times per customer group in the period. */
async function queueFairnessCsv(ctx: Ctx, from: string, to: string, lang: string): Promise<string> {
  const q = await queueFairness(ctx, from, to, lang);
  return toCsv(
    [
      'group',
      'kind',
      'cases',
      'ack_count',
      'ack_median_minutes',
      'ack_p90_minutes',
      'first_response_count',
      'first_response_median_minutes',
      'first_response_p90_minutes',
    ],
    q.groups.map((g) => [
      g.key,
      g.kind,
      g.cases,
      g.acknowledgement.count,
      g.acknowledgement.medianMinutes,
      g.acknowledgement.p90Minutes,
      g.firstResponse.count,
      g.firstResponse.medianMinutes,
      g.firstResponse.p90Minutes,
    ]),
  );
}

/** Positive surprises per local day and team in the period, against the daily goal. */
async function surprisesCsv(ctx: Ctx, from: string, to: string): Promise<string> {
  const goal = (await getRetentionSettings(ctx)).surpriseDailyGoal;
  const teams = new Map((await ports.listTeams(ctx)).map((t) => [t.id, t.name]));
  const counts = new Map<string, number>();
  const zone = await getCompanyTimeZone(ctx);
  for (const s of await listSurprisesBetween(ctx, from, to)) {
    const key = `${localDay(s.at, zone)}|${s.teamId ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return toCsv(
    ['date', 'team_id', 'team_name', 'count', 'goal'],
    [...counts.entries()].sort().map(([k, n]) => {
      const [date, teamId] = k.split('|');
      return [date, teamId || null, teamId ? (teams.get(teamId) ?? teamId) : null, n, goal];
    }),
  );
}

/** The economics figures of the period, one metric per row. */
async function economicsCsv(ctx: Ctx, from: string, to: string, lang: string): Promise<string> {
  const e = await economics(ctx, from, to, lang);
  const rows: CsvCell[][] = [
    ['value_lost_to_churn', e.valueLostToChurn.amountMinor, e.currency, e.valueLostToChurn.customers],
    ['value_at_risk', e.valueAtRisk.amountMinor, e.currency, e.valueAtRisk.customers],
    ['goodwill_cost', e.goodwill.costMinor, e.currency, null],
    [
      'retained_value_after_complaint',
      e.goodwill.retainedValueMinor,
      e.currency,
      e.goodwill.retainedCustomers,
    ],
    ['recovery_rate_complainants', e.recovery.complainants.rate, 'share', e.recovery.complainants.n],
    [
      'repurchase_rate_non_complainants',
      e.recovery.nonComplainants.rate,
      'share',
      e.recovery.nonComplainants.n,
    ],
    [
      'word_of_mouth_reach_estimate',
      e.wordOfMouth.estimatedReach,
      'people (assumption)',
      e.wordOfMouth.unhappyCustomers,
    ],
  ];
  return toCsv(['metric', 'value', 'unit', 'n'], rows);
}
