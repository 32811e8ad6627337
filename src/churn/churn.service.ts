// Churn early warning in the product: scoring runs over the company's purchases (model chosen by
// holdout error, refitted on all data), per-customer scores kept as history, the cadence signal,
// alerts ranked by value at risk that create retention tasks, and the analyst's diagnostics.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { getCustomer, listCustomers } from '../customers/customers.service.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import { getUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, notFound } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { openCasesByCustomer } from '../cases/case-signals.js';
import { cancellationNoticesByCustomer } from '../products/contracts.service.js';
import { companyCurrency } from '../purchases/purchases.service.js';
import { badRatingsByCustomer } from '../surveys/surveys.service.js';
import { createTask, findOpenTaskByDedupeKey } from '../tasks/tasks.service.js';
import { cadenceColumns } from './cadence.js';
import {
  type AlertSettings,
  type AtRiskItem,
  type AtRiskQuery,
  type CandidateModel,
  type ChurnRun,
  type ChurnSettings,
  churnSettingsSchema,
  type Diagnostics,
  type HoldoutError,
  type Phase,
  type Reason,
  type RunRequest,
  runRequestSchema,
  type Score,
} from './churn.schema.js';
import {
  dayOf,
  dayString,
  type PurchaseDaySummary,
  purchaseDaySummary,
  type RfmSummary,
  rfmAt,
  type TimeUnit,
  UNIT_DAYS,
} from './churn.summary.js';
import type { ChurnTables } from './churn.tables.js';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import {
  discountedValue,
  type FitResult,
  fitGammaGamma,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  type RfmGroups,
  type RfmModel,
  ratePerUnit,
  rfmModel,
} from './models/index.js';

type RunRow = ChurnTables['churn_runs'];
type ScoreRow = ChurnTables['churn_scores'];

export const CHURN_SETTINGS_KEY = 'churn.settings';

export const defaultChurnSettings: ChurnSettings = {
  alerts: {
    pAliveBelow: 0.5,
    dropAtLeast: 0.25,
    overdueRatioAbove: 2.5,
    minClvMinor: 0,
    cancellationNotice: true,
    openCasesAtLeast: 1,
    openCaseMinSeverity: 'medium',
    badRatingDays: 90,
    npsAtMost: 6,
    csatAtMost: 2,
    cesAtMost: 2,
  },
  scoring: {
    unit: 'week',
    holdoutWeeks: 26,
    horizonDays: 365,
    annualDiscountRate: 0.1,
    models: ['bgnbd', 'mbgnbd', 'pnbd'],
    maxNewTasksPerRun: 100,
    taskDueDays: 7,
  },
};

/** Spend model fits use at most this many customers (a systematic sample). */
const SPEND_SAMPLE = 10_000;
/** The holdout comparison of the candidates uses at most this many customers (a systematic sample). */
const SELECTION_SAMPLE = 100_000;
/** CLV discounting step: one month. */
const DISCOUNT_STEP_DAYS = 30.4375;
/** A holdout check needs at least this many customers in the calibration period. */
const MIN_HOLDOUT_CUSTOMERS = 20;

// ---------------------------------------------------------------------------------------------
// Settings

/** The churn settings (alert thresholds and scoring options); defaults when none are stored. */
export function getChurnSettings(ctx: Ctx): Promise<ChurnSettings> {
  return getSetting(ctx, CHURN_SETTINGS_KEY, churnSettingsSchema, defaultChurnSettings);
}

/** Validates and stores the churn settings (audited); bad input is a 400 naming the field. */
export function setChurnSettings(ctx: Ctx, input: unknown): Promise<ChurnSettings> {
  return inTransaction(ctx, (tx) => setSetting(tx, CHURN_SETTINGS_KEY, churnSettingsSchema, input));
}

// ---------------------------------------------------------------------------------------------
// Texts

type Lang = 'de' | 'en';
const texts = { de, en };
const langOf = (l: string | null | undefined): Lang => (l === 'en' ? 'en' : 'de');

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(vars[k] ?? ''));
}

function formatNumber(v: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}

function formatMoney(minor: number, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(minor / 100);
}

/** "23 weeks" / "23 Wochen" for a span of days (weeks from 14 days on). */
function span(days: number, lang: Lang): string {
  const t = texts[lang].units;
  if (days >= 14) {
    const w = Math.round(days / 7);
    return fill(w === 1 ? t.week_one : t.week_other, { count: w });
  }
  const d = Math.round(days);
  return fill(d === 1 ? t.day_one : t.day_other, { count: d });
}

function rhythm(days: number, lang: Lang): string {
  const t = texts[lang].units;
  return days >= 14
    ? fill(t.week_rhythm, { count: Math.round(days / 7) })
    : fill(t.day_rhythm, { count: Math.round(days) });
}

type ReasonInput = Pick<
  ScoreRow,
  | 'p_alive'
  | 'prev_p_alive'
  | 'overdue_ratio'
  | 'usual_gap_days'
  | 'gap_basis'
  | 'days_since_last'
  | 'signals'
> & { value_at_risk_minor: number; value_basis: string };

/**
 * The explicit signals of a customer at scoring time, read from the other domains through their
 * services under the run's thresholds (stored as JSON with the score).
 */
export type ExplicitSignals = {
  cancellation?: {
    contracts: number;
    productsDe: string[];
    productsEn: string[];
    firstEndsAt: string | null;
  };
  openCases?: { open: number; worstSeverity: string; oldestReceivedAt: string };
  badRatings?: { count: number; days: number; latest: { scale: string; score: number; answeredAt: string } };
};

function signalsOf(s: Pick<ReasonInput, 'signals'>): ExplicitSignals {
  return s.signals ? (JSON.parse(s.signals) as ExplicitSignals) : {};
}

/**
 * Why a customer is at risk, as codes with the numbers (stored with alerts, localised when read):
 * the model (P(alive) low or dropped), the cadence (overdue) and the explicit signals (a cancellation
 * notice, open complaint cases, a bad survey rating), each switched by the run's thresholds.
 */
function reasonCodes(s: ReasonInput, th: AlertSettings): Reason['code'][] {
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

function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    day: lang === 'de' ? '2-digit' : 'numeric',
    month: lang === 'de' ? '2-digit' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(iso));
}

