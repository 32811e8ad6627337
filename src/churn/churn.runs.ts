// Reading the completed scoring runs: one run with its parameter report, the latest, the list, and a
// run's diagnostics. Readers see only runs with status 'done'.
import type { Ctx } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.js';
import type { CandidateModel, ChurnRun, Diagnostics } from './churn.schema.js';
import type { TimeUnit } from './churn.summary.js';
import type { ChurnTables } from './churn.tables.js';

export type RunRow = ChurnTables['churn_runs'];

/** The latest completed run's row, or undefined before the first. */
export async function latestRunRow(ctx: Ctx): Promise<RunRow | undefined> {
  return ctx.db
    .selectFrom('churn_runs')
    .selectAll()
    .where('status', '=', 'done')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

function doneRunRow(ctx: Ctx, id: string): Promise<RunRow | undefined> {
  return ctx.db
    .selectFrom('churn_runs')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'done')
    .executeTakeFirst();
}

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
  const row = await doneRunRow(ctx, id);
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

/** The diagnostics of a run (default the latest): calibration vs holdout by frequency, tracking, parameters. */
export async function getDiagnostics(ctx: Ctx, runId?: string): Promise<Diagnostics> {
  const row = runId ? await doneRunRow(ctx, runId) : await latestRunRow(ctx);
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
    listCheck: d.listCheck ?? null,
    parameters: {
      model: run.model,
      params: run.params,
      standardErrors: run.standardErrors,
      logLikelihood: run.logLikelihood,
      spend: run.spendModel?.params ?? null,
    },
  };
}
