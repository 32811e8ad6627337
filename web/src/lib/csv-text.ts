// CSV text in a spreadsheet convention (pure; the download with the reader's convention is csv.ts):
// RFC 4180 quoting, the separator and decimal mark of the reader's spreadsheet, formulas neutralised.
export type CsvRow = Record<string, string | number | boolean | null | undefined>;

export type CsvConvention = {
  /** Field separator: ';' where the decimal mark is a comma (German), else ','. */
  delimiter: ',' | ';';
  /** Decimal mark of numbers. */
  decimal: '.' | ',';
  /** Header text of a column key. */
  header: (column: string) => string;
};

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: CsvRow[string], c: CsvConvention): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' && c.decimal === ',' ? String(v).replace('.', ',') : String(v);
  // Text starting like a formula is neutralised so a spreadsheet does not execute it.
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  const quote = s.includes(c.delimiter) || /["\r\n]/.test(s);
  return quote ? `"${s.replace(/"/g, '""')}"` : s;
}

const PLAIN: CsvConvention = { delimiter: ',', decimal: '.', header: (c) => c };

/** Rows → CSV text; the columns are the union of the rows' keys in first-seen order. */
export function toCsv(rows: CsvRow[], columns?: string[], convention: CsvConvention = PLAIN): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const d = convention.delimiter;
  const lines = [
    cols.map((c) => cell(convention.header(c), convention)).join(d),
    ...rows.map((r) => cols.map((c) => cell(r[c], convention)).join(d)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
