/**
 * Analyst commands on summary CSV files: `churn fit` estimates a model and `churn score` writes P(alive),
 * expected purchases and (optionally) discounted CLV per customer. Times in the output are in the unit of
 * the input's recency and T (or in periods for BG/BB); nothing converts units silently.
 * Bad input ends with a one-line message naming file, line and column on stderr and exit code 2.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  type BgBbCsvRow,
  ChurnInputError,
  parseBgBbCsv,
  parseRfmCsv,
  parseSpendCsv,
  type RfmCsvRow,
} from '../churn/churn.csv.js';
import {
  type BgBbParams,
  bgbbExpectedPurchases,
  bgbbPAlive,
  discountedValue,
  type FitResult,
  fitBgBb,
  fitGammaGamma,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  groupRfm,
  rfmModel,
  toColumns,
} from '../churn/models/index.js';
import { type CsvCell, toCsv } from '../platform/csv/csv.js';

const MODELS = ['bgnbd', 'mbgnbd', 'pnbd', 'bgbb', 'gg'] as const;
type ModelName = (typeof MODELS)[number];

const PARAM_NAMES: Record<ModelName, readonly string[]> = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  mbgnbd: ['r', 'alpha', 'a', 'b'],
  pnbd: ['r', 'alpha', 's', 'beta'],
  bgbb: ['alpha', 'beta', 'gamma', 'delta'],
  gg: ['p', 'q', 'gamma'],
};

const TITLES: Record<ModelName, string> = {
  bgnbd: 'BG/NBD (Fader, Hardie & Lee 2005)',
  mbgnbd: 'MBG/NBD (Batislam, Denizel & Filiztekin 2007)',
  pnbd: 'Pareto/NBD (Schmittlein, Morrison & Colombo 1987)',
  bgbb: 'BG/BB (Fader, Hardie & Shang 2010)',
  gg: 'Gamma-Gamma spend (Fader, Hardie & Lee 2005)',
};

/** Where the commands write; tests replace it to capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  exit(code: number): void;
}

let pipeGuard = false;
const processIo: CliIo = {
  out: (t) => {
    if (!pipeGuard) {
      // `score ... | head` closes the pipe early; that is a normal end, not a crash with a stack trace.
      pipeGuard = true;
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
        throw e;
      });
    }
    process.stdout.write(t);
  },
  err: (t) => process.stderr.write(t),
  exit: (code) => {
    process.exitCode = code;
  },
};

/** An error the user can fix (bad option or file); printed as one line, exit code 2. */
class UsageError extends Error {}

function modelOption(value: unknown): ModelName {
  if (typeof value !== 'string' || !(MODELS as readonly string[]).includes(value)) {
    throw new UsageError(
      `--model must be one of ${MODELS.join(', ')} (got ${JSON.stringify(value ?? null)})`,
    );
  }
  return value as ModelName;
}

function required(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing required option ${flag}`);
  return value;
}

function positiveNumber(value: unknown, flag: string, integer = false): number {
  const v = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new UsageError(
      `${flag} must be a ${integer ? 'whole ' : ''}number >= 0 (got ${JSON.stringify(value ?? null)})`,
    );
  }
  return v;
}

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new ChurnInputError(`cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
}

/** Reads a parameter file: the bare params object or a whole `fit --json` output; every name must be > 0. */
async function readParams(file: string, model: ModelName): Promise<Record<string, number>> {
  let json: unknown;
  try {
    json = JSON.parse(await readInput(file));
  } catch (e) {
    if (e instanceof ChurnInputError) throw e;
    throw new ChurnInputError(`not valid JSON (${(e as Error).message})`, file);
  }
  const obj = (
    json && typeof json === 'object' && 'params' in json ? (json as { params: unknown }).params : json
  ) as Record<string, unknown>;
  if (!obj || typeof obj !== 'object')
    throw new ChurnInputError('expected a JSON object of parameters', file);
  const out: Record<string, number> = {};
  for (const name of PARAM_NAMES[model]) {
    const v = obj[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new ChurnInputError(
        `parameter '${name}' of ${model} must be a positive number (got ${JSON.stringify(v ?? null)})`,
        file,
      );
    }
    out[name] = v;
  }
  return out;
}

