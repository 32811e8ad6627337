import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

describe('retention: loyalty penalty', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const product = async (code: string, price: number, period: string) =>
    (
      await t.request('admin', 'POST', '/api/v1/products', {
        code,
        name: { de: code, en: code },
        kind: 'subscription',
        currency: 'EUR',
        newCustomerPriceMinor: price,
        billingPeriod: period,
      })
    ).body.id as string;
  const contract = async (
    customerId: string,
    productId: string,
    priceMinor: number,
    billingPeriod: string,
    startedAt: string,
  ) =>
    (
      await t.request('agent', 'POST', '/api/v1/contracts', {
        customerId,
        productId,
        priceMinor,
        currency: 'EUR',
        billingPeriod,
        startedAt,
      })
    ).body.id as string;
  const customer = async (name: string) =>
    (await t.request('agent', 'POST', '/api/v1/customers', { name })).body.id as string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    // New-customer price history of A: 1500 (2024-01-01), 1300 (2025-01-01), 1000 (2025-07-01) per month.
    t.clock.set('2023-01-01T00:00:00.000Z');
    const b = await product('B', 10_000, 'year');
    t.clock.set('2024-01-01T00:00:00.000Z');
    const a = await product('A', 1_500, 'month');
    t.clock.set('2025-01-01T00:00:00.000Z');
    await t.request('manager', 'PUT', `/api/v1/products/${a}/new-customer-price`, { priceMinor: 1_300 });
    t.clock.set('2025-07-01T00:00:00.000Z');
    await t.request('manager', 'PUT', `/api/v1/products/${a}/new-customer-price`, { priceMinor: 1_000 });
    t.clock.set('2026-03-02T09:00:00.000Z');
    ids.x = await customer('Xaver Treu');
    ids.y = await customer('Yvonne Treu');
    ids.z = await customer('Zora Günstig');
    ids.xa = await contract(ids.x, a, 1_200, 'month', '2020-01-01T00:00:00Z'); // 200 × 12 = 2400 since 2025-07-01
    ids.xb = await contract(ids.x, b, 12_000, 'year', '2024-05-01T00:00:00Z'); // 2000 since start 2024-05-01
    ids.ya = await contract(ids.y, a, 1_400, 'month', '2025-03-01T00:00:00Z'); // 400 × 12 = 4800 since start
    ids.za = await contract(ids.z, a, 900, 'month', '2021-01-01T00:00:00Z'); // pays less: not listed
  });
  afterAll(() => t.close());

  it('lists customers who pay more than new customers, by yearly overpayment, with since-dates from the price history', async () => {
    const res = await t.request('manager', 'GET', '/api/v1/retention/loyalty-penalty');
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i: { customerId: string; overpaymentPerYearMinor: number; since: string }) => [
        i.customerId,
        i.overpaymentPerYearMinor,
        i.since,
      ]),
    ).toEqual([
      [ids.y, 4_800, '2025-03-01T00:00:00.000Z'],
      [ids.x, 4_400, '2024-05-01T00:00:00.000Z'],
    ]);
    const x = res.body.items[1];
    expect(
      x.contracts.map((c: { contractId: string; overpaymentPerYearMinor: number; since: string }) => [
        c.contractId,
        c.overpaymentPerYearMinor,
        c.since,
      ]),
    ).toEqual([
      [ids.xa, 2_400, '2025-07-01T00:00:00.000Z'],
      [ids.xb, 2_000, '2024-05-01T00:00:00.000Z'],
    ]);
  });

  it('exports the list as CSV, one row per contract', async () => {
    const res = await t.request('manager', 'GET', '/api/v1/retention/exports/loyalty-penalty');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,customer_number,customer_name,contract_id,product_code,billing_period,price_minor,new_customer_price_minor,overpayment_per_year_minor,currency,since',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(3, 9))).toEqual([
      [ids.ya, 'A', 'month', '1400', '1000', '4800'],
      [ids.xa, 'A', 'month', '1200', '1000', '2400'],
      [ids.xb, 'B', 'year', '12000', '10000', '2000'],
    ]);
  });

  it('names the figure when an unknown export is asked for', async () => {
    const res = await t.request('manager', 'GET', '/api/v1/retention/exports/everything');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('figure');
  });

  it('sums what loyal customers overpay per year for the company', async () => {
    const res = await t.request('manager', 'GET', '/api/v1/retention/loyalty-penalty/summary');
    expect(res.body).toEqual({
      totalPerYearMinor: 9_200,
      currency: 'EUR',
      customers: 2,
      contracts: 3,
      dismissedContracts: 0,
    });
  });

  it('forbids agents to apply a new price or see the list', async () => {
    expect(
      (await t.request('agent', 'POST', `/api/v1/retention/loyalty-penalty/${ids.ya}/apply-new-price`))
        .status,
    ).toBe(403);
    expect((await t.request('agent', 'GET', '/api/v1/retention/loyalty-penalty')).status).toBe(403);
    expect((await t.request('agent', 'GET', `/api/v1/contracts/${ids.ya}`)).body.priceMinor).toBe(1_400);
  });

  it('refuses to apply the new price to a contract that does not overpay', async () => {
    const res = await t.request(
      'manager',
      'POST',
      `/api/v1/retention/loyalty-penalty/${ids.za}/apply-new-price`,
    );
    expect(res.status).toBe(409);
    expect((await t.request('agent', 'GET', `/api/v1/contracts/${ids.za}`)).body.priceMinor).toBe(900);
  });

  it('applies the new-customer price through the contracts service, audited, and the customer leaves the list', async () => {
    const res = await t.request(
      'manager',
      'POST',
      `/api/v1/retention/loyalty-penalty/${ids.ya}/apply-new-price`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'applied', priceMinor: 1_400, newCustomerPriceMinor: 1_000 });
    expect((await t.request('agent', 'GET', `/api/v1/contracts/${ids.ya}`)).body.priceMinor).toBe(1_000);
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${ids.y}/audit`);
    const actions = audit.body.items.map(
      (e: { entityType: string; action: string }) => `${e.entityType}:${e.action}`,
    );
    expect(actions).toContain('contract:update');
    expect(actions).toContain('loyalty_penalty:apply_new_customer_price');
    const list = await t.request('manager', 'GET', '/api/v1/retention/loyalty-penalty');
    expect(list.body.items.map((i: { customerId: string }) => i.customerId)).toEqual([ids.x]);
  });

  it('names the reason when a dismissal has none, and records nothing', async () => {
    const res = await t.request('manager', 'POST', `/api/v1/retention/loyalty-penalty/${ids.xb}/dismiss`, {});
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('reason');
    expect(
      (await t.request('manager', 'GET', `/api/v1/retention/loyalty-penalty/${ids.xb}/decisions`)).body.items,
    ).toHaveLength(0);
  });

  it('records a dismissal with its reason, audited, and leaves the contract out of the totals', async () => {
    const res = await t.request('manager', 'POST', `/api/v1/retention/loyalty-penalty/${ids.xb}/dismiss`, {
      reason: 'Includes on-site service',
    });
    expect(res.status).toBe(200);
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${ids.x}/audit`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('dismiss');
    const summary = await t.request('manager', 'GET', '/api/v1/retention/loyalty-penalty/summary');
    expect(summary.body).toEqual({
      totalPerYearMinor: 2_400,
      currency: 'EUR',
      customers: 1,
      contracts: 1,
      dismissedContracts: 1,
    });
  });
});
