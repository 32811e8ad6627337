import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { makeResolvable } from '../../test/helpers/case-resolution.js';

describe('retention: economics', () => {
  let t: TestApp;
  let seq = 0;
  const since = '2020-01-01T00:00:00Z';
  const customer = async (name: string, body: Record<string, unknown> = {}) =>
    (await t.request('agent', 'POST', '/api/v1/customers', { name, customerSince: since, ...body })).body
      .id as string;
  const buy = async (customerId: string, at: string, amountMinor: number) =>
    expect(
      (
        await t.request('agent', 'POST', '/api/v1/purchases', {
          externalId: `x-${++seq}`,
          customerId,
          purchasedAt: at,
          amountMinor,
          currency: 'EUR',
          kind: 'sale',
        })
      ).status,
    ).toBe(201);
  const complaint = async (
    customerId: string,
    receivedAt: string,
    resolveAt: string,
    goodwillMinor?: number,
  ) => {
    t.clock.set(receivedAt);
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId,
      points: [{ text: 'Rechnung falsch' }],
      receivedAt,
    });
    expect(k.status).toBe(201);
    if (goodwillMinor) {
      const g = await t.request('manager', 'POST', `/api/v1/cases/${k.body.id}/goodwill`, {
        kind: 'credit',
        amountMinor: goodwillMinor,
        currency: 'EUR',
        description: 'Gutschrift',
        status: 'granted',
      });
      expect(g.status).toBe(201);
    }
    t.clock.set(resolveAt);
    const p = k.body.points[0].id;
    expect(
      (
        await t.request('agent', 'PATCH', `/api/v1/cases/${k.body.id}/points/${p}`, {
          answer: 'Korrigiert',
          outcome: 'resolved',
        })
      ).status,
    ).toBe(200);
    await makeResolvable(t, k.body.id);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/resolve`)).status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-01T00:00:00.000Z' });
    await t.request('admin', 'PUT', '/api/v1/settings/retention', {
      recoveryMonths: 1,
      wordOfMouthPeopleTold: 12,
    });
    const l1 = await customer('Lena Weg');
    const l2 = await customer('Lars Weg');
    const k1 = await customer('Klara Klage');
    const k2 = await customer('Kurt Klage');
    const n1 = await customer('Nora Ruhig');
    const n2 = await customer('Nils Ruhig');
    await customer('Neo Neu', { customerSince: '2026-01-15T00:00:00Z' }); // joined in the period: not compared
    await customer('Pia Interessent', { status: 'prospect' });
    await buy(l1, '2025-06-01T10:00:00Z', 40_000);
    t.clock.set('2026-01-10T09:00:00.000Z');
    for (const id of [l1, l2]) {
      expect(
        (
          await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
            customerId: id,
            source: 'manual',
          })
        ).status,
      ).toBe(201);
    }
    await complaint(k1, '2026-01-05T09:00:00.000Z', '2026-01-06T09:00:00.000Z', 2_000);
    await complaint(k2, '2026-01-07T09:00:00.000Z', '2026-01-08T09:00:00.000Z');
    t.clock.set('2026-03-02T09:00:00.000Z');
    await buy(k1, '2026-01-20T10:00:00Z', 8_000); // within a month of the resolution
    await buy(n1, '2026-01-15T10:00:00Z', 3_000); // within a month of the period start
    await buy(n2, '2026-02-15T10:00:00Z', 3_000); // too late
  });
  afterAll(() => t.close());

  const url = '/api/v1/retention/economics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z';

  it('sums the value lost to churn from the customers confirmed lost in the period', async () => {
    const res = await t.request('manager', 'GET', url);
    expect(res.status).toBe(200);
    expect(res.body.valueLostToChurn).toEqual({
      amountMinor: 40_000,
      customers: 2,
      clvBased: 0,
      revenueBased: 2,
    });
    expect(res.body.currency).toBe('EUR');
  });

  it('sets the goodwill granted against the value of complainants who bought again', async () => {
    const res = await t.request('manager', 'GET', url);
    expect(res.body.goodwill).toEqual({ costMinor: 2_000, retainedValueMinor: 8_000, retainedCustomers: 1 });
  });

  it('measures the recovery rate of complainants against customers without a complaint, with n', async () => {
    const res = await t.request('manager', 'GET', url);
    expect(res.body.recovery.months).toBe(1);
    expect(res.body.recovery.complainants).toEqual({ n: 2, repurchased: 1, rate: 0.5 });
    expect(res.body.recovery.nonComplainants).toEqual({ n: 4, repurchased: 1, rate: 0.25 });
    expect(res.body.recovery.method).toContain('Non-complainants');
  });

  it('labels the word-of-mouth reach as an estimate with its configured assumption', async () => {
    const res = await t.request('manager', 'GET', url);
    expect(res.body.wordOfMouth).toMatchObject({
      unhappyCustomers: 0,
      peopleToldPerUnhappyCustomer: 12,
      estimatedReach: 0,
      isEstimate: true,
    });
    expect(res.body.wordOfMouth.assumptions[0]).toContain('12');
    expect(res.body.valueAtRisk).toEqual({ amountMinor: 0, customers: 0 });
  });

  it("words the assumptions in the language the request asks for, else in the reader's own", async () => {
    const own = await t.request('manager', 'GET', url);
    expect(own.body.wordOfMouth.assumptions[0]).toMatch(/^Annahme: /);
    const english = await t.request('manager', 'GET', url, undefined, { 'accept-language': 'en' });
    expect(english.body.wordOfMouth.assumptions[0]).toMatch(/^Assumption: /);
  });

  it('forbids agents to read the economics', async () => {
    expect((await t.request('agent', 'GET', url)).status).toBe(403);
  });
});