/** Reads the explicit signals of all customers through the other domains' services, under `th`. */
async function readExplicitSignals(ctx: Ctx, th: AlertSettings): Promise<Map<string, ExplicitSignals>> {
  const out = new Map<string, ExplicitSignals>();
  const of = (id: string) => {
    let v = out.get(id);
    if (!v) {
      v = {};
      out.set(id, v);
    }
    return v;
  };
  if (th.cancellationNotice)
    for (const [id, n] of await cancellationNoticesByCustomer(ctx))
      of(id).cancellation = {
        contracts: n.contracts,
        productsDe: n.productsDe,
        productsEn: n.productsEn,
        firstEndsAt: n.firstEndsAt,
      };
  if (th.openCasesAtLeast > 0)
    for (const [id, c] of await openCasesByCustomer(ctx, { minSeverity: th.openCaseMinSeverity }))
      if (c.open >= th.openCasesAtLeast) of(id).openCases = c;
  if (th.badRatingDays > 0) {
    const since = new Date(ctx.clock.now().getTime() - th.badRatingDays * 86_400_000).toISOString();
    const bad = await badRatingsByCustomer(ctx, {
      since,
      npsAtMost: th.npsAtMost,
      csatAtMost: th.csatAtMost,
      cesAtMost: th.cesAtMost,
    });
    for (const [id, b] of bad)
      of(id).badRatings = { count: b.count, days: th.badRatingDays, latest: b.latest };
  }
  return out;
}

/** The reasons in words in the reader's language, the value at risk last. */
function reasonsInWords(s: ReasonInput, th: AlertSettings, currency: string, lang: Lang): Reason[] {
  const t = texts[lang].reasons;
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
      const severity = texts[lang].severity[c.worstSeverity as keyof (typeof texts)['de']['severity']];
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

// ---------------------------------------------------------------------------------------------
// Runs

export type RunChurnOptions = {
  /** Default now; its UTC day is the last day of data used. */
  calibrationEnd?: string;
  unit?: TimeUnit;
  holdoutWeeks?: number;
  models?: CandidateModel[];
  /** In the run unit; default the settings' horizonDays. */
  horizon?: number;
};

export type ChurnRunResult = ChurnRun;

/** Phase timer: wall seconds and the process's CPU seconds (SQLite work runs in this thread too). */
function timer() {
  const phases: Phase[] = [];
  let t = performance.now();
  let cpu = process.cpuUsage();
  return {
    phases,
    lap(name: string, detail?: string) {
      const now = performance.now();
      const used = process.cpuUsage(cpu);
      phases.push({
        name,
        seconds: Math.round(now - t) / 1000,
        cpuSeconds: Math.round((used.user + used.system) / 1000) / 1000,
        ...(detail ? { detail } : {}),
      });
      t = now;
      cpu = process.cpuUsage();
    },
  };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function cleanRecord(r: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, finiteOrNull(v)]));
}

/**
 * Groups identical (x, t_x, T) like models' groupRfm, keyed by whole days instead of strings (t_x and
 * T are whole days divided by the unit), which is several times faster on a million customers.
 */
function groupsOf(r: RfmSummary, unitDays: number): RfmGroups {
  const n = r.ids.length;
  const index = new Map<number, number>();
  const groupOf = new Uint32Array(n);
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = (r.x[i] * 100_000 + Math.round(r.tx[i] * unitDays)) * 100_000 + Math.round(r.T[i] * unitDays);
    let g = index.get(key);
    if (g === undefined) {
      g = x.length;
      index.set(key, g);
      x.push(r.x[i]);
      tx.push(r.tx[i]);
      T.push(r.T[i]);
      w.push(0);
    }
    w[g]++;
    groupOf[i] = g;
  }
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(w),
    size: x.length,
    customers: n,
    groupOf,
  };
}

/** Every k-th customer of a summary so that at most `max` remain (deterministic). */
function sampleOf(r: RfmSummary, max: number): RfmSummary {
  const stride = Math.ceil(r.ids.length / max);
  if (stride <= 1) return r;
  const keep: number[] = [];
  for (let i = 0; i < r.ids.length; i += stride) keep.push(i);
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  return {
    index: Uint32Array.from(keep, (i) => r.index[i]),
    ids: keep.map((i) => r.ids[i]),
    x: pick(r.x),
    tx: pick(r.tx),
    T: pick(r.T),
    monetary: pick(r.monetary),
    xHoldout: pick(r.xHoldout),
  };
}

/** Per group of a fitted model: expected purchases over t (model units). */
function expectedPerGroup(
  model: RfmModel<any>,
  params: Record<string, number>,
  g: RfmGroups,
  t: number,
): Float64Array {
  const out = new Float64Array(g.size);
  for (let j = 0; j < g.size; j++)
    out[j] = model.expectedPurchases(params, { x: g.x[j], tx: g.tx[j], T: g.T[j] }, t);
  return out;
}

type Candidate = { name: CandidateModel; model: RfmModel<any>; fit: FitResult<string> };

type HoldoutCheck = {
  errors: HoldoutError[];
  chosen: Candidate;
  /** Per calibration customer: predicted holdout purchases of the chosen model. */
  predicted: Float64Array;
  evaluations: number;
};

function holdoutCheck(
  models: CandidateModel[],
  cal: RfmSummary,
  holdoutUnits: number,
  unitDays: number,
): HoldoutCheck {
  const g = groupsOf(cal, unitDays);
  let best: { c: Candidate; mae: number; predicted: Float64Array } | null = null;
  const errors: HoldoutError[] = [];
  let evaluations = 0;
  const actualTotal = cal.xHoldout.reduce((s, v) => s + v, 0);
  for (const name of models) {
    const model = rfmModel(name)!;
    const fit = model.fit(g);
    evaluations += fit.evaluations;
    const perGroup = expectedPerGroup(model, fit.params, g, holdoutUnits);
    let abs = 0;
    let total = 0;
    const predicted = new Float64Array(cal.ids.length);
    for (let i = 0; i < cal.ids.length; i++) {
      const p = perGroup[g.groupOf[i]];
      predicted[i] = p;
      abs += Math.abs(p - cal.xHoldout[i]);
      total += p;
    }
    const mae = abs / Math.max(1, cal.ids.length);
    const ok = fit.converged && Number.isFinite(mae);
    errors.push({
      model: name,
      converged: fit.converged,
      logLikelihood: finiteOrNull(fit.logLikelihood),
      params: cleanRecord(fit.params),
      meanAbsoluteError: ok ? mae : null,
      predictedTotal: ok ? total : null,
      actualTotal,
      aggregateError: ok && actualTotal > 0 ? (total - actualTotal) / actualTotal : null,
    });
    if (ok && (!best || mae < best.mae)) best = { c: { name, model, fit }, mae, predicted };
  }
  if (!best) throw new AppError('UNPROCESSABLE', 'No candidate model converged on the calibration data');
  return { errors, chosen: best.c, predicted: best.predicted, evaluations };
}

