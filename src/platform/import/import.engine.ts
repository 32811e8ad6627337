// The import procedure every domain's importer runs: read the file as a stream in batches, check each
// batch (fields and lookups, through the domain's spec), write it, and report every rejected row.
// Without skipInvalid a first pass only checks; if any row is bad, the second (writing) pass never runs.
// It knows no domain: each importer (customers, purchases, contracts) hands it an ImportSpec.
import type { Ctx } from '../context.js';
import type { ImportFormat, ImportReport, RejectedRow } from './import.schema.js';
import { type Columns, openRowSource, type SourceRow } from './row-source.js';

/** How many rejected fields a report lists; all of them are counted and passed to onReject. */
export const LISTED_REJECTIONS = 1000;

export type RowProblem = { field: string; reason: string };
export type RowCheck<T> = { value: T; problems?: undefined } | { value?: undefined; problems: RowProblem[] };
export type ReadableRow = { line: number; values: Record<string, unknown> };

export type ImportSpec<T, E extends string = string> = {
  /** What the file holds, as the report names it ('purchases'). */
  entity: E;
  columns: Columns;
  batchSize: number;
  /** Checks a batch of rows in file order, lookups included; one result per row, in the same order. */
  check(ctx: Ctx, rows: ReadableRow[]): Promise<RowCheck<T>[]>;
  /** Writes checked values in one transaction; answers how many were created (the rest existed). */
  write(ctx: Ctx, values: T[], lines: { first: number; last: number }): Promise<number>;
  /** Runs once after the writing pass (e.g. revenue and tiers). */
  finish?(ctx: Ctx): Promise<void>;
};

export type ImportProgress = {
  phase: 'validate' | 'import';
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
};

export type ImportOptions = {
  file: string;
  format: ImportFormat;
  skipInvalid: boolean;
  /** After each batch; awaited (an asynchronous import records its progress here, and may stop by throwing). */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /** Called for every rejected field (the report lists only the first ones). */
  onReject?: (r: RejectedRow) => void;
};

function emptyReport<E extends string>(entity: E, options: ImportOptions): ImportReport<E> {
  return {
    entity,
    format: options.format,
    skipInvalid: options.skipInvalid,
    imported: false,
    rowsRead: 0,
    created: 0,
    alreadyPresent: 0,
    rejected: 0,
    rejectedRows: [],
    rejectedRowsTruncated: false,
  };
}

/**
 * Imports a file: with skipInvalid the good rows are written and the bad ones reported; without it
 * a file with any bad row writes nothing. Re-running a file creates nothing twice.
 */
export async function runImport<T, E extends string>(
  ctx: Ctx,
  spec: ImportSpec<T, E>,
  options: ImportOptions,
): Promise<ImportReport<E>> {
  if (!options.skipInvalid) {
    const checked = emptyReport(spec.entity, options);
    await runPass(ctx, spec, options, checked, 'validate');
    if (checked.rejected > 0) return checked;
  }
  const report = emptyReport(spec.entity, options);
  await runPass(ctx, spec, options, report, 'import');
  await spec.finish?.(ctx);
  report.imported = true;
  return report;
}

async function runPass<T, E extends string>(
  ctx: Ctx,
  spec: ImportSpec<T, E>,
  options: ImportOptions,
  report: ImportReport,
  phase: ImportProgress['phase'],
): Promise<void> {
  const source = openRowSource(options.file, options.format, spec.columns);
  const reject = (line: number, problems: RowProblem[]) => {
    report.rejected++;
    for (const p of problems) {
      const entry = { line, field: p.field, reason: p.reason };
      if (report.rejectedRows.length < LISTED_REJECTIONS) report.rejectedRows.push(entry);
      else report.rejectedRowsTruncated = true;
      options.onReject?.(entry);
    }
  };
  let batch: SourceRow[] = [];
  const flush = async () => {
    const readable = batch.filter((r): r is ReadableRow & SourceRow => r.values !== undefined);
    const checks = readable.length > 0 ? await spec.check(ctx, readable) : [];
    const good: T[] = [];
    let j = 0;
    for (const row of batch) {
      if (row.problem) {
        reject(row.line, [row.problem]);
        continue;
      }
      const c = checks[j++];
      if (c.problems) reject(row.line, c.problems);
      else good.push(c.value);
    }
    if (phase === 'import' && good.length > 0) {
      const created = await spec.write(ctx, good, {
        first: batch[0].line,
        last: batch[batch.length - 1].line,
      });
      report.created += created;
      report.alreadyPresent += good.length - created;
    }
    batch = [];
    await options.onProgress?.({
      phase,
      bytesRead: source.bytesRead(),
      totalBytes: source.totalBytes,
      rowsRead: report.rowsRead,
    });
  };
  for await (const row of source.rows) {
    report.rowsRead++;
    batch.push(row);
    if (batch.length >= spec.batchSize) await flush();
  }
  await flush();
}
