// The one CSV writer of the server (csv-stringify): RFC 4180 quoting, CRLF by default, and text that a
// spreadsheet would run as a formula neutralised, so an export opened in Excel or LibreOffice runs nothing.
import { type Stringifier, type Options as StringifyOptions, stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

export type CsvOptions = {
  /** Line end: CRLF (RFC 4180, what spreadsheets expect) unless a tool wants LF. */
  eol?: '\r\n' | '\n';
};

function options(o: CsvOptions): StringifyOptions {
  return {
    record_delimiter: o.eol === '\n' ? 'unix' : 'windows',
    // A field holding any line break (CR alone too) is quoted, so every CSV reader sees one record.
    quote_record_delimiter: true,
    // The formula guard (OWASP "CSV injection"): text starting with = + - @ tab or CR (or their
    // full-width forms) gets a leading ', which spreadsheets show as text. Numbers stay numbers.
    escape_formulas: true,
    // csv-stringify writes true as 1 and false as empty; a reader of our exports expects the words.
    cast: { boolean: (b) => String(b) },
  };
}

/** CSV text of a header and rows (null and undefined are empty fields), ending with a line end. */
export function toCsv(header: readonly string[], rows: readonly CsvCell[][], o: CsvOptions = {}): string {
  return stringifySync([[...header], ...rows], options(o));
}

/**
 * A streaming CSV writer for outputs too large to build as one string: a Transform that takes rows as
 * arrays (pipe it to a file); the header is its first row.
 */
export function csvStream(header: readonly string[], o: CsvOptions = {}): Stringifier {
  const out = stringify(options(o));
  out.write([...header]);
  return out;
}
