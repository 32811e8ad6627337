// Churn-model proposals of lost customers: a manager may say "not lost"; the model does not propose
// the customer again for the configured number of days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;

describe('retention: dismissing churn-model proposals', () => {
  let t: TestApp;
  let purchaseNo = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const now = Date.parse(NOW);
    let seed = 777;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    // 30 customers with exponential gaps around their own mean; every third stopped a year ago.
    for (let k = 0; k < 30; k++) {
      const since = now - (730 - Math.floor(rnd() * 300)) * DAY;
      const c = await t.request('agent', 'POST', '/api/v1/customers', {
        name: `Kunde ${k}`,
        ownerId: t.staff.manager.id,
        customerSince: new Date(since).toISOString(),
      });
      expect(c.status).toBe(201);
      const meanGap = 14 + 60 * rnd();
      const stop = k % 3 === 0 ? now - (330 + rnd() * 60) * DAY : now - DAY;
      let at = since + 10 * 3_600_000;
      for (let n = 0; at <= stop && n < 12; n++) {
        const p = await t.request('agent', 'POST', '/api/v1/purchases', {
          externalId: `LP-${++purchaseNo}`,
          customerId: c.body.id,
          purchasedAt: new Date(at).toISOString(),
          amountMinor: 5_000 + Math.floor(rnd() * 10_000),
          currency: 'EUR',
          kind: 'sale',
        });
        expect(p.status).toBe(201);
        at += Math.ceil(-Math.log(1 - rnd()) * meanGap) * DAY;
      }
    }
    expect((await t.request('manager', 'POST', '/api/v1/churn/runs', {})).status).toBe(202);
    await t.drainJobs();
    // Propose every customer the model flags, so that there are proposals to decide on.
    const set = await t.request('admin', 'PUT', '/api/v1/settings/retention', {
      proposalPAliveBelow: 0.999,
      proposalDismissDays: 30,
    });
    expect(set.status).toBe(200);
  });
  afterAll(() => t.close());

  const proposals = async () =>
    (await t.request('manager', 'GET', '/api/v1/retention/lost-proposals')).body.items as Array<{
      customerId: string;
      source: string;
    }>;

  it('keeps a dismissed churn-model proposal off the list for the configured days, then proposes it again', async () => {
    const before = (await proposals()).filter((p) => p.source === 'churn_model');
    expect(before.length).toBeGreaterThan(1);
    const [first] = before;
    const res = await t.request('manager', 'POST', '/api/v1/retention/lost-proposals/dismiss', {
      customerId: first.customerId,
      reason: 'Kauft saisonal, kommt im Frühjahr wieder',
    });
    expect(res.status).toBe(204);
    const after = await proposals();
    expect(after.map((p) => p.customerId)).not.toContain(first.customerId);
    expect(after.length).toBe(before.length - 1);
    t.clock.advance(31 * DAY);
    expect((await proposals()).map((p) => p.customerId)).toContain(first.customerId);
  });

  it('answers 404 for a customer nobody proposed and changes nothing', async () => {
    const c = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Niemand schlägt vor' });
    const count = (await proposals()).length;
    const res = await t.request('manager', 'POST', '/api/v1/retention/lost-proposals/dismiss', {
      customerId: c.body.id,
      reason: 'bleibt',
    });
    expect(res.status).toBe(404);
    expect((await proposals()).length).toBe(count);
  });
});