function fitFile(
  model: ModelName,
  text: string,
  file: string,
): { fit: FitResult<string>; described: string } {
  if (model === 'gg') {
    const rows = parseSpendCsv(text, file);
    const used = rows.filter((r) => r.frequency > 0);
    if (used.length === 0) throw new ChurnInputError('no customer with frequency > 0 to fit spend on', file);
    const fit = fitGammaGamma(used.map((r) => ({ x: r.frequency, m: r.monetary_value })));
    return { fit, described: `${used.length} customers with frequency > 0 (of ${rows.length})` };
  }
  if (model === 'bgbb') {
    const rows = parseBgBbCsv(text, file);
    const fit = fitBgBb(
      rows.map((r) => ({ x: r.frequency, tx: r.recency, n: r.periods, weight: r.weights })),
    );
    const total = rows.reduce((s, r) => s + r.weights, 0);
    return {
      fit,
      described: `${total} customers in ${rows.length} rows; time unit: transaction opportunities`,
    };
  }
  const rows = parseRfmCsv(text, file);
  const groups = groupRfm(toColumns(rows.map((r) => ({ x: r.frequency, tx: r.recency, T: r.T }))));
  const fit = rfmModel(model)!.fit(groups);
  return {
    fit,
    described: `${rows.length} customers, ${groups.size} distinct (frequency, recency, T); time unit: that of recency and T`,
  };
}

function formatTable(model: ModelName, fit: FitResult<string>, described: string): string {
  const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(6) : 'n/a');
  const lines = [
    `model           ${model}: ${TITLES[model]}`,
    `data            ${described}`,
    '',
    'parameter       estimate      std. error',
    ...PARAM_NAMES[model].map(
      (n) => `${n.padEnd(16)}${fmt(fit.params[n]).padEnd(14)}${fmt(fit.standardErrors[n])}`,
    ),
    '',
    `log-likelihood  ${Number.isFinite(fit.logLikelihood) ? fit.logLikelihood.toFixed(4) : 'n/a'}`,
    `converged       ${fit.converged ? 'yes' : 'NO'} (${fit.iterations} iterations, ${fit.evaluations} likelihood evaluations)`,
    `                ${fit.message}`,
  ];
  return lines.join('\n') + '\n';
}

async function runFit(opts: Record<string, unknown>, io: CliIo): Promise<void> {
  const model = modelOption(opts.model);
  const file = required(opts.input, '--input');
  const { fit, described } = fitFile(model, await readInput(file), file);
  if (opts.json) {
    const json = {
      model,
      params: fit.params,
      standardErrors: Object.fromEntries(
        Object.entries(fit.standardErrors).map(([k, v]) => [k, Number.isFinite(v) ? v : null]),
      ),
      logLikelihood: Number.isFinite(fit.logLikelihood) ? fit.logLikelihood : null,
      converged: fit.converged,
      iterations: fit.iterations,
    };
    io.out(JSON.stringify(json) + '\n');
  } else {
    io.out(formatTable(model, fit, described));
  }
}

interface Scored {
  id: string;
  pAlive: number;
  expected: number;
  /** Expected purchases in (0, t] for the CLV sum. */
  cumulative: (t: number) => number;
}

function scoreRows(
  model: ModelName,
  params: Record<string, number>,
  text: string,
  file: string,
  horizon: number,
): Scored[] {
  if (model === 'bgbb') {
    if (!Number.isInteger(horizon))
      throw new UsageError('--horizon must be a whole number of periods for bgbb');
    const p = params as unknown as BgBbParams;
    return parseBgBbCsv(text, file).map((r: BgBbCsvRow) => {
      const c = { x: r.frequency, tx: r.recency, n: r.periods };
      return {
        id: r.id,
        pAlive: bgbbPAlive(p, c),
        expected: bgbbExpectedPurchases(p, c, horizon),
        cumulative: (t: number) => bgbbExpectedPurchases(p, c, Math.round(t)),
      };
    });
  }
  const m = rfmModel(model)!;
  return parseRfmCsv(text, file).map((r: RfmCsvRow) => {
    const c = { x: r.frequency, tx: r.recency, T: r.T };
    return {
      id: r.id,
      pAlive: m.pAlive(params, c),
      expected: m.expectedPurchases(params, c, horizon),
      cumulative: (t: number) => m.expectedPurchases(params, c, t),
    };
  });
}

/** Ten significant digits; NA where the model gives no finite value. */
function csvNumber(v: number): number | 'NA' {
  return Number.isFinite(v) ? Number(v.toPrecision(10)) : 'NA';
}

