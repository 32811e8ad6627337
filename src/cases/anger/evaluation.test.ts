import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, parseLabelledTsv } from './evaluate.js';

const fixture = (lang: string) =>
  parseLabelledTsv(
    readFileSync(
      fileURLToPath(new URL(`../../../test/fixtures/anger/labelled.${lang}.tsv`, import.meta.url)),
      'utf8',
    ),
  );

describe.each(['de', 'en'] as const)('labelled evaluation set (%s)', (lang) => {
  const rows = fixture(lang);

  it('has at least 60 lines with both labels well represented', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.filter((r) => r.label === 'escalate').length).toBeGreaterThanOrEqual(25);
    expect(rows.filter((r) => r.label === 'calm').length).toBeGreaterThanOrEqual(25);
  });

  it('precision of escalate is at least 0.8', () => {
    expect(evaluate(rows, lang).precision).toBeGreaterThanOrEqual(0.8);
  });

  it('recall of escalate is at least 0.8', () => {
    expect(evaluate(rows, lang).recall).toBeGreaterThanOrEqual(0.8);
  });
});

describe('parseLabelledTsv', () => {
  it('rejects a line with an unknown label', () => {
    expect(() => parseLabelledTsv('angry\tDas ist frech.')).toThrow(/Line 1/);
  });
});
