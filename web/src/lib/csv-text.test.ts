import { describe, expect, it } from 'vitest';
import { toCsv } from './csv-text';

const german = {
  delimiter: ';',
  decimal: ',',
  header: (c: string) => ({ rate: 'Quote', team: 'Team' })[c] ?? c,
} as const;

describe('CSV text', () => {
  it('writes German spreadsheets with semicolons, decimal commas and German headers', () => {
    expect(toCsv([{ team: 'Nord', rate: 0.25 }], undefined, german)).toBe('Team;Quote\r\nNord;0,25\r\n');
  });

  it('quotes a German field that holds a semicolon and keeps an English file comma-separated with points', () => {
    expect(toCsv([{ team: 'Nord; Süd', rate: 1.5 }], undefined, german)).toBe(
      'Team;Quote\r\n"Nord; Süd";1,5\r\n',
    );
    expect(toCsv([{ team: 'North, South', rate: 1.5 }])).toBe('team,rate\r\n"North, South",1.5\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(toCsv([{ team: '=HYPERLINK("x")' }])).toBe('team\r\n"\'=HYPERLINK(""x"")"\r\n');
  });
});
