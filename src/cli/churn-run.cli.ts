/**
 * `stammkunde churn run` scores the company's customers now (the nightly job's work, on demand) and
 * prints the chosen model, the holdout error of every candidate and the number of alerts (the run id
 * and, on a terminal, each phase go to stderr as it starts; while another run is running it refuses
 * with a message naming that run, exit code 2);
 * `stammkunde churn diagnostics` prints a run's calibration/holdout check and parameter report.
 */
import type { Command } from 'commander';
import { fail, withApp } from './context.js';
import { systemActor } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { candidateModelSchema, timeUnitSchema } from '../churn/churn.schema.js';
import { getDiagnostics } from '../churn/churn.runs.js';
import { type ChurnRunResult, runChurnScoring } from '../churn/run/churn-run.js';

function fmt(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
}

function describeRun(r: ChurnRunResult): string {
  const lines = [
    `run             ${r.id} at ${r.at}`,
    `data            ${r.customers} customers, ${r.groups} distinct (x, t_x, T); unit ${r.unit} (${r.unitDays} days); calibration end ${r.calibrationEnd}`,
    `chosen model    ${r.model} (by ${r.selection === 'holdout' ? `mean absolute error over a ${r.holdoutWeeks}-week holdout` : 'log-likelihood'})`,
    `parameters      ${Object.entries(r.params)
      .map(([k, v]) => `${k}=${fmt(v)} (± ${fmt(r.standardErrors[k])})`)
      .join('  ')}`,
    `log-likelihood  ${fmt(r.logLikelihood, 2)}; ${r.evaluations} likelihood evaluations`,
  ];
  if (r.holdoutErrors.length) {
    lines.push('', 'candidate   MAE/customer   predicted   actual   aggregate error   log-likelihood');
    for (const e of r.holdoutErrors)
      lines.push(
        `${e.model.padEnd(12)}${fmt(e.meanAbsoluteError).padStart(12)}${fmt(e.predictedTotal, 1).padStart(12)}${String(e.actualTotal).padStart(9)}${(e.aggregateError === null ? 'n/a' : `${(e.aggregateError * 100).toFixed(1)} %`).padStart(18)}${fmt(e.logLikelihood, 2).padStart(17)}`,
      );
  }
  lines.push(
    '',
    `spend model     ${
      r.spendModel
        ? Object.entries(r.spendModel.params)
            .map(([k, v]) => `${k}=${fmt(v)}`)
            .join('  ')
        : 'none (value at risk from revenue)'
    }`,
    `at risk         ${r.atRisk} customers; ${r.alerts} alerts raised (retention tasks created)`,
    '',
    'phase                                   seconds',
    ...r.phases.map((p) => `${p.name.padEnd(40)}${p.seconds.toFixed(2).padStart(7)}   ${p.detail ?? ''}`),
  );
  return `${lines.join('\n')}\n`;
}

/** Adds `run` and `diagnostics` to the given `churn` command. */
export function churnRunCommands(churn: Command): void {
  churn
    .command('run')
    .description('score every customer now: choose the model by holdout error, store scores, raise alerts')
    .option('--unit <unit>', 'time unit of the models: day, week or month (30.4375 days)')
    .option('--holdout-weeks <n>', 'length of the holdout period in weeks (0: choose by likelihood)')
    .option('--calibration-end <iso>', 'last day of data (default now)')
    .option('--models <list>', 'candidates, comma-separated: bgnbd,mbgnbd,pnbd')
    .option('--json', 'print the run as JSON')
    .action(async (o) => {
      const unit = o.unit === undefined ? undefined : timeUnitSchema.safeParse(o.unit);
      if (unit && !unit.success) fail(`--unit must be day, week or month (got ${o.unit})`);
      const holdout = o.holdoutWeeks === undefined ? undefined : Number(o.holdoutWeeks);
      if (holdout !== undefined && !(Number.isInteger(holdout) && holdout >= 0))
        fail(`--holdout-weeks must be a whole number >= 0 (got ${o.holdoutWeeks})`);
      const models =
        o.models === undefined
          ? undefined
          : String(o.models)
              .split(',')
              .map((m) => m.trim());
      if (models && !models.every((m) => candidateModelSchema.safeParse(m).success))
        fail(`--models must list bgnbd, mbgnbd, pnbd (got ${o.models})`);
      if (o.calibrationEnd !== undefined && Number.isNaN(Date.parse(o.calibrationEnd)))
        fail(`--calibration-end must be an ISO date (got ${o.calibrationEnd})`);
      await withApp(async (app) => {
        try {
          const run = await runChurnScoring(
            { ...app.ctx, actor: systemActor('stammkunde churn run') },
            {
              unit: unit?.data,
              holdoutWeeks: holdout,
              models: models as never,
              calibrationEnd: o.calibrationEnd ? new Date(o.calibrationEnd).toISOString() : undefined,
            },
            {
              onStart: (id) => process.stderr.write(`scoring run ${id} started\n`),
              onCheckpoint: process.stderr.isTTY
                ? (_id, p) => void process.stderr.write(`  ${p.phase}\n`)
                : undefined,
            },
          );
          process.stdout.write(o.json ? `${JSON.stringify(run)}\n` : describeRun(run));
        } catch (err) {
          if (err instanceof AppError && err.status < 500) fail(err.message);
          throw err;
        }
      });
    });
  churn
    .command('diagnostics')
    .description(
      'calibration vs holdout by frequency, tracking and parameter report of a run (default the latest)',
    )
    .option('--run <id>', 'run id')
    .option('--json', 'print JSON (default)')
    .action(async (o) => {
      await withApp(async (app) => {
        try {
          const d = await getDiagnostics(app.ctx, o.run);
          process.stdout.write(`${JSON.stringify(d, null, o.json ? undefined : 2)}\n`);
        } catch (err) {
          if (err instanceof AppError && err.status < 500) fail(err.message);
          throw err;
        }
      });
    });
}
