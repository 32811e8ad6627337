/**
 * Parsing and validation of the analyst summary files used by `stammkunde churn fit|score`, with the column
 * names of the lifetimes package. Every problem is reported with its line (1 = header) and column, so the
 * CLI can print it without a stack trace.
 */
import { parse } from 'csv-parse/sync';

/** A problem in an input file, located by line (1-based, header is line 1) and column name. */
export class ChurnInputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'ChurnInputError';
  }
  /** "FILE, line L, column C: message" */
  describe(): string {
    const where = [
      this.file,
      this.line !== undefined ? `line ${this.line}` : '',
      this.column ? `column '${this.column}'` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `${where}: ${this.message}`;
  }
}

/** Summary row for the continuous-time models (`id,frequency,recency,T`; times in one unit). */
export interface RfmCsvRow {
  id: string;
  frequency: number;
  recency: number;
  T: number;
  line: number;
}

/** Spend row for Gamma-Gamma (`id,frequency,monetary_value`). */
export interface SpendCsvRow {
  id: string;
  frequency: number;
  monetary_value: number;
  line: number;
}

/** Grouped discrete-time row for BG/BB (`frequency,recency,periods,weights`; optional `id`). */
export interface BgBbCsvRow {
  id: string;
  frequency: number;
  recency: number;
  periods: number;
  weights: number;
  line: number;
}

/** Reads a whole text source (string or stream of chunks) into a string. */
export async function readText(source: string | AsyncIterable<string | Uint8Array>): Promise<string> {
  if (typeof source === 'string') return source;
  const parts: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of source)
    parts.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

interface Table {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

function table(text: string, file: string, required: readonly string[]): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new ChurnInputError(`not a readable CSV file (${err.message ?? 'parse error'})`, file, err.lines);
  }
  if (records.length === 0) throw new ChurnInputError('file is empty; expected a header line', file, 1);
  const header = records[0].record.map((h) => h.replace(/^"|"$/g, ''));
  for (const col of required) {
    if (!header.includes(col)) {
      throw new ChurnInputError(`missing column '${col}' (header has: ${header.join(', ')})`, file, 1, col);
    }
  }
  const rows = records.slice(1).map((r) => ({ line: r.info.lines, cells: r.record }));
  for (const r of rows) {
    if (r.cells.length !== header.length) {
      throw new ChurnInputError(`expected ${header.length} fields, found ${r.cells.length}`, file, r.line);
    }
  }
  return { header, rows };
}

type Check = 'nonNegative' | 'positive' | 'count';

function numberAt(
  t: Table,
  row: { line: number; cells: string[] },
  col: string,
  file: string,
  check: Check,
): number {
  const raw = row.cells[t.header.indexOf(col)];
  const v = raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) throw new ChurnInputError(`'${raw}' is not a number`, file, row.line, col);
  if (v < 0) throw new ChurnInputError(`${v} is negative`, file, row.line, col);
  if (check === 'positive' && v === 0)
    throw new ChurnInputError('must be greater than 0', file, row.line, col);
  if (check === 'count' && !Number.isInteger(v)) {
    throw new ChurnInputError(`${v} is not a whole number of purchases`, file, row.line, col);
  }
  return v;
}

function idAt(t: Table, row: { line: number; cells: string[] }, file: string, fallback: string): string {
  const i = t.header.indexOf('id');
  if (i < 0) return fallback;
  const id = row.cells[i];
  if (id === '') throw new ChurnInputError('empty id', file, row.line, 'id');
  return id;
}

function requireRows(t: Table, file: string): void {
  if (t.rows.length === 0) throw new ChurnInputError('no data rows after the header', file, 2);
}

function uniqueIds<R extends { id: string; line: number }>(rows: R[], file: string): R[] {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.id);
    if (first !== undefined)
      throw new ChurnInputError(`duplicate id '${r.id}' (first on line ${first})`, file, r.line, 'id');
    seen.set(r.id, r.line);
  }
  return rows;
}

/**
 * Parses `id,frequency,recency,T`: frequency a whole number >= 0, 0 <= recency <= T, recency = 0 when
 * frequency = 0, T > 0. Throws ChurnInputError naming line and column.
 */
export function parseRfmCsv(text: string, file = 'input'): RfmCsvRow[] {
  const t = table(text, file, ['id', 'frequency', 'recency', 'T']);
  requireRows(t, file);
  const rows = t.rows.map((row) => {
    const frequency = numberAt(t, row, 'frequency', file, 'count');
    const recency = numberAt(t, row, 'recency', file, 'nonNegative');
    const T = numberAt(t, row, 'T', file, 'positive');
    if (recency > T)
      throw new ChurnInputError(`recency ${recency} is greater than T ${T}`, file, row.line, 'recency');
    if (frequency === 0 && recency > 0) {
      throw new ChurnInputError(`recency ${recency} with frequency 0 (must be 0)`, file, row.line, 'recency');
    }
    return { id: idAt(t, row, file, String(row.line)), frequency, recency, T, line: row.line };
  });
  return uniqueIds(rows, file);
}

/** Parses `id,frequency,monetary_value`: monetary_value > 0 whenever frequency > 0. */
export function parseSpendCsv(text: string, file = 'input'): SpendCsvRow[] {
  const t = table(text, file, ['id', 'frequency', 'monetary_value']);
  requireRows(t, file);
  const rows = t.rows.map((row) => {
    const frequency = numberAt(t, row, 'frequency', file, 'count');
    const monetary = numberAt(t, row, 'monetary_value', file, 'nonNegative');
    if (frequency > 0 && monetary === 0) {
      throw new ChurnInputError(
        'monetary_value must be greater than 0 when frequency > 0',
        file,
        row.line,
        'monetary_value',
      );
    }
    return { id: idAt(t, row, file, String(row.line)), frequency, monetary_value: monetary, line: row.line };
  });
  return uniqueIds(rows, file);
}

/** Parses `frequency,recency,periods,weights`: whole numbers with frequency <= recency <= periods. */
export function parseBgBbCsv(text: string, file = 'input'): BgBbCsvRow[] {
  const t = table(text, file, ['frequency', 'recency', 'periods', 'weights']);
  requireRows(t, file);
  const rows = t.rows.map((row) => {
    const frequency = numberAt(t, row, 'frequency', file, 'count');
    const recency = numberAt(t, row, 'recency', file, 'count');
    const periods = numberAt(t, row, 'periods', file, 'count');
    const weights = numberAt(t, row, 'weights', file, 'positive');
    if (periods === 0) throw new ChurnInputError('periods must be at least 1', file, row.line, 'periods');
    if (recency > periods) {
      throw new ChurnInputError(
        `recency ${recency} is greater than periods ${periods}`,
        file,
        row.line,
        'recency',
      );
    }
    if (frequency > recency) {
      throw new ChurnInputError(
        `frequency ${frequency} is greater than recency ${recency} (each transaction needs its own period)`,
        file,
        row.line,
        'frequency',
      );
    }
    if (frequency === 0 && recency > 0) {
      throw new ChurnInputError(`recency ${recency} with frequency 0 (must be 0)`, file, row.line, 'recency');
    }
    return {
      id: idAt(t, row, file, String(row.line - 1)),
      frequency,
      recency,
      periods,
      weights,
      line: row.line,
    };
  });
  return t.header.includes('id') ? uniqueIds(rows, file) : rows;
}
