/**
 * Benchmark of the churn models on 1,000,000 simulated customers (fixed seed), purchase times recorded at
 * day resolution in weekly units as in real logs, so identical (x, t_x, T) rows can be grouped.
 * Run: npx tsx bench/churn-models.ts
 * Targets: BG/NBD fit <= 0.5 s, Pareto/NBD fit <= 5 s, scoring all customers <= 1 s. Reference: the Python
 * package lifetimes on these machines fits BG/NBD on 1M customers in ~10.6 s and Pareto/NBD in ~211 s.
 */
import os from 'node:os';
import {
  bgnbdModel,
  type FitResult,
  fitBgNbd,
  fitPnbd,
  groupRfm,
  pnbdModel,
  type RfmGroups,
  scoreCustomers,
  simulateBgNbd,
  simulatePnbd,
  simulateRegularCustomers,
  summariseEventLog,
} from '../src/churn/models/index.js';

const CUSTOMERS = Number(process.env.CHURN_BENCH_CUSTOMERS ?? 1_000_000);
const SEED = 20_240_601;
// CDNOW-like cohort: first purchases over 12 weeks, calibration 39 weeks after the cohort starts.
const WINDOW = { unitDays: 7, acquisitionDays: 84, calibrationDays: 273 };
const BGNBD_TRUTH = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PNBD_TRUTH = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.66 };
const REFERENCE = { bgnbd: 10.6, pnbd: 211 };

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

function prepareData(kind: 'bgnbd' | 'pnbd'): { groups: RfmGroups; simulate: number; group: number } {
  let t = performance.now();
  const cols =
    kind === 'bgnbd'
      ? simulateBgNbd(BGNBD_TRUTH, { customers: CUSTOMERS, seed: SEED, window: WINDOW })
      : simulatePnbd(PNBD_TRUTH, { customers: CUSTOMERS, seed: SEED + 1, window: WINDOW });
  const simulate = seconds(t);
  t = performance.now();
  const groups = groupRfm(cols);
  return { groups, simulate, group: seconds(t) };
}

function describeFit(fit: FitResult<string>): string {
  const ps = Object.entries(fit.params)
    .map(([k, v]) => `${k}=${v.toPrecision(4)}±${fit.standardErrors[k].toPrecision(2)}`)
    .join(' ');
  return `${ps}  LL=${fit.logLikelihood.toFixed(2)}  converged=${fit.converged} (${fit.message})`;
}

interface Row {
  task: string;
  seconds: number;
  target: number;
  groups: number;
  evaluations: number | string;
  reference?: number;
}

const rows: Row[] = [];
const log = (s: string) => process.stdout.write(s + '\n');

log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), node ${process.version}`);
log(
  `load average at start: ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} (timings scale with contention)`,
);
log(`customers: ${CUSTOMERS.toLocaleString('en')}, seed ${SEED}, day resolution in weeks\n`);

for (const kind of ['bgnbd', 'pnbd'] as const) {
  const { groups, simulate, group } = prepareData(kind);
  log(
    `${kind}: simulated in ${simulate.toFixed(2)} s, grouped into ${groups.size.toLocaleString('en')} distinct (x, t_x, T) in ${group.toFixed(2)} s`,
  );
  const t = performance.now();
  const fit = kind === 'bgnbd' ? fitBgNbd(groups) : fitPnbd(groups);
  const fitSeconds = seconds(t);
  log(
    `  fit ${fitSeconds.toFixed(3)} s, ${fit.iterations} iterations, ${fit.evaluations} likelihood+gradient evaluations`,
  );
  log(`  ${describeFit(fit)}`);
  log(`  truth: ${JSON.stringify(kind === 'bgnbd' ? BGNBD_TRUTH : PNBD_TRUTH)}`);
  rows.push({
    task: `${kind} fit`,
    seconds: fitSeconds,
    target: kind === 'bgnbd' ? 0.5 : 5,
    groups: groups.size,
    evaluations: fit.evaluations,
    reference: REFERENCE[kind],
  });
  const s = performance.now();
  const model = kind === 'bgnbd' ? bgnbdModel : pnbdModel;
  const scores = scoreCustomers(model as typeof bgnbdModel, fit.params as never, groups, 39);
  const scoreSeconds = seconds(s);
  let mean = 0;
  for (let i = 0; i < scores.pAlive.length; i++) mean += scores.pAlive[i];
  log(
    `  scored ${scores.pAlive.length.toLocaleString('en')} customers in ${scoreSeconds.toFixed(3)} s (mean P(alive) ${(mean / scores.pAlive.length).toFixed(4)})\n`,
  );
  rows.push({
    task: `${kind} score (P(alive) + E[Y(39)])`,
    seconds: scoreSeconds,
    target: 1,
    groups: groups.size,
    evaluations: '-',
  });
}

log('task                              seconds  target  groups     evaluations  vs lifetimes');
for (const r of rows) {
  const ratio = r.reference ? `${(r.reference / r.seconds).toFixed(0)}x faster (${r.reference} s)` : '';
  log(
    `${r.task.padEnd(34)}${r.seconds.toFixed(3).padStart(7)}  ${String(r.target).padStart(6)}  ${r.groups.toLocaleString('en').padEnd(11)}${String(r.evaluations).padEnd(13)}${ratio}`,
  );
}

// The tiny-data corner: Pareto/NBD on 60 very regular customers (the data of the product test; weekly
// units, calibration to 2025-09-01). The fit runs to s, β → ∞ (a common dropout rate), where the 2F1
// series would need a million terms per key; it took ~20 s (and failed its line search) before ln G
// switched to quadrature there.
{
  const small = summariseEventLog(simulateRegularCustomers(), { calibrationEnd: '2025-09-01', unitDays: 7 });
  const t = performance.now();
  const fit = fitPnbd(small);
  log(
    `\npnbd fit on 60 very regular customers: ${seconds(t).toFixed(3)} s, ${fit.evaluations} likelihood+gradient evaluations, converged=${fit.converged}`,
  );
  log(`  ${fit.message}`);
}
