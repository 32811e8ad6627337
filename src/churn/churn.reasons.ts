// Why a customer is at risk: reason codes from a score under the run's thresholds (stored with the
// alert) and the same reasons as texts (key + parameters, no words), worded in the reader's language
// when read.
import { hasText } from '../platform/i18n/i18n.js';
import { renderText, type StoredText, storedText, type TextParam } from '../platform/i18n/stored-text.js';
import './churn.i18n.js';
import type { AlertSettings, Reason } from './churn.schema.js';
import type { ExplicitSignals } from './churn.signals.js';
import type { ChurnTables } from './churn.tables.js';

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

/** A reason as code and text (key + parameters), in no language yet. */
export type StoredReason = { code: Reason['code']; text: StoredText };

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

/** "23 weeks" / "23 Wochen" for a span of days (weeks from 14 days on). */
function span(days: number): TextParam {
  return days >= 14
    ? { text: storedText('churn:units.week', { count: Math.round(days / 7) }) }
    : { text: storedText('churn:units.day', { count: Math.round(days) }) };
}

/** "23-week rhythm" / "23-Wochen-Rhythmus" for a usual gap of days (weeks from 14 days on). */
function rhythm(days: number): TextParam {
  return days >= 14
    ? { text: storedText('churn:rhythm.week', { count: Math.round(days / 7) }) }
    : { text: storedText('churn:rhythm.day', { count: Math.round(days) }) };
}

/** A day worded when read; '–' for none. */
const day = (iso: string | null): TextParam => (iso ? { date: iso } : '–');

function severity(code: string): TextParam {
  const key = `churn:severity.${code}`;
  return hasText(key) ? { text: storedText(key) } : code;
}

/** The text of one reason code, from the score's numbers and signals. */
function reasonText(code: Reason['code'], s: ReasonInput, th: AlertSettings): StoredText | null {
  if (code === 'p_alive_low')
    return storedText('churn:reasons.p_alive_low', {
      pAlive: Number(s.p_alive),
      threshold: th.pAliveBelow,
    });
  if (code === 'p_alive_drop')
    return storedText('churn:reasons.p_alive_drop', {
      from: Number(s.prev_p_alive ?? 0),
      to: Number(s.p_alive),
    });
  if (code === 'overdue') {
    if (s.usual_gap_days === null) return null;
    return storedText(s.gap_basis === 'own' ? 'churn:reasons.overdue' : 'churn:reasons.overdue_population', {
      overdue: span(Math.max(0, Number(s.days_since_last) - Number(s.usual_gap_days))),
      usual: rhythm(Number(s.usual_gap_days)),
    });
  }
  if (code === 'cancellation_notice') {
    const c = signalsOf(s).cancellation!;
    return storedText('churn:reasons.cancellation_notice', {
      count: c.contracts,
      products: { localized: { de: c.productsDe.join(', '), en: c.productsEn.join(', ') } },
      date: day(c.firstEndsAt),
    });
  }
  if (code === 'open_cases') {
    const c = signalsOf(s).openCases!;
    return storedText('churn:reasons.open_cases', {
      count: c.open,
      severity: severity(c.worstSeverity),
      date: day(c.oldestReceivedAt),
    });
  }
  if (code === 'bad_rating') {
    const b = signalsOf(s).badRatings!;
    return storedText('churn:reasons.bad_rating', {
      count: b.count,
      days: b.days,
      scale: b.latest.scale.toUpperCase(),
      score: b.latest.score,
      date: day(b.latest.answeredAt),
    });
  }
  return null;
}

/**
 * The reasons of a score as texts (key + parameters; a customer is never named in them), the value
 * at risk last, in whole units of the run's currency: an estimate, not an invoice.
 */
export function atRiskReasons(s: ReasonInput, th: AlertSettings, currency: string): StoredReason[] {
  const out: StoredReason[] = [];
  for (const code of reasonCodes(s, th)) {
    const text = reasonText(code, s, th);
    if (text) out.push({ code, text });
  }
  out.push({
    code: 'value',
    text: storedText(s.value_basis === 'clv' ? 'churn:reasons.value_clv' : 'churn:reasons.value_revenue', {
      amount: { money: { amountMinor: s.value_at_risk_minor, currency, wholeUnits: true } },
    }),
  });
  return out;
}

/** The reasons worded in the reader's language. */
export function reasonsInWords(reasons: StoredReason[], lang: string): Reason[] {
  return reasons.map((r) => ({ code: r.code, text: renderText(lang, r.text) }));
}
