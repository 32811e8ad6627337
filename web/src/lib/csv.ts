// Client-side CSV export of the data behind a chart or table (RFC 4180 quoting, UTF-8 BOM for Excel).

export type CsvRow = Record<string, string | number | boolean | null | undefined>;

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: CsvRow[string]): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Text starting like a formula is neutralised so a spreadsheet does not execute it.
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV text; the columns are the union of the rows' keys in first-seen order. */
export function toCsv(rows: CsvRow[], columns?: string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [
    cols.map((c) => cell(c)).join(','),
    ...rows.map((r) => cols.map((c) => cell(r[c])).join(',')),
  ];
  return lines.join('\r\n') + '\r\n';
}

export function downloadCsv(filename: string, rows: CsvRow[], columns?: string[]): void {
  const blob = new Blob(['\uFEFF', toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
