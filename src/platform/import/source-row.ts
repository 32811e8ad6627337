// What an import file reader yields: rows by column name, each with its line, or why it could not be read.
import { AppError } from '../errors.js';

/** One row of an import file: its field values by column name, or why it could not be read. */
export type SourceRow =
  | { line: number; values: Record<string, unknown>; problem?: undefined }
  | { line: number; values?: undefined; problem: { field: string; reason: string } };

/** A reader over one file. */
export type RowSource = {
  rows: AsyncIterable<SourceRow>;
  /** Bytes of the file consumed so far (for progress). */
  bytesRead(): number;
  totalBytes: number;
};

export type Columns = { known: readonly string[]; required: readonly string[] };

/** Rejects a whole file (a missing column, broken quoting): nothing of it can be trusted. */
export function fileError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { errors: [{ path, message }] });
}