type StoredScore = Omit<ScoreRow, 'run_id'>;

/** Writes the scores of a run: SQLite through one prepared statement in one transaction, PostgreSQL in unnest batches. */
async function storeScores(ctx: Ctx, runId: string, rows: StoredScore[]): Promise<void> {
  const cols = [
    'run_id',
    'customer_id',
    'p_alive',
    'prev_p_alive',
    'expected_purchases',
    'clv_minor',
    'value_at_risk_minor',
    'value_basis',
    'x',
    't_x',
    'T',
    'days_since_last',
    'usual_gap_days',
    'gap_basis',
    'overdue_ratio',
    'at_risk',
    'signals',
  ] as const;
  if (ctx.dialect === 'sqlite') {
    const conn = new SQLite(ctx.config.sqlitePath, { fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 10000');
      // Foreign keys are not checked on this connection: every customer id comes from the purchases
      // table (whose own foreign key guarantees the customer) and the run row was just written.
      conn.pragma('foreign_keys = OFF');
      // One prepared statement per row: multi-row inserts of 200 rows were tried and measured no
      // faster (bench/churn-e2e.ts; the cost is the indexes of the growing history).
      const stmt = conn.prepare(
        `insert into churn_scores (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map(() => '?').join(', ')})`,
      );
      conn.transaction(() => {
        for (const r of rows)
          stmt.run(
            runId,
            r.customer_id,
            r.p_alive,
            r.prev_p_alive,
            r.expected_purchases,
            r.clv_minor,
            r.value_at_risk_minor,
            r.value_basis,
            r.x,
            r.t_x,
            r.T,
            r.days_since_last,
            r.usual_gap_days,
            r.gap_basis,
            r.overdue_ratio,
            r.at_risk,
            r.signals,
          );
      })();
    } finally {
      conn.close();
    }
    return;
  }
  await inTransaction(ctx, async (tx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      const b = rows.slice(i, i + 5000);
      const col = <K extends keyof StoredScore>(k: K) => b.map((r) => r[k]);
      await sql`insert into churn_scores (${sql.raw(cols.map((c) => `"${c}"`).join(', '))})
        select ${runId}, * from unnest(
          ${col('customer_id')}::text[], ${col('p_alive')}::float8[], ${col('prev_p_alive')}::float8[],
          ${col('expected_purchases')}::float8[], ${col('clv_minor')}::bigint[], ${col('value_at_risk_minor')}::bigint[],
          ${col('value_basis')}::text[], ${col('x')}::integer[], ${col('t_x')}::float8[], ${col('T')}::float8[],
          ${col('days_since_last')}::float8[], ${col('usual_gap_days')}::float8[], ${col('gap_basis')}::text[],
          ${col('overdue_ratio')}::float8[], ${col('at_risk')}::integer[], ${col('signals')}::text[])`.execute(
        tx.db,
      );
    }
  });
}

/** P(alive) per customer of a run; on SQLite read as raw rows on a read-only connection (fast for a million). */
async function pAliveOfRun(ctx: Ctx, runId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ctx.dialect === 'sqlite') {
    const conn = new SQLite(ctx.config.sqlitePath, { readonly: true, fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 10000');
      const stmt = conn.prepare('select customer_id, p_alive from churn_scores where run_id = ?').raw(true);
      for (const r of stmt.iterate(runId) as IterableIterator<[string, number]>) out.set(r[0], r[1]);
    } finally {
      conn.close();
    }
    return out;
  }
  const rows = await ctx.db
    .selectFrom('churn_scores')
    .select(['customer_id', 'p_alive'])
    .where('run_id', '=', runId)
    .execute();
  for (const r of rows) out.set(r.customer_id, Number(r.p_alive));
  return out;
}

