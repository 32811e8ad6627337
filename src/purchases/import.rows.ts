// Streaming row readers for imports (CSV, a JSON array, NDJSON) and the field parsers the row checks share.
// A reader holds one row at a time (plus the stream's buffer), never the file, so memory stays flat.
import fs from 'node:fs';
import { Parser } from 'csv-parse';
import { AppError } from '../platform/errors.js';
import type { ImportFormat, RejectedRow } from './purchases.schema.js';

/** One row of an import file: its field values by column name, or why it could not be read. */
export type SourceRow =
  | { line: number; values: Record<string, unknown>; problem?: undefined }
  | { line: number; values?: undefined; problem: { field: string; reason: string } };

export type RowSource = {
  rows: AsyncIterable<SourceRow>;
  /** Bytes of the file consumed so far (for progress). */
  bytesRead(): number;
  totalBytes: number;
};

export type Columns = { known: readonly string[]; required: readonly string[] };

/** Opens an import file as a stream of rows; the CSV header or JSON field names must be `columns`. */
export function openRowSource(file: string, format: ImportFormat, columns: Columns): RowSource {
  const totalBytes = fs.statSync(file).size;
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const rows = format === 'csv' ? csvRows(stream, columns) : jsonRows(stream, columns);
  return { rows, bytesRead: () => stream.bytesRead, totalBytes };
}

/** Rejects a whole file (a missing column, broken quoting): nothing of it can be trusted. */
function fileError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { errors: [{ path, message }] });
}

/**
 * csv-parse with the line number of each record appended to it (as its last element). The
 * parser's `info` option would build an object per record; this reads the counter instead.
 */
class LineNumberingParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (Array.isArray(record)) record.push(this.info.lines);
    return super.push(record, encoding);
  }
}

/** Line breaks inside a record's fields; csv-parse counts a CRLF inside quotes as two lines. */
const NO_BREAKS = { breaks: 0, crlf: 0 };

function lineBreaks(fields: string[]): { breaks: number; crlf: number } {
  if (!fields.some((f) => f.indexOf('\n') !== -1 || f.indexOf('\r') !== -1)) return NO_BREAKS;
  let breaks = 0;
  let crlf = 0;
  for (const f of fields) {
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 0x0d && f.charCodeAt(i + 1) === 0x0a) {
        crlf++;
        breaks++;
        i++;
      } else if (c === 0x0a || c === 0x0d) breaks++;
    }
  }
  return { breaks, crlf };
}

async function* csvRows(stream: fs.ReadStream, columns: Columns): AsyncGenerator<SourceRow> {
  const parser = stream.pipe(
    new LineNumberingParser({ bom: true, relax_column_count: true, skip_empty_lines: true }),
  );
  stream.on('error', (err) => parser.destroy(err));
  let header: string[] | null = null;
  let overcount = 0;
  try {
    for await (const record of parser as AsyncIterable<Array<string | number>>) {
      const counted = record.pop() as number;
      const fields = record as string[];
      const { breaks, crlf } = lineBreaks(fields);
      overcount += crlf;
      // The counter is at the record's last line; a quoted field may span lines, so name the first.
      const line = counted - overcount - breaks;
      if (!header) {
        header = fields.map((h) => h.trim().toLowerCase());
        checkHeader(header, columns);
        continue;
      }
      if (fields.length !== header.length) {
        yield {
          line,
          problem: { field: '(row)', reason: `expected ${header.length} columns, found ${fields.length}` },
        };
        continue;
      }
      // Every row gets every column (absent ones undefined), so all rows share one object shape.
      const values: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) values[header[i]] = fields[i] === '' ? undefined : fields[i];
      yield { line, values };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as Error & { code?: string; lines?: number };
    if (e.code?.startsWith('CSV_')) throw fileError('file', `line ${e.lines ?? '?'}: ${e.message}`);
    throw err;
  } finally {
    stream.destroy();
  }
  if (!header) throw fileError('file', 'the file is empty; expected a header line');
}

