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
  | 'x'
> & { value_at_risk_minor: number; value_if_stays_minor: number; value_basis: string };

/**
 * The thresholds a run flagged with: the settings' (pAliveBelow possibly chosen on the holdout) and
 * whether the rhythm decides because the model flagged no repeat customer at all.
 */
export type RunThresholds = AlertSettings & { rhythmDecides?: boolean };

/** A reason as code and text (key + parameters), in no language yet. */
export type StoredReason = { code: Reason['code']; text: StoredText };

function signalsOf(s: Pick<ReasonInput, 'signals'>): ExplicitSignals {
  return s.signals ? (JSON.parse(s.signals) as ExplicitSignals) : {};
}

/** The explicit signals that flag a customer (a cancellation notice, open complaints, a bad rating). */
function signalCodes(s: ReasonInput, th: AlertSettings): Reason['code'][] {
  const codes: Reason['code'][] = [];
  if (!s.signals) return codes;
  const sig = signalsOf(s);
  if (th.cancellationNotice !== false && sig.cancellation) codes.push('cancellation_notice');
  const atLeast = th.openCasesAtLeast ?? 0;
  if (atLeast > 0 && sig.openCases && sig.openCases.open >= atLeast) codes.push('open_cases');
  if ((th.badRatingDays ?? 0) > 0 && sig.badRatings) codes.push('bad_rating');
  return codes;
}

/** A customer with a buying rhythm: at least one purchase day after the first. */
export const isRepeatCustomer = (s: Pick<ReasonInput, 'x'>) => Number(s.x) >= 1;

/**
 * Why a customer is at risk, as codes with the numbers (stored with alerts, localised when read).
 * A customer is flagged by the model (a repeat customer whose P(alive) fell below the run's
 * threshold), by their own rhythm when the model flags no repeat customer at all (more than
 * overdueRatioAbove times their usual interval since the last purchase) or by an explicit signal (a cancellation notice, open complaint cases, a bad survey
 * rating), each switched by the run's thresholds; a flagged customer's reasons also name a drop of
 * P(alive) since the last run and an overdue purchase rhythm. Not flagged: no reasons.
 */
export function reasonCodes(s: ReasonInput, th: RunThresholds): Reason['code'][] {
  const model = isRepeatCustomer(s) && s.p_alive < th.pAliveBelow;
  const overdue = isRepeatCustomer(s) && s.overdue_ratio !== null && s.overdue_ratio > th.overdueRatioAbove;
  // When the model sees nobody leaving (few, very regular customers), far past their own rhythm flags a
  // customer; otherwise, and against the population's rhythm, being overdue is only a reason.
  const ownRhythm = overdue && th.rhythmDecides === true && s.gap_basis === 'own';
  const signals = signalCodes(s, th);
  if (!model && !ownRhythm && signals.length === 0) return [];
  const codes: Reason['code'][] = model ? ['p_alive_low'] : [];
  if (s.prev_p_alive !== null && s.prev_p_alive - s.p_alive >= th.dropAtLeast) codes.push('p_alive_drop');
  if (overdue) codes.push('overdue');
  return [...codes, ...signals];
}

/**
 * The probability that the customer is gone: the model's 1 − P(alive); when the rhythm decides (the
 * model sees nobody leaving), at least the rhythm's 1 − 1 ÷ overdue ratio for a customer past their
 * own rhythm (five times the usual interval: 80 %).
 */
export function probabilityGone(
  s: Pick<ReasonInput, 'p_alive' | 'gap_basis' | 'overdue_ratio'>,
  th: RunThresholds,
): number {
  const pGone = 1 - Number(s.p_alive);
  if (th.rhythmDecides && s.gap_basis === 'own' && s.overdue_ratio !== null && s.overdue_ratio > 1)
    return Math.max(pGone, 1 - 1 / Number(s.overdue_ratio));
  return pGone;
}

/**
 * The probability of being gone that the value at risk and the ranking use: the model's
 * (1 − P(alive)), raised by an explicit signal: a cancellation notice means gone (1), an open complaint or a bad rating at least
 * the flagging threshold's (1 − pAliveBelow).
 */
export function rankingPGone(s: ReasonInput, th: RunThresholds): number {
  const pGone = probabilityGone(s, th);
  const signals = signalCodes(s, th);
  if (signals.includes('cancellation_notice')) return 1;
  if (signals.length > 0) return Math.max(pGone, 1 - th.pAliveBelow);
  return pGone;
}

/** "23 weeks" / "23 Wochen" for a span of days (weeks from 14 days on). */
function span(days: number, grammaticalCase: 'plain' | 'ago' = 'plain'): TextParam {
  const units = grammaticalCase === 'ago' ? 'churn:unitsAgo' : 'churn:units';
  return days >= 14
    ? { text: storedText(`${units}.week`, { count: Math.round(days / 7) }) }
    : { text: storedText(`${units}.day`, { count: Math.round(days) }) };
}

/** "every 3 weeks" / "alle 3 Wochen" / "every day" for a usual gap of days (weeks from 14 days on). */
function rhythm(days: number): TextParam {
  return days >= 14
    ? { text: storedText('churn:rhythm.week', { count: Math.round(days / 7) }) }
    : { text: storedText('churn:rhythm.day', { count: Math.max(1, Math.round(days)) }) };
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
    return storedText(
      Number(s.p_alive) < 0.01 ? 'churn:reasons.p_alive_low_tiny' : 'churn:reasons.p_alive_low',
      { pAlive: Number(s.p_alive), threshold: th.pAliveBelow },
    );
  if (code === 'p_alive_drop')
    return storedText('churn:reasons.p_alive_drop', {
      from: Number(s.prev_p_alive ?? 0),
      to: Number(s.p_alive),
    });
  if (code === 'overdue') {
    if (s.usual_gap_days === null) return null;
    return storedText(s.gap_basis === 'own' ? 'churn:reasons.overdue' : 'churn:reasons.overdue_population', {
      usual: rhythm(Number(s.usual_gap_days)),
      since: span(Number(s.days_since_last), 'ago'),
      overdue: span(Math.max(0, Number(s.days_since_last) - Number(s.usual_gap_days))),
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
 * at risk last (value if the customer stays × probability gone), in whole units of the run's
 * currency: an estimate, not an invoice.
 */
export function atRiskReasons(s: ReasonInput, th: RunThresholds, currency: string): StoredReason[] {
  const out: StoredReason[] = [];
  for (const code of reasonCodes(s, th)) {
    const text = reasonText(code, s, th);
    if (text) out.push({ code, text });
  }
  out.push({
    code: 'value',
    text: storedText(s.value_basis === 'clv' ? 'churn:reasons.value_clv' : 'churn:reasons.value_revenue', {
      amount: { money: { amountMinor: s.value_at_risk_minor, currency, wholeUnits: true } },
      ifStays: { money: { amountMinor: s.value_if_stays_minor, currency, wholeUnits: true } },
      pGone: rankingPGone(s, th),
    }),
  });
  return out;
}

/** The reasons worded in the reader's language. */
export function reasonsInWords(reasons: StoredReason[], lang: string): Reason[] {
  return reasons.map((r) => ({ code: r.code, text: renderText(lang, r.text) }));
}
