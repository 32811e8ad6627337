import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { csvStream, toCsv } from './csv.js';

describe('CSV writer', () => {
  it('quotes fields with commas, quotes and line breaks, and ends every line with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['Ölwechsel, inkl. Filter', 'Café "Central"'],
          ['zwei\nZeilen', null],
        ],
      ),
    ).toBe('a,b\r\n"Ölwechsel, inkl. Filter","Café ""Central"""\r\n"zwei\nZeilen",\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, but leaves numbers alone', () => {
    const csv = toCsv(
      ['text'],
      [
        ['=HYPERLINK("http://x")'],
        ['+49 30 1234'],
        ['-2+3'],
        ['@SUM(A1)'],
        ['\tx'],
        ['\rx'],
        ['\uFF1DSUM(A1)'],
        [-5],
        ['a=b'],
      ],
    );
    expect(csv.split('\r\n').slice(1, -1)).toEqual([
      `"'=HYPERLINK(""http://x"")"`,
      "'+49 30 1234",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
      "'\uFF1DSUM(A1)",
      '-5',
      'a=b',
    ]);
  });

  it('writes booleans as words and missing values as empty fields', () => {
    expect(toCsv(['x', 'y', 'z'], [[true, false, undefined]])).toBe('x,y,z\r\ntrue,false,\r\n');
  });

  it('streams rows to a file with the same rules, with LF line ends when asked', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-csv-')), 'out.csv');
    const out = csvStream(['line', 'reason'], { eol: '\n' });
    out.write([3, '=1+1']);
    out.write([4, 'fine, really']);
    out.end();
    await pipeline(out, fs.createWriteStream(file));
    expect(fs.readFileSync(file, 'utf8')).toBe(`line,reason\n3,'=1+1\n4,"fine, really"\n`);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
