// Why a customer is at risk: reason codes from a score under the run's thresholds (stored with the
// alert) and the same reasons in words in the reader's language (rendered when read).
import type { AlertSettings, Reason } from './churn.schema.js';
import type { ExplicitSignals } from './churn.signals.js';
import type { ChurnTables } from './churn.tables.js';
import {
  fill,
  formatDate,
  formatMoney,
  formatNumber,
  type Lang,
  rhythm,
  span,
  textsFor,
} from './churn.texts.js';

/** The fields of a score the reasons are read from. */
export type ReasonInput = Pick<
  ChurnTables['churn_scores'],
  | 'p_alive'
  | 'prev_p_alive'
  | 'overdue_ratio'
  | 'usual_gap_days'
  | 'gap_basis'
  | 'days_since_last'
  | 'signals'
> & { value_at_risk_minor: number; value_basis: string };

function signalsOf(s: Pick<ReasonInput, 'signals'>): ExplicitSignals {
  return s.signals ? (JSON.parse(s.signals) as ExplicitSignals) : {};
}

/**
 * Why a customer is at risk, as codes with the numbers (stored with alerts, localised when read):
 * the model (P(alive) low or dropped), the cadence (overdue) and the explicit signals (a cancellation
 * notice, open complaint cases, a bad survey rating), each switched by the run's thresholds.
 */
export function reasonCodes(s: ReasonInput, th: AlertSettings): Reason['code'][] {
  const codes: Reason['code'][] = [];
  if (s.p_alive < th.pAliveBelow) codes.push('p_alive_low');
  if (s.prev_p_alive !== null && s.prev_p_alive - s.p_alive >= th.dropAtLeast) codes.push('p_alive_drop');
  if (s.overdue_ratio !== null && s.overdue_ratio > th.overdueRatioAbove) codes.push('overdue');
  if (s.signals) {
    const sig = signalsOf(s);
    if (th.cancellationNotice !== false && sig.cancellation) codes.push('cancellation_notice');
    const atLeast = th.openCasesAtLeast ?? 0;
    if (atLeast > 0 && sig.openCases && sig.openCases.open >= atLeast) codes.push('open_cases');
    if ((th.badRatingDays ?? 0) > 0 && sig.badRatings) codes.push('bad_rating');
  }
  return codes;
}

/** The reasons in words in the reader's language, the value at risk last. */
export function reasonsInWords(s: ReasonInput, th: AlertSettings, currency: string, lang: Lang): Reason[] {
  const texts = textsFor(lang);
  const t = texts.reasons;
  const out: Reason[] = [];
  for (const code of reasonCodes(s, th)) {
    if (code === 'p_alive_low')
      out.push({
        code,
        text: fill(t.p_alive_low, {
          pAlive: formatNumber(s.p_alive, lang),
          threshold: formatNumber(th.pAliveBelow, lang),
        }),
      });
    else if (code === 'p_alive_drop')
      out.push({
        code,
        text: fill(t.p_alive_drop, {
          from: formatNumber(s.prev_p_alive ?? 0, lang),
          to: formatNumber(s.p_alive, lang),
        }),
      });
    else if (code === 'overdue' && s.usual_gap_days !== null)
      out.push({
        code,
        text: fill(s.gap_basis === 'own' ? t.overdue : t.overdue_population, {
          overdue: span(Math.max(0, s.days_since_last - s.usual_gap_days), lang),
          usual: rhythm(s.usual_gap_days, lang),
        }),
      });
    else if (code === 'cancellation_notice') {
      const c = signalsOf(s).cancellation!;
      out.push({
        code,
        text: fill(c.contracts === 1 ? t.cancellation_notice : t.cancellation_notice_other, {
          count: c.contracts,
          products: (lang === 'de' ? c.productsDe : c.productsEn).join(', '),
          date: formatDate(c.firstEndsAt, lang),
        }),
      });
    } else if (code === 'open_cases') {
      const c = signalsOf(s).openCases!;
      const severity = texts.severity[c.worstSeverity as keyof typeof texts.severity];
      out.push({
        code,
        text: fill(c.open === 1 ? t.open_cases_one : t.open_cases_other, {
          count: c.open,
          severity: severity ?? c.worstSeverity,
          date: formatDate(c.oldestReceivedAt, lang),
        }),
      });
    } else if (code === 'bad_rating') {
      const b = signalsOf(s).badRatings!;
      out.push({
        code,
        text: fill(b.count === 1 ? t.bad_rating_one : t.bad_rating_other, {
          count: b.count,
          days: b.days,
          scale: b.latest.scale.toUpperCase(),
          score: b.latest.score,
          date: formatDate(b.latest.answeredAt, lang),
        }),
      });
    }
  }
  out.push({
    code: 'value',
    text: fill(s.value_basis === 'clv' ? t.value_clv : t.value_revenue, {
      amount: formatMoney(s.value_at_risk_minor, currency, lang),
    }),
  });
  return out;
}
