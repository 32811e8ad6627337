// CLI: CSV exports of the retention figures (`stammkunde export <figure> [--from --to] > file.csv`).
import { type Command, Option } from 'commander';
import { type ExportFigure, exportFigureCsv, exportFigures } from '../retention/retention.csv.js';
import { periodOf } from '../retention/retention.stats.js';
import { isBefore } from '../platform/http/field-schemas.js';
import { getCompanyTimeZone, startOfLocalDate } from '../platform/time/index.js';
import { fail, withApp } from './context.js';

/** An instant; a bare date ("2026-01-01") is local midnight in the company's time zone. */
function isoOrFail(v: string | undefined, name: string, zone: string): string | undefined {
  if (v === undefined) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? safeLocalMidnight(v, zone) : new Date(v);
  if (Number.isNaN(d.getTime())) fail(`--${name}: not a date (use e.g. 2026-01-01 or 2026-01-01T00:00:00Z)`);
  return d.toISOString();
}

function safeLocalMidnight(day: string, zone: string): Date {
  try {
    return startOfLocalDate(day, zone);
  } catch {
    return new Date(Number.NaN);
  }
}

export function retentionCommands(program: Command): void {
  program
    .command('export')
    .description('write a retention figure as CSV to standard output')
    .addOption(
      new Option('--lang <lang>', 'language of texts in the figure').choices(['de', 'en']).default('de'),
    )
    .option('--from <date>', 'period start; a bare date is local midnight (default: 30 days before --to)')
    .option('--to <date>', 'period end, exclusive (default: now)')
    .argument('<figure>', `one of: ${exportFigures.join(', ')}`)
    .action(async (figure: string, o: { from?: string; to?: string; lang: string }) => {
      if (!(exportFigures as readonly string[]).includes(figure))
        fail(`unknown figure ${figure}; one of: ${exportFigures.join(', ')}`);
      const csv = await withApp(async (app) => {
        const zone = await getCompanyTimeZone(app.ctx);
        const from = isoOrFail(o.from, 'from', zone);
        const to = isoOrFail(o.to, 'to', zone);
        if (from && to && !isBefore(from, to)) fail('--to must be after --from');
        const p = periodOf(app.ctx.clock.now(), { from, to });
        return exportFigureCsv(app.ctx, figure as ExportFigure, p.from, p.to, o.lang);
      });
      process.stdout.write(csv);
    });
}
