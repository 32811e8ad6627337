// CLI command group `import`: purchases, customers, contracts and historic survey answers from CSV or
// JSON/NDJSON files.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import type { App } from '../app.js';
import { systemActor } from '../platform/context.js';
import { csvStream } from '../platform/csv/csv.js';
import { AppError } from '../platform/errors.js';
import { importCustomers } from '../customers/customers.import.js';
import type { ImportOptions, ImportProgress } from '../platform/import/import.engine.js';
import { formatRejectedRow } from '../platform/import/import.fields.js';
import type { ImportFormat, ImportReport, RejectedRow } from '../platform/import/import.schema.js';
import { importContracts } from '../products/contracts.import.js';
import { importPurchases } from '../purchases/purchases.import.js';
import { importSurveyAnswers } from '../surveys/survey-answers.import.js';
import { fail, withApp } from './context.js';

type Entity = 'purchases' | 'customers' | 'contracts' | 'survey-answers';

const PRINTED_REJECTIONS = 100;

const run: Record<Entity, (app: App, options: ImportOptions) => Promise<ImportReport>> = {
  purchases: (app, o) =>
    importPurchases({ ...app.ctx, actor: systemActor('import (CLI)') }, { ...o, sqlite: app.handle.sqlite }),
  customers: (app, o) => importCustomers({ ...app.ctx, actor: systemActor('import (CLI)') }, o),
  contracts: (app, o) => importContracts({ ...app.ctx, actor: systemActor('import (CLI)') }, o),
  'survey-answers': (app, o) => importSurveyAnswers({ ...app.ctx, actor: systemActor('import (CLI)') }, o),
};

/** The format from the file name: .json, .ndjson and .jsonl are JSON, everything else CSV. */
function formatOf(file: string): ImportFormat {
  return ['.json', '.ndjson', '.jsonl'].includes(path.extname(file).toLowerCase()) ? 'json' : 'csv';
}

/** A progress bar on stderr, only when a person watches (stderr is a terminal). */
function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {percentage}% | {rows} rows | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let phase = '';
  return {
    update(p) {
      const payload = { phase: p.phase === 'validate' ? 'checking ' : 'importing', rows: p.rowsRead };
      if (!started || phase !== p.phase) {
        if (started) bar.stop();
        bar.start(Math.max(p.totalBytes, 1), p.bytesRead, payload);
        started = true;
        phase = p.phase;
      } else bar.update(p.bytesRead, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function printReport(file: string, report: ImportReport): void {
  const out: string[] = [];
  out.push(`${report.entity} from ${file} (${report.format}): ${report.rowsRead} rows read`);
  out.push(`  created:          ${report.created}`);
  out.push(`  already present:  ${report.alreadyPresent} (left unchanged)`);
  out.push(`  rejected:         ${report.rejected}`);
  if (report.rejectedRows.length > 0) {
    out.push('rejected rows:');
    for (const r of report.rejectedRows.slice(0, PRINTED_REJECTIONS)) out.push(`  ${formatRejectedRow(r)}`);
    const more = report.rejectedRows.length > PRINTED_REJECTIONS || report.rejectedRowsTruncated;
    if (more) out.push(`  … more rejected rows not shown (use --rejects FILE for all of them)`);
  }
  if (!report.imported)
    out.push(
      `nothing was imported: ${report.rejected} rows were rejected (fix them, or use --skip-invalid to import the good rows)`,
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

async function importFile(
  entity: Entity,
  file: string,
  o: { format?: ImportFormat; skipInvalid?: boolean; rejects?: string },
): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`no file ${file}`);
  // LF line ends: the rejects file is read by tools (grep, cut) more than by spreadsheets.
  const rejects = o.rejects ? csvStream(['line', 'field', 'reason'], { eol: '\n' }) : null;
  const written = rejects ? pipeline(rejects, fs.createWriteStream(o.rejects!)) : null;
  // Awaited below; a file that cannot be written fails the command there, not as an unhandled rejection.
  written?.catch(() => undefined);
  const bar = progressBar();
  const options: ImportOptions = {
    file: path.resolve(file),
    format: o.format ?? formatOf(file),
    skipInvalid: o.skipInvalid ?? false,
    onProgress: (p) => bar.update(p),
    onReject: rejects ? (r: RejectedRow) => rejects.write([r.line, r.field, r.reason]) : undefined,
  };
  let report: ImportReport;
  try {
    report = await withApp((app) => run[entity](app, options));
  } catch (err) {
    bar.stop();
    if (err instanceof AppError) fail(err.message);
    throw err;
  } finally {
    rejects?.end();
    await written;
  }
  bar.stop();
  printReport(file, report);
  if (!report.imported) process.exitCode = 2;
}

/** Mounts `stammkunde import purchases|customers|contracts|survey-answers FILE`. */
export function importCommands(program: Command): void {
  const group = program
    .command('import')
    .description(
      'import purchases, customers, contracts or historic survey answers from CSV or JSON (an array or NDJSON)',
    );
  const describe: Record<Entity, string> = {
    purchases:
      'purchases: external_id,customer_ref,purchased_at,amount_minor,currency,kind,product_code,quantity,description',
    customers:
      'customers: external_ref,name,email,phone,locale,customer_since,owner_email,tags (tags separated by |)',
    contracts:
      'contracts: external_id,customer_ref,product_code,price_minor,currency,period,started_at,renews_at,cancelled_at',
    'survey-answers':
      'historic survey answers: customer_ref,survey,score,answered_at (survey: a definition code)',
  };
  const idempotentBy: Record<Entity, string> = {
    purchases: 'external id',
    customers: 'external reference',
    contracts: 'external id',
    'survey-answers': 'customer, survey and answer time',
  };
  for (const entity of ['purchases', 'customers', 'contracts', 'survey-answers'] as const) {
    group
      .command(`${entity} <file>`)
      .description(`import ${describe[entity]}; idempotent by ${idempotentBy[entity]} (see docs/import.md)`)
      .addOption(
        new Option('--format <format>', 'file format (default: from the file name)').choices(['csv', 'json']),
      )
      .option(
        '--skip-invalid',
        'import the good rows and report the bad ones (default: a file with a bad row imports nothing)',
      )
      .option('--rejects <file>', 'also write every rejected row as CSV (line,field,reason) to this file')
      .action(async (file: string, o) => importFile(entity, file, o));
  }
}