async function runScore(opts: Record<string, unknown>, io: CliIo): Promise<void> {
  const model = modelOption(opts.model);
  if (model === 'gg')
    throw new UsageError('score needs a purchase model (bgnbd, mbgnbd, pnbd, bgbb); gg goes in --gg-params');
  const file = required(opts.input, '--input');
  const horizon = positiveNumber(required(opts.horizon, '--horizon'), '--horizon');
  const params = await readParams(required(opts.params, '--params'), model);
  const scored = scoreRows(model, params, await readInput(file), file, horizon);
  const wantsClv = opts.spend !== undefined || opts.ggParams !== undefined;
  let spend: Map<string, number> | null = null;
  let discount = 0;
  if (wantsClv) {
    const spendFile = required(opts.spend, '--spend (needed with --gg-params)');
    const gg = (await readParams(
      required(opts.ggParams, '--gg-params (needed with --spend)'),
      'gg',
    )) as unknown as GammaGammaParams;
    if (!(gg.q > 1))
      throw new ChurnInputError(
        'gg parameter q must exceed 1 for a finite mean spend',
        String(opts.ggParams),
      );
    discount = opts.discountRate === undefined ? 0 : positiveNumber(opts.discountRate, '--discount-rate');
    const rows = parseSpendCsv(await readInput(spendFile), spendFile);
    spend = new Map(
      rows.map((r) => [r.id, gammaGammaExpectedSpend(gg, { x: r.frequency, m: r.monetary_value })]),
    );
    for (const s of scored) {
      if (!spend.has(s.id))
        throw new ChurnInputError(`no spend row for id '${s.id}' of ${file}`, spendFile, undefined, 'id');
    }
  }
  const header = ['id', 'p_alive', 'expected_purchases', ...(spend ? ['clv'] : [])];
  const rows: CsvCell[][] = scored.map((s) => {
    const cells: CsvCell[] = [s.id, csvNumber(s.pAlive), csvNumber(s.expected)];
    if (spend)
      cells.push(
        csvNumber(
          discountedValue(s.cumulative, spend.get(s.id)!, { horizon, discountRatePerUnit: discount }),
        ),
      );
    return cells;
  });
  io.out(toCsv(header, rows, { eol: '\n' }));
}

function guarded(name: string, io: CliIo, run: (opts: Record<string, unknown>, io: CliIo) => Promise<void>) {
  return async (opts: Record<string, unknown>) => {
    try {
      await run(opts, io);
    } catch (e) {
      if (e instanceof ChurnInputError) io.err(`stammkunde churn ${name}: ${e.describe()}\n`);
      else if (e instanceof UsageError) io.err(`stammkunde churn ${name}: ${e.message}\n`);
      else io.err(`stammkunde churn ${name}: unexpected error: ${(e as Error).message ?? String(e)}\n`);
      io.exit(2);
    }
  };
}

/**
 * Adds `fit` and `score` to the given `churn` command (commander 14). Errors in options or files print one
 * line naming file, line and column to stderr and set exit code 2.
 */
export function churnFileCommands(program: Command, io: CliIo = processIo): void {
  program
    .command('fit')
    .description(
      'fit a customer-base model to a summary CSV and print parameters, standard errors and log-likelihood',
    )
    .option('--model <model>', `one of ${MODELS.join(', ')}`)
    .option(
      '--input <file>',
      'summary CSV: id,frequency,recency,T (gg: id,frequency,monetary_value; bgbb: frequency,recency,periods,weights)',
    )
    .option('--json', 'print one JSON object instead of a table')
    .action(guarded('fit', io, runFit));
  program
    .command('score')
    .description('write id,p_alive,expected_purchases[,clv] as CSV to standard output')
    .option('--model <model>', 'one of bgnbd, mbgnbd, pnbd, bgbb')
    .option('--params <file>', 'JSON parameters (the params object or a whole `fit --json` output)')
    .option('--input <file>', 'summary CSV as for fit')
    .option('--horizon <h>', 'prediction horizon in the time unit of recency and T (periods for bgbb)')
    .option('--spend <file>', 'CSV id,frequency,monetary_value for CLV')
    .option('--gg-params <file>', 'Gamma-Gamma parameters for CLV')
    .option('--discount-rate <r>', 'discount rate per time unit for CLV (default 0)')
    .action(guarded('score', io, runScore));
}
