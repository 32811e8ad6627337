import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, loadCdnowSummary } from './fixtures.js';
import { dayNumber, groupRfm, type Purchase, summariseEventLog } from './summary.js';

function loadCdnowLog(): Purchase[] {
  return readFileSync(fixturePath('CDNOW_sample.txt'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const [, sampleId, date, , amount] = line.trim().split(/\s+/);
      return { customerId: String(Number(sampleId)), date, amount: Number(amount) };
    });
}

describe('event log → (x, t_x, T) summary', () => {
  it('reproduces BTYD cdnowSummary_cbs (x, t.x, T.cal, x.star, m.x) for all 2,357 CDNOW customers', () => {
    const ours = summariseEventLog(loadCdnowLog(), {
      calibrationEnd: '1997-09-30',
      unitDays: 7,
      holdoutEnd: '1998-06-30',
    });
    const btyd = loadCdnowSummary();
    expect(ours.length).toBe(2357);
    const byId = new Map(ours.map((c) => [c.id, c]));
    for (const ref of btyd) {
      const c = byId.get(ref.id)!;
      expect(c.x).toBe(ref.x);
      expect(Math.abs(c.tx - ref.tx)).toBeLessThan(1e-9);
      expect(Math.abs(c.T - ref.T)).toBeLessThan(1e-9);
      expect(c.xHoldout).toBe(ref.xStar);
      expect(Math.abs(c.monetary - ref.m)).toBeLessThan(1e-9);
    }
  });

  it('merges same-day purchases into one transaction with the summed amount', () => {
    const s = summariseEventLog(
      [
        { customerId: 'a', date: '2024-01-01', amount: 5 },
        { customerId: 'a', date: '2024-01-08', amount: 3 },
        { customerId: 'a', date: '2024-01-08', amount: 4 },
      ],
      { calibrationEnd: '2024-01-15', unitDays: 7 },
    );
    expect(s).toEqual([{ id: 'a', x: 1, tx: 1, T: 2, monetary: 7, xHoldout: 0 }]);
  });

  it('leaves out customers whose first purchase is after the calibration end', () => {
    const s = summariseEventLog([{ customerId: 'late', date: '2024-02-01' }], {
      calibrationEnd: '2024-01-15',
      unitDays: 1,
    });
    expect(s).toEqual([]);
  });

  it('rejects impossible dates', () => {
    expect(dayNumber('2023-02-29')).toBeNaN();
    expect(dayNumber('19970101')).toBe(dayNumber('1997-01-01'));
  });
});

describe('grouping identical (x, t_x, T)', () => {
  it('sums weights, keeps one row per pattern and maps every customer to its group', () => {
    const g = groupRfm([
      { x: 1, tx: 2, T: 5 },
      { x: 0, tx: 0, T: 5 },
      { x: 1, tx: 2, T: 5 },
    ]);
    expect(g.size).toBe(2);
    expect(g.customers).toBe(3);
    expect(Array.from(g.weight)).toEqual([2, 1]);
    expect(Array.from(g.groupOf)).toEqual([0, 1, 0]);
  });
});