async function latestRunRow(ctx: Ctx): Promise<RunRow | undefined> {
  return ctx.db
    .selectFrom('churn_runs')
    .selectAll()
    .where('status', '=', 'done')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Scores every customer with a purchase up to the calibration end: builds the summary in SQL, fits the
 * candidate models on the period before the holdout and keeps the one with the smallest mean absolute
 * holdout error (by likelihood when no holdout is possible), refits it on all data, fits Gamma-Gamma
 * spend, stores P(alive), expected purchases, CLV and the cadence signal per customer as a new run, and
 * raises alerts (retention tasks) for the customers at risk with the most value, up to the settings' limit.
 */
export async function runChurnScoring(ctx: Ctx, options: RunChurnOptions = {}): Promise<ChurnRunResult> {
  const input: RunRequest = runRequestSchema.parse(options);
  const settings = await getChurnSettings(ctx);
  const unit = input.unit ?? settings.scoring.unit;
  const unitDays = UNIT_DAYS[unit];
  const holdoutWeeks = input.holdoutWeeks ?? settings.scoring.holdoutWeeks;
  const models = input.models ?? settings.scoring.models;
  const horizon = input.horizon ?? settings.scoring.horizonDays / unitDays;
  const calibrationEndIso = input.calibrationEnd ? new Date(input.calibrationEnd).toISOString() : nowIso(ctx);
  const endDay = calibrationEndIso.slice(0, 10);
  const calDay = holdoutWeeks > 0 ? dayString(dayOf(endDay) - 7 * holdoutWeeks) : null;
  const currency = await companyCurrency(ctx);
  const th = settings.alerts;
  const clock = timer();

  // A run that crashed half-way leaves a 'running' row and partial scores: clear them first.
  const stale = await ctx.db.selectFrom('churn_runs').select('id').where('status', '=', 'running').execute();
  for (const s of stale) {
    await ctx.db.deleteFrom('churn_scores').where('run_id', '=', s.id).execute();
    await ctx.db
      .updateTable('churn_runs')
      .set({ status: 'failed', message: 'interrupted' })
      .where('id', '=', s.id)
      .execute();
  }
  const previous = await latestRunRow(ctx);
  const runId = newId('chr');
  const at = nowIso(ctx);
  await ctx.db
    .insertInto('churn_runs')
    .values({
      id: runId,
      at,
      status: 'running',
      model: null,
      params: '{}',
      standard_errors: '{}',
      log_likelihood: null,
      converged: 0,
      selection: null,
      holdout_errors: '[]',
      spend_params: null,
      unit,
      unit_days: unitDays,
      calibration_end: endDay,
      holdout_weeks: holdoutWeeks,
      horizon,
      annual_discount_rate: settings.scoring.annualDiscountRate,
      currency,
      thresholds: JSON.stringify(th),
      n_customers: 0,
      n_groups: 0,
      evaluations: 0,
      n_at_risk: 0,
      n_alerts: 0,
      previous_run_id: previous?.id ?? null,
      diagnostics: '{}',
      phases: '[]',
      message: null,
      triggered_by: ctx.actor.name,
    })
    .execute();
  try {
    // 1. Summary in SQL: one pass for the calibration cut-off (if any) and the full period.
    const summary = await purchaseDaySummary(ctx, {
      cutoffs: calDay ? [calDay, endDay] : [endDay],
      gaps: true,
    });
    const K = summary.cutoffs.length - 1;
    clock.lap('purchase summary', `${summary.ids.length} customers`);
    if (summary.ids.length === 0)
      throw new AppError('UNPROCESSABLE', `No purchases up to ${endDay}: nothing to score`);

    // 2. Grouping identical (x, t_x, T).
    const full = rfmAt(summary, K, unitDays);
    const gFull = groupsOf(full, unitDays);
    const calAll = calDay ? rfmAt(summary, 0, unitDays, 1) : null;
    const cal = calAll ? sampleOf(calAll, SELECTION_SAMPLE) : null;
    clock.lap('grouping', `${gFull.size} distinct (x, t_x, T) groups of ${full.ids.length} customers`);

    // 3. Model choice: holdout error when the calibration period has enough customers and repeat buyers.
    let evaluations = 0;
    let selection: 'holdout' | 'likelihood';
    let holdoutErrors: HoldoutError[] = [];
    let chosen: Candidate;
    let check: HoldoutCheck | null = null;
    const holdoutUnits = calDay ? (dayOf(endDay) - dayOf(calDay)) / unitDays : 0;
    if (cal && cal.ids.length >= MIN_HOLDOUT_CUSTOMERS && cal.x.some((v) => v > 0)) {
      check = holdoutCheck(models, cal, holdoutUnits, unitDays);
      holdoutErrors = check.errors;
      evaluations += check.evaluations;
      selection = 'holdout';
      clock.lap(
        'fit candidates on calibration',
        `${models.join(', ')} on ${cal.ids.length} of ${calAll!.ids.length} customers; ${check.evaluations} likelihood evaluations`,
      );
      // The calibration optimum is close to the full-data one: start there (one start), and fall back
      // to the model's own starting points only if that does not converge.
      const c = check.chosen;
      const warm = c.model.fit(gFull, {
        starts: [c.model.paramNames.map((k) => c.fit.params[k])],
      });
      evaluations += warm.evaluations;
      let fit = warm;
      if (!warm.converged) {
        fit = c.model.fit(gFull);
        evaluations += fit.evaluations;
      }
      chosen = { ...c, fit };
      clock.lap(
        'refit chosen model on all data',
        `${chosen.name}; ${fit === warm ? 'started at the calibration optimum' : 'calibration start failed, default starts'}; ${warm.evaluations + (fit === warm ? 0 : fit.evaluations)} likelihood evaluations`,
      );
    } else {
      selection = 'likelihood';
      let best: Candidate | null = null;
      for (const name of models) {
        const model = rfmModel(name)!;
        const fit = model.fit(gFull);
        evaluations += fit.evaluations;
        if (fit.converged && (!best || fit.logLikelihood > best.fit.logLikelihood))
          best = { name, model, fit };
      }
      if (!best) throw new AppError('UNPROCESSABLE', 'No candidate model converged on the data');
      chosen = best;
      clock.lap('fit candidates on all data', `${models.join(', ')}; ${evaluations} likelihood evaluations`);
    }

    // 4. Spend: Gamma-Gamma on (a systematic sample of) the customers with repeat purchases.
    const repeaters: number[] = [];
    for (let i = 0; i < full.ids.length; i++) if (full.x[i] > 0 && full.monetary[i] > 0) repeaters.push(i);
    const stride = Math.max(1, Math.ceil(repeaters.length / SPEND_SAMPLE));
    const spendRows = [];
    for (let k = 0; k < repeaters.length; k += stride) {
      const i = repeaters[k];
      spendRows.push({ x: full.x[i], m: full.monetary[i] });
    }
    let gg: FitResult<string> | null = null;
    if (spendRows.length >= 10) {
      gg = fitGammaGamma(spendRows);
      evaluations += gg.evaluations;
    }
    const ggUsable = Boolean(gg?.converged && gg.params.q > 1);
    clock.lap(
      'fit spend model',
      `Gamma-Gamma on ${spendRows.length} of ${repeaters.length} repeat customers`,
    );

    // 5. Scoring: P(alive) per (x, t_x, T) group; expected purchases and discounted purchases if alive
    // per (x, T) (they do not depend on t_x), so E = P(alive)·E_alive and CLV = P(alive)·DET_alive·spend.
    const { model, fit } = chosen;
    const params = fit.params;
    const pAliveG = new Float64Array(gFull.size);
    const aliveKey = new Map<string, number>();
    const eAlive: number[] = [];
    const detAlive: number[] = [];
    const keyOfGroup = new Uint32Array(gFull.size);
    const discount = ratePerUnit(settings.scoring.annualDiscountRate, unitDays);
    const step = DISCOUNT_STEP_DAYS / unitDays;
    for (let j = 0; j < gFull.size; j++) {
      const x = gFull.x[j];
      const T = gFull.T[j];
      pAliveG[j] = model.pAlive(params, { x, tx: gFull.tx[j], T });
      const key = `${x}|${T}`;
      let k = aliveKey.get(key);
      if (k === undefined) {
        k = eAlive.length;
        aliveKey.set(key, k);
        const c = { x, tx: T, T };
        const pa = model.pAlive(params, c);
        let last = 0;
        const det = discountedValue(
          (t) => {
            last = model.expectedPurchases(params, c, t) / pa;
            return last;
          },
          1,
          { horizon, discountRatePerUnit: discount, stepLength: step },
        );
        eAlive.push(last);
        detAlive.push(det);
      }
      keyOfGroup[j] = k;
    }
    const nKeys = eAlive.length;
    clock.lap('scoring', `${gFull.size} groups, ${nKeys} distinct (x, T)`);

    // 6. Cadence, previous scores, status exclusions, value at risk and alert flags per customer.
    const n = full.ids.length;
    const daysSinceLast = new Float64Array(n);
    const ownGap = new Float64Array(n);
    const endNumber = dayOf(endDay);
    for (let i = 0; i < n; i++) {
      const s = full.index[i];
      daysSinceLast[i] = endNumber - summary.lastDay[K][s];
      ownGap[i] = summary.medianGapDays[s];
    }
    const cadence = cadenceColumns(daysSinceLast, ownGap);
    const prevP = previous ? await pAliveOfRun(ctx, previous.id) : new Map<string, number>();
    const explicit = await readExplicitSignals(ctx, th);
    const rows: StoredScore[] = new Array(n);
    let atRiskCount = 0;
    for (let i = 0; i < n; i++) {
      const j = gFull.groupOf[i];
      const k = keyOfGroup[j];
      const pAlive = pAliveG[j];
      const s = full.index[i];
      let clvMinor: number | null = null;
      let valueIfStays: number;
      let basis: 'clv' | 'revenue';
      const spendPerPurchase = ggUsable
        ? gammaGammaExpectedSpend(gg!.params as unknown as GammaGammaParams, {
            x: full.x[i],
            m: full.monetary[i],
          })
        : Number.NaN;
      if (Number.isFinite(spendPerPurchase) && Number.isFinite(detAlive[k])) {
        clvMinor = Math.round(pAlive * detAlive[k] * spendPerPurchase);
        valueIfStays = Math.round(detAlive[k] * spendPerPurchase);
        basis = 'clv';
      } else {
        const years = Math.max(1, (full.T[i] * unitDays) / 365.25);
        valueIfStays = Math.round(summary.spend[K][s] / years);
        basis = 'revenue';
      }
      const row: StoredScore = {
        customer_id: full.ids[i],
        p_alive: pAlive,
        prev_p_alive: prevP.get(full.ids[i]) ?? null,
        expected_purchases: pAlive * eAlive[k],
        clv_minor: clvMinor,
        value_at_risk_minor: valueIfStays,
        value_basis: basis,
        x: full.x[i],
        t_x: full.tx[i],
        T: full.T[i],
        days_since_last: daysSinceLast[i],
        usual_gap_days: finiteOrNull(cadence.usualGapDays[i]),
        gap_basis: Number.isFinite(cadence.usualGapDays[i]) ? (cadence.own[i] ? 'own' : 'population') : null,
        overdue_ratio: finiteOrNull(cadence.overdueRatio[i]),
        at_risk: 0,
        signals: null,
      };
      if (explicit.size > 0) {
        const sig = explicit.get(full.ids[i]);
        if (sig) row.signals = JSON.stringify(sig);
      }
      // Lost and erased customers are left out when alerting and listing (their status is read then).
      if (valueIfStays >= th.minClvMinor && reasonCodes(row, th).length > 0) {
        row.at_risk = 1;
        atRiskCount++;
      }
      rows[i] = row;
    }
    clock.lap(
      'signals and alert flags',
      `${atRiskCount} at risk; population gap ${cadence.populationGapDays ?? '–'} days; ${explicit.size} customers with explicit signals`,
    );

    // 7. Storing the scores.
    await storeScores(ctx, runId, rows);
    clock.lap('storing scores', `${rows.length} rows`);

    // 8. Diagnostics of the holdout check (calibration vs holdout by frequency, tracking).
    let diagnostics: Omit<Diagnostics, 'runId' | 'holdoutErrors' | 'parameters'> = {
      model: chosen.name,
      unit,
      available: false,
      calibrationEnd: null,
      holdoutEnd: null,
      byFrequency: [],
      tracking: [],
    };
    if (check && cal && calDay) {
      diagnostics = buildDiagnostics({
        chosen: check.chosen,
        cal,
        predicted: check.predicted,
        calDay,
        endDay,
        unit,
        unitDays,
        summary,
        K,
      });
      clock.lap('diagnostics', `${diagnostics.tracking.length} tracking periods`);
    }

    // 9. Alerts for the most valuable customers at risk without an open retention task.
    const ranked = rows
      .filter((r) => r.at_risk === 1)
      .sort(
        (a, b) => b.value_at_risk_minor - a.value_at_risk_minor || (a.customer_id < b.customer_id ? -1 : 1),
      );
    let alerts = 0;
    for (const r of ranked) {
      if (alerts >= settings.scoring.maxNewTasksPerRun) break;
      if (await findOpenTaskByDedupeKey(ctx, `churn:${r.customer_id}`)) continue;
      const priority = alerts < 10 ? 'high' : 'normal';
      if (await raiseAlert(ctx, runId, r, th, currency, settings.scoring.taskDueDays, priority)) alerts++;
    }
    clock.lap('alerts and retention tasks', `${alerts} tasks created`);

    const phases = clock.phases;
    await inTransaction(ctx, async (tx) => {
      await tx.db
        .updateTable('churn_runs')
        .set({
          status: 'done',
          model: chosen.name,
          params: JSON.stringify(fit.params),
          standard_errors: JSON.stringify(cleanRecord(fit.standardErrors)),
          log_likelihood: finiteOrNull(fit.logLikelihood),
          converged: fit.converged ? 1 : 0,
          selection,
          holdout_errors: JSON.stringify(holdoutErrors),
          spend_params: gg
            ? JSON.stringify({
                params: gg.params,
                standardErrors: cleanRecord(gg.standardErrors),
                customers: spendRows.length,
                converged: ggUsable,
              })
            : null,
          n_customers: n,
          n_groups: gFull.size,
          evaluations,
          n_at_risk: atRiskCount,
          n_alerts: alerts,
          diagnostics: JSON.stringify(diagnostics),
          phases: JSON.stringify(phases),
          message: fit.message,
        })
        .where('id', '=', runId)
        .execute();
      await recordAudit(tx, {
        entityType: 'churn_run',
        entityId: runId,
        action: 'create',
        changes: {
          model: { before: null, after: chosen.name },
          customers: { before: null, after: n },
          atRisk: { before: null, after: atRiskCount },
          alerts: { before: null, after: alerts },
        },
      });
    });
    return getRun(ctx, runId);
  } catch (err) {
    await ctx.db.deleteFrom('churn_scores').where('run_id', '=', runId).execute();
    await ctx.db
      .updateTable('churn_runs')
      .set({ status: 'failed', message: err instanceof Error ? err.message.slice(0, 2000) : String(err) })
      .where('id', '=', runId)
      .execute();
    throw err;
  }
}

/** One alert: the alert row, the retention task for the customer's owner and the audit entry, in one transaction. */
async function raiseAlert(
  ctx: Ctx,
  runId: string,
  r: StoredScore,
  th: AlertSettings,
  currency: string,
  dueDays: number,
  priority: 'high' | 'normal',
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const customer = await getCustomer(tx, r.customer_id);
    if (customer.status === 'lost' || customer.status === 'erased') return false;
    const owner = customer.ownerId ? await getUser(tx, customer.ownerId).catch(() => null) : null;
    const lang = langOf(owner?.locale);
    const alertId = newId('cha');
    const reasons = reasonsInWords(r, th, currency, lang);
    const codes = reasonCodes(r, th);
    const now = tx.clock.now();
    await tx.db
      .insertInto('churn_alerts')
      .values({
        id: alertId,
        run_id: runId,
        customer_id: r.customer_id,
        at: now.toISOString(),
        value_at_risk_minor: r.value_at_risk_minor,
        reasons: JSON.stringify({
          codes,
          pAlive: r.p_alive,
          previousPAlive: r.prev_p_alive,
          overdueRatio: r.overdue_ratio,
          usualGapDays: r.usual_gap_days,
          valueBasis: r.value_basis,
          signals: r.signals ? JSON.parse(r.signals) : null,
        }),
        task_id: null,
      })
      .execute();
    const t = texts[lang].task;
    const task = await createTask(tx, {
      customerId: r.customer_id,
      title: fill(t.title, { amount: formatMoney(r.value_at_risk_minor, currency, lang) }),
      description: fill(t.description, { reasons: reasons.map((x) => `- ${x.text}`).join('\n') }),
      dueAt: new Date(now.getTime() + dueDays * 86_400_000).toISOString(),
      priority,
      source: 'churn_retention',
      sourceRef: alertId,
      dedupeKey: `churn:${r.customer_id}`,
    });
    await tx.db.updateTable('churn_alerts').set({ task_id: task.id }).where('id', '=', alertId).execute();
    await recordAudit(tx, {
      entityType: 'churn_alert',
      entityId: alertId,
      customerId: r.customer_id,
      action: 'create',
      changes: {
        reasons: { before: null, after: codes },
        pAlive: { before: r.prev_p_alive, after: r.p_alive },
        valueAtRiskMinor: { before: null, after: r.value_at_risk_minor },
        taskId: { before: null, after: task.id },
      },
    });
    return true;
  });
}

