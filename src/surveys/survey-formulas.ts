// The survey formulas as pure functions, with the standard definitions:
// NPS = %promoters (9–10) − %detractors (0–6) of those who answered (passives 7–8 count in the
// total); CSAT = share of 4–5 answers on 1–5; CES = mean of 1–7. A skipped question (null) is not
// an answer and counts nowhere.

export type Score = number | null | undefined;

export type NpsResult = {
  value: number | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
};
export type CsatResult = { value: number | null; n: number; satisfied: number };
export type CesResult = { value: number | null; n: number };

const answered = (scores: readonly Score[]): number[] =>
  scores.filter((s): s is number => typeof s === 'number' && Number.isFinite(s));

/** NPS on −100…100 (null without answers): 9–10 promoters, 7–8 passives, 0–6 detractors. */
export function nps(scores: readonly Score[]): NpsResult {
  const xs = answered(scores);
  const promoters = xs.filter((s) => s >= 9).length;
  const detractors = xs.filter((s) => s <= 6).length;
  const passives = xs.length - promoters - detractors;
  const value = xs.length === 0 ? null : round((100 * (promoters - detractors)) / xs.length, 1);
  return { value, n: xs.length, promoters, passives, detractors };
}

/** CSAT as a share 0–1 (null without answers): answers of 4 or 5 ÷ all answers. */
export function csat(scores: readonly Score[]): CsatResult {
  const xs = answered(scores);
  const satisfied = xs.filter((s) => s >= 4).length;
  return { value: xs.length === 0 ? null : round(satisfied / xs.length, 4), n: xs.length, satisfied };
}

/** CES 2.0: the mean of the 1–7 answers (null without answers). */
export function ces(scores: readonly Score[]): CesResult {
  const xs = answered(scores);
  return {
    value: xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, 2),
    n: xs.length,
  };
}

/** Answered ÷ sent as a share 0–1 (null when nothing was sent). */
export function responseRate(answeredCount: number, sentCount: number): number | null {
  return sentCount === 0 ? null : round(answeredCount / sentCount, 4);
}

/** Whether an answer is bad enough to close the loop with a follow-up (NPS 0–6, CSAT 1–2, any exit). */
export function needsFollowUp(scale: string, score: Score): boolean {
  if (scale === 'none') return true;
  if (typeof score !== 'number') return false;
  if (scale === 'nps') return score <= 6;
  if (scale === 'csat') return score <= 2;
  if (scale === 'ces') return score <= 2;
  return false;
}

/** Whether an answer is praise: NPS 9–10 or CSAT 5, with a comment. */
export function isPraise(scale: string, score: Score, comment: string | null | undefined): boolean {
  if (!comment || comment.trim() === '' || typeof score !== 'number') return false;
  return (scale === 'nps' && score >= 9) || (scale === 'csat' && score === 5);
}

export type RepurchaseSubject = {
  /** Sale survey CSAT (latest answer), or null when skipped / not asked. */
  saleScore: Score;
  /** After-sales survey CSAT (latest answer), or null. */
  afterSalesScore: Score;
  /** When the after-sales answer was given (the window starts here). */
  afterSalesAt: string;
  /** Whether the customer bought again within the window after afterSalesAt. */
  repurchased: boolean;
  /** Whether the whole window has passed (only then a "did not buy again" is final). */
  windowClosed: boolean;
};

export type RepurchaseCell = {
  saleSatisfied: boolean;
  afterSalesSatisfied: boolean;
  n: number;
  repurchased: number;
  rate: number | null;
  /** Customers left out because their window is still open. */
  openWindow: number;
};

/**
 * The repurchase matrix: customers with both a sale and an after-sales CSAT answer, split by
 * satisfied (≥ 4) with each, and the share that bought again within the window. Only customers
 * whose whole window has passed count (a mature cohort); the others are reported as openWindow and
 * left out of n, so neither "not yet" nor "early buyers only" bends the rate.
 */
export function repurchaseMatrix(subjects: readonly RepurchaseSubject[]): RepurchaseCell[] {
  const cells: RepurchaseCell[] = [];
  for (const saleSatisfied of [true, false]) {
    for (const afterSalesSatisfied of [true, false]) {
      cells.push({ saleSatisfied, afterSalesSatisfied, n: 0, repurchased: 0, rate: null, openWindow: 0 });
    }
  }
  for (const s of subjects) {
    if (typeof s.saleScore !== 'number' || typeof s.afterSalesScore !== 'number') continue;
    const cell = cells.find(
      (c) => c.saleSatisfied === s.saleScore! >= 4 && c.afterSalesSatisfied === s.afterSalesScore! >= 4,
    )!;
    if (!s.windowClosed) {
      cell.openWindow++;
      continue;
    }
    cell.n++;
    if (s.repurchased) cell.repurchased++;
  }
  for (const c of cells) c.rate = c.n === 0 ? null : round(c.repurchased / c.n, 4);
  return cells;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
