// The CSV reader of imports (csv-parse, streaming): rows by header name, each named by its first line.
import type fs from 'node:fs';
import { CsvError, Parser } from 'csv-parse';
import { AppError } from '../errors.js';
import { type Columns, fileError, type SourceRow } from './source-row.js';

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

/** The rows of a CSV file whose header names `columns` (any order, lower case). */
export async function* csvRows(stream: fs.ReadStream, columns: Columns): AsyncGenerator<SourceRow> {
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
    // Every parser complaint is about the file (codes such as CSV_QUOTE_NOT_CLOSED, but also
    // INVALID_OPENING_QUOTE without the prefix); anything else is ours and stays a 500.
    if (err instanceof CsvError) {
      const e = err as CsvError & { lines?: number };
      throw fileError('file', `line ${e.lines ?? '?'}: ${e.message}`);
    }
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
