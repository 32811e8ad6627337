// GET /metrics/churn-runs: per completed scoring run in the period, customers at risk and their summed
// value at risk, agreeing with the at-risk list of the same run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const DAY = 86_400_000;
const FIRST = '2026-02-02T09:00:00.000Z';
const SECOND = '2026-03-02T09:00:00.000Z';

describe('churn run metrics for the dashboard', () => {
  let t: TestApp;
  let purchaseNo = 0;

  const runAt = async (at: string) => {
    t.clock.set(at);
    const res = await t.request('manager', 'POST', '/api/v1/churn/runs', {});
    expect(res.status).toBe(202);
    await t.drainJobs();
  };

  beforeAll(async () => {
    t = await startTestApp({ now: FIRST });
    const s = (await t.request('admin', 'GET', '/api/v1/settings/churn')).body;
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...s,
      scoring: { ...s.scoring, models: ['bgnbd'] },
    });
    expect(saved.status).toBe(200);
    // 24 customers buying every 2–5 weeks for two years; every third stopped half a year ago.
    const end = Date.parse(FIRST);
    for (let k = 0; k < 24; k++) {
      const since = end - 730 * DAY;
      const c = await t.request('agent', 'POST', '/api/v1/customers', {
        name: `Lauf Kunde ${k}`,
        customerSince: new Date(since).toISOString(),
      });
      expect(c.status).toBe(201);
      const stop = k % 3 === 0 ? end - 180 * DAY : end - 2 * DAY;
      const gap = (14 + (k % 4) * 7) * DAY;
      for (let at = since + gap; at <= stop; at += gap) {
        const p = await t.request('agent', 'POST', '/api/v1/purchases', {
          externalId: `M-${++purchaseNo}`,
          customerId: c.body.id,
          purchasedAt: new Date(at).toISOString(),
          amountMinor: 5_000 + k * 100,
          currency: 'EUR',
          kind: 'sale',
        });
        expect(p.status).toBe(201);
      }
    }
    await runAt(FIRST);
    await runAt(SECOND);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists each run in the period oldest first with its at-risk count and the value at risk summed over the at-risk list', async () => {
    const res = await t.request(
      'agent',
      'GET',
      '/api/v1/metrics/churn-runs?from=2026-01-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { at: string }) => r.at)).toEqual([FIRST, SECOND]);
    const runs = (await t.request('agent', 'GET', '/api/v1/churn/runs')).body.items as Array<{
      id: string;
      atRisk: number;
      customers: number;
    }>;
    for (const item of res.body.items) {
      const run = runs.find((r) => r.id === item.runId)!;
      expect(item).toMatchObject({ atRisk: run.atRisk, customers: 24, currency: 'EUR' });
    }
    // The latest run's at-risk list carries each customer's value at risk: the sum must match.
    const latest = res.body.items[1];
    expect(latest.atRisk).toBeGreaterThan(0);
    const atRisk = await t.request('agent', 'GET', '/api/v1/churn/at-risk?limit=500');
    const items = atRisk.body.items as Array<{ valueAtRiskMinor: number }>;
    expect(items).toHaveLength(latest.atRisk);
    expect(latest.valueAtRiskMinor).toBe(items.reduce((s, i) => s + i.valueAtRiskMinor, 0));
    expect(latest.valueAtRiskMinor).toBeGreaterThan(0);
  });

  it('leaves out runs outside the period', async () => {
    const res = await t.request(
      'agent',
      'GET',
      '/api/v1/metrics/churn-runs?from=2026-02-15T00:00:00.000Z&to=2026-04-01T00:00:00.000Z',
    );
    expect(res.body.items.map((r: { at: string }) => r.at)).toEqual([SECOND]);
  });

  it('rejects a period whose end is not after its start, naming the field', async () => {
    const res = await t.request(
      'agent',
      'GET',
      '/api/v1/metrics/churn-runs?from=2026-03-01T00:00:00.000Z&to=2026-02-01T00:00:00.000Z',
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('to');
  });
});
