// Opens an import file as a stream of rows (CSV, a JSON array, NDJSON). A reader holds one row at a time
// (plus the stream's buffer), never the file, so memory stays flat.
import fs from 'node:fs';
import { NUL_MESSAGE, nulPath } from '../nul-characters.js';
import { csvRows } from './csv-rows.js';
import type { ImportFormat } from './import.schema.js';
import { jsonArrayRows, jsonShapeOf, ndjsonRows } from './json-rows.js';
import type { Columns, RowSource, SourceRow } from './source-row.js';

export type { Columns, RowSource, SourceRow } from './source-row.js';

/** Opens an import file as a stream of rows; the CSV header or JSON field names must be `columns`. */
export function openRowSource(file: string, format: ImportFormat, columns: Columns): RowSource {
  const totalBytes = fs.statSync(file).size;
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const rows =
    format === 'csv'
      ? csvRows(stream, columns)
      : jsonShapeOf(file) === 'array'
        ? jsonArrayRows(stream, columns)
        : ndjsonRows(stream, columns);
  return { rows: withoutNul(rows), bytesRead: () => stream.bytesRead, totalBytes };
}

/** Rejects a row with a NUL character in a field, naming the field (PostgreSQL cannot store one). */
async function* withoutNul(rows: AsyncIterable<SourceRow>): AsyncIterable<SourceRow> {
  for await (const row of rows) {
    const path = row.values ? nulPath(row.values) : null;
    if (path === null) yield row;
    else yield { line: row.line, problem: { field: path.split('.')[0] || '(row)', reason: NUL_MESSAGE } };
  }
}
