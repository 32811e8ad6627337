/**
 * Test-only loaders for the reference data copied into test/fixtures/cdnow (never ../shared, so that a clone
 * without the shared folder still runs the tests).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../../test/fixtures/cdnow/', import.meta.url));

/** Path of a fixture file. */
export function fixturePath(name: string): string {
  return DIR + name;
}

/** BTYD cdnowSummary_cbs.csv as numbers: cust, x, t.x, T.cal, x.star, m.x. */
export function loadCdnowSummary(): {
  id: string;
  x: number;
  tx: number;
  T: number;
  xStar: number;
  m: number;
}[] {
  const lines = readFileSync(fixturePath('cdnowSummary_cbs.csv'), 'utf8').trim().split(/\r?\n/);
  return lines.slice(1).map((line) => {
    const f = line.split(',').map((v) => v.replace(/"/g, ''));
    return {
      id: f[0],
      x: Number(f[1]),
      tx: Number(f[2]),
      T: Number(f[3]),
      xStar: Number(f[4]),
      m: Number(f[5]),
    };
  });
}

/** donations.csv as BG/BB rows (frequency, recency, periods, weights). */
export function loadDonations(): { x: number; tx: number; n: number; weight: number }[] {
  const lines = readFileSync(fixturePath('donations.csv'), 'utf8').trim().split(/\r?\n/);
  return lines.slice(1).map((line) => {
    const [x, tx, n, weight] = line.split(',').map(Number);
    return { x, tx, n, weight };
  });
}
