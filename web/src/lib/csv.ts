// Client-side CSV export of the data behind a chart or table, in the reader's spreadsheet convention:
// German Excel opens "a;b" with decimal commas as columns (a comma-separated file lands in one
// column), English readers get commas and decimal points. Always UTF-8 with a BOM (umlauts in Excel),
// RFC 4180 quoting, and the headers in the reader's language.
import i18n from './i18n';

import { type CsvConvention, type CsvRow, toCsv } from './csv-text';

export type { CsvRow } from './csv-text';

/** The reader's convention: German (the UI language) → semicolon, decimal comma, German headers. */
export function readerConvention(language = i18n.language): CsvConvention {
  const german = language === 'de';
  return {
    delimiter: german ? ';' : ',',
    decimal: german ? ',' : '.',
    header: (column) => i18n.t(`csvColumns.${column}`, { defaultValue: column }),
  };
}

export function downloadCsv(filename: string, rows: CsvRow[], columns?: string[]): void {
  const blob = new Blob(['\uFEFF', toCsv(rows, columns, readerConvention())], {
    type: 'text/csv;charset=utf-8',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