function buildDiagnostics(a: {
  chosen: Candidate;
  cal: RfmSummary;
  predicted: Float64Array;
  calDay: string;
  endDay: string;
  unit: TimeUnit;
  unitDays: number;
  summary: PurchaseDaySummary;
  K: number;
}): Omit<Diagnostics, 'runId' | 'holdoutErrors' | 'parameters'> {
  // Calibration vs holdout by frequency: mean actual vs predicted holdout purchases for x = 0 … 6, 7+.
  const sums = Array.from({ length: 8 }, () => ({ n: 0, actual: 0, predicted: 0 }));
  for (let i = 0; i < a.cal.ids.length; i++) {
    const b = sums[Math.min(7, a.cal.x[i])];
    b.n++;
    b.actual += a.cal.xHoldout[i];
    b.predicted += a.predicted[i];
  }
  const byFrequency = sums.map((b, x) => ({
    x: x === 7 ? '7+' : String(x),
    customers: b.n,
    actualMean: b.n ? b.actual / b.n : null,
    predictedMean: b.n ? b.predicted / b.n : null,
  }));
  // Tracking: repeat purchases of the calibration cohort per period, actual vs expected, from the
  // first purchase day to the end of the holdout. Day runs are tracked in weeks to keep the plot readable.
  const periodDays = a.unit === 'day' ? 7 : a.unitDays;
  const calEnd = dayOf(a.calDay);
  const end = dayOf(a.endDay);
  const s = a.summary;
  const firstByDay = new Map<number, number>();
  let start = Number.POSITIVE_INFINITY;
  for (let i = 0; i < s.ids.length; i++) {
    const f = s.firstDay[i];
    if (f > calEnd) continue;
    firstByDay.set(f, (firstByDay.get(f) ?? 0) + 1);
    if (f < start) start = f;
  }
  const periods = Math.max(1, Math.ceil((end - start + 1) / periodDays));
  const actual = new Float64Array(periods);
  const count = (day: number) => {
    const p = Math.floor((day - start) / periodDays);
    if (p >= 0 && p < periods) actual[p]++;
  };
  // Repeat purchase days of the cohort: from the day lists (three or more days) or the last day (two).
  for (let i = 0; i < s.ids.length; i++) {
    if (s.firstDay[i] > calEnd) continue;
    const from = s.listStart[i];
    const to = s.listStart[i + 1];
    if (to > from) for (let j = from + 1; j < to; j++) count(s.listDays[j]);
    else if (s.days[a.K][i] === 2) count(s.lastDay[a.K][i]);
  }
  const { model, fit } = a.chosen;
  const newCustomer = (t: number) =>
    t <= 0 ? 0 : model.expectedPurchases(fit.params, { x: 0, tx: 0, T: 0 }, t);
  const tracking: Diagnostics['tracking'] = [];
  let cumActual = 0;
  let prevExpected = 0;
  for (let p = 0; p < periods; p++) {
    // End of period p (exclusive day) → expected repeat purchases of every cohort customer by then.
    const endOfPeriod = Math.min(start + (p + 1) * periodDays, end + 1);
    let expected = 0;
    for (const [f, count] of firstByDay) {
      // A first purchase on day f: repeat purchases may follow from the next day on.
      const t = (endOfPeriod - (f + 1)) / a.unitDays;
      if (t > 0) expected += count * newCustomer(t);
    }
    cumActual += actual[p];
    tracking.push({
      period: p + 1,
      end: dayString(endOfPeriod - 1),
      actual: actual[p],
      expected: expected - prevExpected,
      cumulativeActual: cumActual,
      cumulativeExpected: expected,
    });
    prevExpected = expected;
  }
  return {
    model: a.chosen.name,
    unit: a.unit,
    available: true,
    calibrationEnd: a.calDay,
    holdoutEnd: a.endDay,
    byFrequency,
    tracking,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading runs, scores, the at-risk list and diagnostics

function toRun(r: RunRow): ChurnRun {
  const spend = r.spend_params ? JSON.parse(r.spend_params) : null;
  return {
    id: r.id,
    at: r.at,
    model: r.model as CandidateModel,
    selection: (r.selection ?? 'likelihood') as ChurnRun['selection'],
    params: JSON.parse(r.params),
    standardErrors: JSON.parse(r.standard_errors),
    logLikelihood: r.log_likelihood === null ? null : Number(r.log_likelihood),
    converged: r.converged === 1,
    holdoutErrors: JSON.parse(r.holdout_errors),
    spendModel: spend
      ? {
          params: spend.params,
          standardErrors: spend.standardErrors,
          customers: spend.customers,
          converged: spend.converged,
        }
      : null,
    unit: r.unit as TimeUnit,
    unitDays: Number(r.unit_days),
    calibrationEnd: r.calibration_end,
    holdoutWeeks: Number(r.holdout_weeks),
    horizon: Number(r.horizon),
    annualDiscountRate: Number(r.annual_discount_rate),
    currency: r.currency,
    thresholds: JSON.parse(r.thresholds),
    customers: Number(r.n_customers),
    groups: Number(r.n_groups),
    evaluations: Number(r.evaluations),
    atRisk: Number(r.n_at_risk),
    alerts: Number(r.n_alerts),
    phases: JSON.parse(r.phases),
    message: r.message,
  };
}

/** One completed run with its parameter report; 404 when unknown or not completed. */
export async function getRun(ctx: Ctx, id: string): Promise<ChurnRun> {
  const row = await ctx.db
    .selectFrom('churn_runs')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'done')
    .executeTakeFirst();
  if (!row) throw notFound('Churn run', id);
  return toRun(row);
}

/** The latest completed run, or null before the first. */
export async function getLatestRun(ctx: Ctx): Promise<ChurnRun | null> {
  const row = await latestRunRow(ctx);
  return row ? toRun(row) : null;
}

/** Completed runs, newest first, in pages. */
export async function listRuns(ctx: Ctx, query: { limit: number; cursor?: string }) {
  let q = ctx.db.selectFrom('churn_runs').selectAll().where('status', '=', 'done');
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const [at, id] = cursor.map(String);
    q = q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return {
    items: page.map(toRun),
    nextCursor: more ? encodeCursor([page[page.length - 1].at, page[page.length - 1].id]) : null,
  };
}

function toScore(r: ScoreRow, run: Pick<RunRow, 'at' | 'model' | 'currency' | 'unit'>): Score {
  return {
    runId: r.run_id,
    at: run.at,
    model: run.model ?? '',
    pAlive: Number(r.p_alive),
    previousPAlive: r.prev_p_alive === null ? null : Number(r.prev_p_alive),
    expectedPurchases: Number(r.expected_purchases),
    clvMinor: r.clv_minor === null ? null : Number(r.clv_minor),
    valueAtRiskMinor: Number(r.value_at_risk_minor),
    valueBasis: r.value_basis as Score['valueBasis'],
    currency: run.currency,
    x: Number(r.x),
    tx: Number(r.t_x),
    T: Number(r.T),
    unit: run.unit as TimeUnit,
    daysSinceLast: Number(r.days_since_last),
    usualGapDays: r.usual_gap_days === null ? null : Number(r.usual_gap_days),
    gapBasis: r.gap_basis as Score['gapBasis'],
    overdueRatio: r.overdue_ratio === null ? null : Number(r.overdue_ratio),
    atRisk: r.at_risk === 1,
  };
}

/** A customer's scores over the completed runs, newest first (the P(alive) chart); 404 for an unknown customer. */
export async function getCustomerScoreHistory(ctx: Ctx, customerId: string, limit = 200): Promise<Score[]> {
  await getCustomer(ctx, customerId);
  const rows = await ctx.db
    .selectFrom('churn_scores as s')
    .innerJoin('churn_runs as r', 'r.id', 's.run_id')
    .selectAll('s')
    .select(['r.at as run_at', 'r.model as run_model', 'r.currency as run_currency', 'r.unit as run_unit'])
    .where('s.customer_id', '=', customerId)
    .where('r.status', '=', 'done')
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) =>
    toScore(r, { at: r.run_at, model: r.run_model, currency: r.run_currency, unit: r.run_unit }),
  );
}

