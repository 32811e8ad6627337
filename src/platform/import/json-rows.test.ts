import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonArrayRows, jsonShapeOf, ndjsonRows } from './json-rows.js';
import type { SourceRow } from './source-row.js';

const columns = { known: ['external_id', 'amount_minor', 'description'], required: ['external_id'] };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-json-rows-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: string | Buffer): string {
  const f = path.join(dir, `f${++n}.json`);
  fs.writeFileSync(f, content);
  return f;
}

/** Reads all rows, in chunks of `chunk` bytes, so tokens and line ends fall across chunk borders. */
async function read(
  reader: typeof jsonArrayRows,
  content: string | Buffer,
  chunk = 64 * 1024,
): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const r of reader(fs.createReadStream(file(content), { highWaterMark: chunk }), columns))
    rows.push(r);
  return rows;
}

const pretty = [
  '',
  '[',
  '  {',
  '    "externalId": "A-1",',
  '    "amountMinor": 100,',
  '    "description": "Ölwechsel — inkl. Filter"',
  '  },',
  '  { "externalId": "A-2", "amountMinor": 12345678 },',
  '',
  '  {"external_id": "A-3",',
  '   "description": null}',
  ']',
  '',
];

describe('JSON import readers', () => {
  it('names each element of a pretty-printed array by the line it starts on, whatever the chunk size', async () => {
    for (const eol of ['\n', '\r\n']) {
      for (const chunk of [1, 2, 3, 7, 64 * 1024]) {
        const rows = await read(jsonArrayRows, pretty.join(eol), chunk);
        expect(rows).toEqual([
          {
            line: 3,
            values: { external_id: 'A-1', amount_minor: 100, description: 'Ölwechsel — inkl. Filter' },
          },
          { line: 8, values: { external_id: 'A-2', amount_minor: 12345678 } },
          { line: 10, values: { external_id: 'A-3' } },
        ]);
      }
    }
  });

  it('counts lines from the start of a file with a byte order mark', async () => {
    const rows = await read(
      jsonArrayRows,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[\n{"externalId": "B-1"}]')]),
      2,
    );
    expect(rows).toEqual([{ line: 2, values: { external_id: 'B-1' } }]);
  });

  it('rejects an element that is not an object, or has an unknown field, as a row naming its line', async () => {
    const rows = await read(jsonArrayRows, '[\n  42,\n  {"externalId": "C-1", "colour": "red"},\n  "x"\n]');
    expect(rows).toEqual([
      { line: 2, problem: { field: '(row)', reason: 'expected an object' } },
      { line: 3, problem: { field: 'colour', reason: 'unknown field' } },
      { line: 4, problem: { field: '(row)', reason: 'expected an object' } },
    ]);
  });

  it('rejects a broken array as a whole file naming the line where it breaks', async () => {
    await expect(read(jsonArrayRows, '[\n{"externalId": "D-1"}\n{"externalId": "D-2"}\n]')).rejects.toThrow(
      /line 3: not valid JSON/,
    );
    await expect(read(jsonArrayRows, '[\n{"externalId": "D-1",\n "amountMinor": x}]')).rejects.toThrow(
      'file: line 3: not valid JSON: Unexpected "x"',
    );
    await expect(read(jsonArrayRows, '[{"externalId": "D-1"}]\n\n{"externalId": "D-2"}')).rejects.toThrow(
      /line 3: not valid JSON/,
    );
    await expect(read(jsonArrayRows, '[\n{"externalId": "D-1"},\n')).rejects.toThrow(
      /line 2: the JSON array is not closed/,
    );
  });

  it('reads NDJSON line by line, rejecting only the row of a line that is not JSON', async () => {
    const rows = await read(
      ndjsonRows,
      '\uFEFF{"externalId": "E-1"}\r\n\r\n{not json}\r\n{"externalId": "E-3", "amountMinor": 5}',
      3,
    );
    expect(rows).toEqual([
      { line: 1, values: { external_id: 'E-1' } },
      { line: 3, problem: { field: '(row)', reason: expect.stringContaining('not valid JSON') } },
      { line: 4, values: { external_id: 'E-3', amount_minor: 5 } },
    ]);
  });

  it('reports a line that is not JSON without quoting its text (no customer data in a report)', async () => {
    const rows = await read(ndjsonRows, 'max.mustermann@example.de\n{"externalId": "E-5"}', 3);
    expect(rows[0]).toEqual({
      line: 1,
      problem: { field: '(row)', reason: expect.stringContaining('not valid JSON') },
    });
    expect(JSON.stringify(rows[0])).not.toContain('mustermann');
  });

  it('tells an array from NDJSON by the first character after a byte order mark and blank lines', () => {
    expect(jsonShapeOf(file(`\uFEFF\n\n  [{"externalId": "F-1"}]`))).toBe('array');
    expect(jsonShapeOf(file('\n{"externalId": "F-1"}\n'))).toBe('ndjson');
    expect(jsonShapeOf(file(`${' '.repeat(100_000)}[]`))).toBe('array');
  });
});
