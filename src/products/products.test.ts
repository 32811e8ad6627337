import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

describe('products', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const product = (body: Record<string, unknown> = {}) =>
    t.request('admin', 'POST', '/api/v1/products', {
      code: `P-${Math.random().toString(36).slice(2, 8)}`,
      name: { de: 'Wartungsvertrag', en: 'Maintenance plan' },
      kind: 'subscription',
      currency: 'EUR',
      newCustomerPriceMinor: 2900,
      billingPeriod: 'month',
      ...body,
    });

  it('lets an admin create a product that all staff can read', async () => {
    const res = await product({ code: 'WARTUNG-S' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'WARTUNG-S',
      name: { de: 'Wartungsvertrag', en: 'Maintenance plan' },
      newCustomerPriceMinor: 2900,
      active: true,
    });
    const got = await t.request('agent', 'GET', `/api/v1/products/${res.body.id}`);
    expect(got.body.code).toBe('WARTUNG-S');
    const list = await t.request('agent', 'GET', '/api/v1/products?active=true');
    expect(list.body.items.map((p: { code: string }) => p.code)).toContain('WARTUNG-S');
  });

  it('refuses agents changing products with 403', async () => {
    const p = await product();
    const create = await t.request('agent', 'POST', '/api/v1/products', {
      code: 'X',
      name: { de: 'x', en: 'x' },
      kind: 'other',
      currency: 'EUR',
      newCustomerPriceMinor: 1,
      billingPeriod: 'once',
    });
    expect(create.status).toBe(403);
    expect(
      (await t.request('agent', 'PATCH', `/api/v1/products/${p.body.id}`, { active: false })).status,
    ).toBe(403);
    expect(
      (await t.request('agent', 'PUT', `/api/v1/products/${p.body.id}/new-customer-price`, { priceMinor: 1 }))
        .status,
    ).toBe(403);
    expect(
      (await t.request('agent', 'GET', `/api/v1/products/${p.body.id}`)).body.newCustomerPriceMinor,
    ).toBe(2900);
  });

  it('refuses a second product with the same code naming code', async () => {
    await product({ code: 'DUP-1' });
    const res = await product({ code: 'DUP-1' });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].path).toBe('code');
  });

  it('refuses a product priced in another currency than the company currency', async () => {
    const res = await product({ currency: 'CHF' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CURRENCY_MISMATCH');
    expect(res.body.errors[0].path).toBe('currency');
  });

  it('keeps the new-customer price history and answers what a new customer paid at a given time', async () => {
    const p = await product({ newCustomerPriceMinor: 2900 });
    t.clock.set('2026-04-01T00:00:00.000Z');
    const changed = await t.request('manager', 'PUT', `/api/v1/products/${p.body.id}/new-customer-price`, {
      priceMinor: 2490,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.newCustomerPriceMinor).toBe(2490);
    t.clock.set('2026-05-01T00:00:00.000Z');
    await t.request('manager', 'PUT', `/api/v1/products/${p.body.id}/new-customer-price`, {
      priceMinor: 29900,
      billingPeriod: 'year',
    });
    t.clock.set('2026-03-02T09:00:00.000Z');
    const history = await t.request('agent', 'GET', `/api/v1/products/${p.body.id}/new-customer-prices`);
    expect(
      history.body.items.map((h: { priceMinor: number; validFrom: string }) => [h.priceMinor, h.validFrom]),
    ).toEqual([
      [29900, '2026-05-01T00:00:00.000Z'],
      [2490, '2026-04-01T00:00:00.000Z'],
      [2900, '2026-03-02T09:00:00.000Z'],
    ]);
    const at = (time: string) =>
      t.request('agent', 'GET', `/api/v1/products/${p.body.id}/new-customer-price?at=${time}`);
    expect((await at('2026-03-15T00:00:00Z')).body).toMatchObject({
      priceMinor: 2900,
      billingPeriod: 'month',
    });
    expect((await at('2026-04-20T00:00:00Z')).body).toMatchObject({
      priceMinor: 2490,
      billingPeriod: 'month',
    });
    expect((await at('2026-06-01T00:00:00Z')).body).toMatchObject({
      priceMinor: 29900,
      billingPeriod: 'year',
    });
    expect((await at('2026-01-01T00:00:00Z')).status).toBe(404);
  });

  it('audits a new-customer price change with the manager as actor', async () => {
    const p = await product({ newCustomerPriceMinor: 1000 });
    await t.request('manager', 'PUT', `/api/v1/products/${p.body.id}/new-customer-price`, {
      priceMinor: 1200,
    });
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', p.body.id)
      .where('action', '=', 'new_customer_price')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_name).toBe('Max Manager');
    expect(JSON.parse(rows[0].changes).new_customer_price_minor).toEqual({ before: 1000, after: 1200 });
  });

  it('lets an admin rename and deactivate a product', async () => {
    const p = await product();
    const res = await t.request('admin', 'PATCH', `/api/v1/products/${p.body.id}`, {
      name: { en: 'Service plan' },
      active: false,
    });
    expect(res.body).toMatchObject({ name: { de: 'Wartungsvertrag', en: 'Service plan' }, active: false });
    const inactive = await t.request('agent', 'GET', '/api/v1/products?active=false');
    expect(inactive.body.items.map((x: { id: string }) => x.id)).toContain(p.body.id);
  });
});