/** The latest score of each given customer (from the latest completed run; absent when not scored). */
export async function latestScores(ctx: Ctx, customerIds: string[]): Promise<Map<string, Score>> {
  const out = new Map<string, Score>();
  const run = await latestRunRow(ctx);
  if (!run || customerIds.length === 0) return out;
  const unique = [...new Set(customerIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('churn_scores')
      .selectAll()
      .where('run_id', '=', run.id)
      .where('customer_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.customer_id, toScore(r, run));
  }
  return out;
}

/**
 * The customers at risk in the latest run, highest value at risk first, with the reasons in words in
 * `lang`; lost or erased customers are left out (also when their status changed after the run).
 */
export async function listAtRisk(
  ctx: Ctx,
  query: AtRiskQuery,
  lang: string,
): Promise<{ items: AtRiskItem[]; nextCursor: string | null }> {
  const run = await latestRunRow(ctx);
  if (!run) return { items: [], nextCursor: null };
  const th: AlertSettings = JSON.parse(run.thresholds);
  const language = langOf(lang);
  const cursor = decodeCursor(query.cursor);
  let after: [number, string] | null = cursor ? [Number(cursor[0]), String(cursor[1])] : null;
  let ownerIds: string[] | null = null;
  if (query.ownerId) {
    ownerIds = [];
    let c: string | undefined;
    do {
      const page = await listCustomers(ctx, { ownerId: query.ownerId, limit: 500, cursor: c });
      ownerIds.push(...page.items.map((x) => x.id));
      c = page.nextCursor ?? undefined;
    } while (c);
    if (ownerIds.length === 0) return { items: [], nextCursor: null };
  }
  const fetchBatch = async (size: number): Promise<ScoreRow[]> => {
    const pick = async (ids: string[] | null) => {
      let q = ctx.db
        .selectFrom('churn_scores')
        .selectAll()
        .where('run_id', '=', run.id)
        .where('at_risk', '=', 1);
      if (ids) q = q.where('customer_id', 'in', ids);
      if (after) {
        const [v, id] = after;
        q = q.where((eb) =>
          eb.or([
            eb('value_at_risk_minor', '<', v),
            eb.and([eb('value_at_risk_minor', '=', v), eb('customer_id', '>', id)]),
          ]),
        );
      }
      return q.orderBy('value_at_risk_minor', 'desc').orderBy('customer_id').limit(size).execute();
    };
    if (!ownerIds) return pick(null);
    const all: ScoreRow[] = [];
    for (let i = 0; i < ownerIds.length; i += 500) all.push(...(await pick(ownerIds.slice(i, i + 500))));
    all.sort(
      (a, b) =>
        Number(b.value_at_risk_minor) - Number(a.value_at_risk_minor) ||
        (a.customer_id < b.customer_id ? -1 : 1),
    );
    return all.slice(0, size);
  };
  const items: AtRiskItem[] = [];
  const rowsOfItems: ScoreRow[] = [];
  let exhausted = false;
  while (items.length <= query.limit && !exhausted) {
    const want = query.limit + 1 - items.length;
    const batch = await fetchBatch(want * 2);
    exhausted = batch.length < want * 2;
    if (batch.length === 0) break;
    after = [Number(batch[batch.length - 1].value_at_risk_minor), batch[batch.length - 1].customer_id];
    const customers = new Map(
      (await Promise.all(batch.map((r) => getCustomer(ctx, r.customer_id).catch(() => null))))
        .filter((c) => c !== null)
        .map((c) => [c.id, c]),
    );
    const ids = batch.map((r) => r.customer_id);
    const tasks = new Map<string, string>();
    const alertRows = await ctx.db
      .selectFrom('churn_alerts')
      .select(['customer_id', 'task_id', 'at'])
      .where('customer_id', 'in', ids)
      .orderBy('at')
      .execute();
    for (const a of alertRows) if (a.task_id) tasks.set(a.customer_id, a.task_id);
    for (const r of batch) {
      const c = customers.get(r.customer_id);
      if (!c || c.status === 'lost' || c.status === 'erased') continue;
      if (items.length > query.limit) break;
      const s = { ...r, value_at_risk_minor: Number(r.value_at_risk_minor) };
      items.push({
        customerId: c.id,
        customerName: c.name,
        customerNumber: c.number,
        ownerId: c.ownerId,
        tier: c.tier,
        pAlive: Number(r.p_alive),
        previousPAlive: r.prev_p_alive === null ? null : Number(r.prev_p_alive),
        overdueRatio: r.overdue_ratio === null ? null : Number(r.overdue_ratio),
        valueAtRiskMinor: s.value_at_risk_minor,
        valueBasis: r.value_basis as AtRiskItem['valueBasis'],
        currency: run.currency,
        reasons: reasonsInWords(s, th, run.currency, language),
        taskId: tasks.get(c.id) ?? null,
        runId: run.id,
      });
      rowsOfItems.push(r);
    }
  }
  const more = items.length > query.limit;
  const page = more ? items.slice(0, query.limit) : items;
  const lastRow = rowsOfItems[page.length - 1];
  return {
    items: page,
    nextCursor:
      more && lastRow ? encodeCursor([Number(lastRow.value_at_risk_minor), lastRow.customer_id]) : null,
  };
}

/** The diagnostics of a run (default the latest): calibration vs holdout by frequency, tracking, parameters. */
export async function getDiagnostics(ctx: Ctx, runId?: string): Promise<Diagnostics> {
  const row = runId
    ? await ctx.db
        .selectFrom('churn_runs')
        .selectAll()
        .where('id', '=', runId)
        .where('status', '=', 'done')
        .executeTakeFirst()
    : await latestRunRow(ctx);
  if (!row) throw notFound('Churn run', runId ?? 'latest');
  const run = toRun(row);
  const d = JSON.parse(row.diagnostics);
  return {
    runId: run.id,
    model: run.model,
    unit: run.unit,
    available: Boolean(d.available),
    calibrationEnd: d.calibrationEnd ?? null,
    holdoutEnd: d.holdoutEnd ?? null,
    byFrequency: d.byFrequency ?? [],
    tracking: d.tracking ?? [],
    holdoutErrors: run.holdoutErrors,
    parameters: {
      model: run.model,
      params: run.params,
      standardErrors: run.standardErrors,
      logLikelihood: run.logLikelihood,
      spend: run.spendModel?.params ?? null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Privacy

/** GDPR export: the customer's scores over all runs and the alerts raised for them. */
export async function exportChurnForCustomer(ctx: Ctx, customerId: string) {
  const scores = await ctx.db
    .selectFrom('churn_scores as s')
    .innerJoin('churn_runs as r', 'r.id', 's.run_id')
    .selectAll('s')
    .select(['r.at as run_at', 'r.model as run_model', 'r.currency as run_currency', 'r.unit as run_unit'])
    .where('s.customer_id', '=', customerId)
    .orderBy('r.at')
    .execute();
  const alerts = await ctx.db
    .selectFrom('churn_alerts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('at')
    .execute();
  return {
    scores: scores.map((r) =>
      toScore(r, { at: r.run_at, model: r.run_model, currency: r.run_currency, unit: r.run_unit }),
    ),
    alerts: alerts.map((a) => ({
      id: a.id,
      runId: a.run_id,
      at: a.at,
      valueAtRiskMinor: Number(a.value_at_risk_minor),
      reasons: JSON.parse(a.reasons),
      taskId: a.task_id,
    })),
  };
}

/** GDPR erasure: deletes the customer's scores and alerts; the runs' aggregates (counts, parameters) stay. */
export async function eraseChurnForCustomer(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db.deleteFrom('churn_scores').where('customer_id', '=', customerId).execute();
  await ctx.db.deleteFrom('churn_alerts').where('customer_id', '=', customerId).execute();
}