function checkHeader(header: string[], columns: Columns): void {
  const errors = [
    ...columns.required
      .filter((c) => !header.includes(c))
      .map((c) => ({ path: c, message: 'required column is missing' })),
    ...header
      .filter((h) => !columns.known.includes(h))
      .map((h) => ({ path: h || '(empty)', message: 'unknown column' })),
    ...header
      .filter((h, i) => header.indexOf(h) !== i)
      .map((h) => ({ path: h, message: 'column appears twice' })),
  ];
  if (errors.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `header: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      { errors },
    );
  }
}

const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** Maps a parsed JSON element to a row: camelCase keys become the CSV column names; null means absent. */
function jsonRow(line: number, parsed: unknown, columns: Columns): SourceRow {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { line, problem: { field: '(row)', reason: 'expected an object' } };
  }
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    const name = snake(k);
    if (!columns.known.includes(name)) return { line, problem: { field: k, reason: 'unknown field' } };
    if (v !== null && v !== '') values[name] = v;
  }
  return { line, values };
}

function parseElement(line: number, text: string, columns: Columns): SourceRow {
  try {
    return jsonRow(line, JSON.parse(text), columns);
  } catch (err) {
    return { line, problem: { field: '(row)', reason: `not valid JSON: ${(err as Error).message}` } };
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

/**
 * A JSON array of objects (`[{...}, ...]`) or NDJSON (one object per line), told apart by the
 * first character. The array is split into elements by a small scanner, so only one element is
 * held at a time; a row's line is the line its element starts on.
 */
async function* jsonRows(stream: fs.ReadStream, columns: Columns): AsyncGenerator<SourceRow> {
  stream.setEncoding('utf8');
  let mode: 'unknown' | 'array' | 'ndjson' = 'unknown';
  // NDJSON state
  let pending = '';
  let ndLine = 0;
  // Array scanner state
  let state = 'open' as 'open' | 'value' | 'comma' | 'element' | 'end';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let elementLine = 0;
  let line = 1;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      if (mode === 'unknown') {
        let i = 0;
        while (i < chunk.length && WS.has(chunk.charCodeAt(i))) i++;
        if (i === chunk.length) {
          pending += chunk;
          continue;
        }
        mode = chunk[i] === '[' ? 'array' : 'ndjson';
        if (mode === 'array') {
          // Leading blank lines count for line numbers.
          line += pending.split('\n').length - 1;
          pending = '';
        }
      }
      if (mode === 'ndjson') {
        const text = pending + chunk;
        let start = 0;
        let nl = text.indexOf('\n');
        while (nl !== -1) {
          ndLine++;
          const l = text.slice(start, nl).trim();
          if (l) yield parseElement(ndLine, l, columns);
          start = nl + 1;
          nl = text.indexOf('\n', start);
        }
        pending = text.slice(start);
        continue;
      }
      let segment = state === 'element' ? 0 : -1;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 0x0a) line++;
        if (state === 'element') {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 0x5c) escaped = true;
            else if (c === 0x22) inString = false;
            if (!inString && depth === 0) {
              parts.push(chunk.slice(segment, i + 1));
              yield parseElement(elementLine, parts.join(''), columns);
              parts = [];
              state = 'comma';
            }
            continue;
          }
          if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth++;
          else if (c === 0x7d || c === 0x5d) {
            depth--;
            if (depth < 0) {
              // A scalar element ended by the closing bracket of the array.
              parts.push(chunk.slice(segment, i));
              yield parseElement(elementLine, parts.join(''), columns);
              parts = [];
              state = 'end';
              continue;
            }
          } else if (depth === 0 && (c === 0x2c || WS.has(c))) {
            parts.push(chunk.slice(segment, i));
            yield parseElement(elementLine, parts.join(''), columns);
            parts = [];
            state = c === 0x2c ? 'value' : 'comma';
            continue;
          }
          if (depth === 0 && (c === 0x7d || c === 0x5d)) {
            parts.push(chunk.slice(segment, i + 1));
            yield parseElement(elementLine, parts.join(''), columns);
            parts = [];
            state = 'comma';
          }
          continue;
        }
        if (WS.has(c)) continue;
        if (state === 'open') {
          if (c !== 0x5b) throw fileError('file', `line ${line}: expected [`);
          state = 'value';
        } else if (state === 'value') {
          if (c === 0x5d) {
            state = 'end';
            continue;
          }
          state = 'element';
          segment = i;
          elementLine = line;
          depth = 0;
          if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth = 1;
        } else if (state === 'comma') {
          if (c === 0x2c) state = 'value';
          else if (c === 0x5d) state = 'end';
          else throw fileError('file', `line ${line}: expected , or ] between elements`);
        } else if (state === 'end') {
          throw fileError('file', `line ${line}: unexpected content after the closing ]`);
        }
      }
      if (state === 'element') parts.push(chunk.slice(segment));
    }
  } finally {
    stream.destroy();
  }
  if (mode === 'ndjson') {
    const l = pending.trim();
    if (l) yield parseElement(ndLine + 1, l, columns);
  } else if (mode === 'array' && state !== 'end') {
    throw fileError('file', `line ${line}: the JSON array is not closed`);
  }
}

// ----- field parsers shared by the row checks -------------------------------------------------

/** Collects the problems of one row; `field` is the column name as the file spells it. */
export class RowProblems {
  readonly list: Array<{ field: string; reason: string }> = [];
  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
}

/** A trimmed text field; undefined when absent. */
export function textField(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  opts: { required?: boolean; max: number },
): string | undefined {
  const raw = values[field];
  if (raw === undefined) {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    p.add(field, 'expected text');
    return undefined;
  }
  const s = String(raw).trim();
  if (s === '') {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  if (s.length > opts.max) {
    p.add(field, `longer than ${opts.max} characters`);
    return undefined;
  }
  return s;
}

/** A whole number (text or JSON number) within bounds; undefined when absent. */
export function intField(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  opts: { required?: boolean; min: number; max?: number },
): number | undefined {
  const raw = values[field];
  if (raw === undefined) {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw)) n = Number(raw);
  else {
    p.add(field, 'expected a whole number (minor units, no decimal point)');
    return undefined;
  }
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n)) p.add(field, 'expected a whole number');
  else if (n < opts.min) p.add(field, `must be at least ${opts.min}`);
  else if (n > max) p.add(field, `must be at most ${max}`);
  else return n;
  return undefined;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An ISO-8601 time with an offset (`2025-03-01T10:00:00Z`, `…+01:00`) or a date (`2025-03-01`,
 * midnight UTC), normalised to UTC `…Z`; undefined when absent or invalid.
 */
export function timeField(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  opts: { required?: boolean },
): string | undefined {
  const raw = values[field];
  if (raw === undefined) {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  const s = typeof raw === 'string' ? raw.trim() : '';
  const m = ISO_TIME.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCMonth() === mo - 1 && day.getUTCDate() === d) {
      const t = m[4] === undefined ? day : new Date(s.replace(' ', 'T'));
      if (!Number.isNaN(t.getTime())) return t.toISOString();
    }
  }
  p.add(field, 'expected an ISO-8601 time with offset (2025-03-01T10:00:00Z) or a date (2025-03-01)');
  return undefined;
}

/** One of the allowed values; undefined when absent or not allowed. */
export function choiceField<T extends string>(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  opts: { required?: boolean },
): T | undefined {
  const s = textField(p, values, field, { required: opts.required, max: 100 });
  if (s === undefined) return undefined;
  const v = s.toLowerCase() as T;
  if (allowed.includes(v)) return v;
  p.add(field, `expected one of ${allowed.join(', ')}`);
  return undefined;
}

/** Formats a rejected row for people: `line 7: currency: expected EUR`. */
export function formatRejectedRow(r: RejectedRow): string {
  return `line ${r.line}: ${r.field}: ${r.reason}`;
}
