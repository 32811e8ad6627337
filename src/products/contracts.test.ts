import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { subscribe } from '../platform/events.js';
import { listActiveContractsWithNewCustomerPrice } from './contracts.service.js';

describe('contracts', () => {
  let t: TestApp;
  let monthly: { id: string; code: string };
  let yearly: { id: string; code: string };
  const cancelled: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    subscribe(t.registry, 'contract.cancelled', 'test.contract-cancelled', async (_ctx, payload) => {
      cancelled.push(payload);
    });
    const make = async (code: string, price: number, period: string) =>
      (
        await t.request('admin', 'POST', '/api/v1/products', {
          code,
          name: { de: code, en: code },
          kind: 'subscription',
          currency: 'EUR',
          newCustomerPriceMinor: price,
          billingPeriod: period,
        })
      ).body;
    monthly = await make('TARIF-M', 1990, 'month');
    yearly = await make('TARIF-Y', 12000, 'year');
  });
  afterAll(() => t.close());

  let n = 0;
  const customer = async (body: Record<string, unknown> = {}) =>
    (await t.request('agent', 'POST', '/api/v1/customers', { name: `Vertragskunde ${++n}`, ...body }))
      .body as { id: string };
  const contract = (body: Record<string, unknown>) =>
    t.request('agent', 'POST', '/api/v1/contracts', {
      priceMinor: 2490,
      currency: 'EUR',
      billingPeriod: 'month',
      startedAt: '2023-01-01T00:00:00Z',
      ...body,
    });

  it('records a contract with the price the customer pays and lists it for the customer as active', async () => {
    const c = await customer();
    const res = await contract({
      customerId: c.id,
      productCode: 'TARIF-M',
      renewsAt: '2027-01-01T00:00:00Z',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      productId: monthly.id,
      productCode: 'TARIF-M',
      priceMinor: 2490,
      status: 'active',
      renewsAt: '2027-01-01T00:00:00.000Z',
    });
    const list = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/contracts`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([res.body.id]);
  });

  it('answers the existing contract when the externalId repeats', async () => {
    const c = await customer();
    const a = await contract({ customerId: c.id, productId: monthly.id, externalId: 'V-100' });
    const b = await contract({ customerId: c.id, productId: monthly.id, externalId: 'V-100' });
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
  });

  it('rejects an unknown product naming productCode', async () => {
    const c = await customer();
    const res = await contract({ customerId: c.id, productCode: 'NOPE' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('productCode');
  });

  it('cancels with date and reason: cancelled until the renewal date, ended after, and only once', async () => {
    const c = await customer();
    const k = await contract({ customerId: c.id, productId: monthly.id, renewsAt: '2026-06-01T00:00:00Z' });
    const res = await t.request('agent', 'POST', `/api/v1/contracts/${k.body.id}/cancel`, {
      reason: 'Zu teuer',
      at: '2026-03-01T00:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      cancelledAt: '2026-03-01T00:00:00.000Z',
      cancelReason: 'Zu teuer',
      endsAt: '2026-06-01T00:00:00.000Z',
    });
    t.clock.set('2026-06-02T00:00:00.000Z');
    expect((await t.request('agent', 'GET', `/api/v1/contracts/${k.body.id}`)).body.status).toBe('ended');
    const ended = await t.request('agent', 'GET', `/api/v1/contracts?customerId=${c.id}&status=ended`);
    expect(ended.body.items).toHaveLength(1);
    t.clock.set('2026-03-02T09:00:00.000Z');
    const again = await t.request('agent', 'POST', `/api/v1/contracts/${k.body.id}/cancel`, {
      reason: 'nochmal',
    });
    expect(again.status).toBe(409);
  });

  it("emits 'contract.cancelled' with customer, contract, time and reason", async () => {
    const c = await customer();
    const k = await contract({ customerId: c.id, productId: monthly.id });
    await t.request('agent', 'POST', `/api/v1/contracts/${k.body.id}/cancel`, { reason: 'Umzug' });
    await t.drainJobs();
    expect(cancelled).toContainEqual(
      expect.objectContaining({
        customerId: c.id,
        contractId: k.body.id,
        at: '2026-03-02T09:00:00.000Z',
        reason: 'Umzug',
      }),
    );
  });

  it('audits create, change and cancellation in the customer trail', async () => {
    const c = await customer();
    const k = await contract({ customerId: c.id, productId: monthly.id });
    await t.request('agent', 'PATCH', `/api/v1/contracts/${k.body.id}`, { priceMinor: 2690 });
    await t.request('agent', 'POST', `/api/v1/contracts/${k.body.id}/cancel`, { reason: 'Preis' });
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/audit`);
    const contractEntries = audit.body.items.filter(
      (e: { entityType: string }) => e.entityType === 'contract',
    );
    expect(contractEntries.map((e: { action: string }) => e.action).sort()).toEqual([
      'cancel',
      'create',
      'update',
    ]);
    const update = contractEntries.find((e: { action: string }) => e.action === 'update');
    expect(update.changes.price_minor).toEqual({ before: 2490, after: 2690 });
  });

  it('lists active contracts with the current new-customer price normalised to the contract period', async () => {
    const c = await customer();
    const m = await contract({
      customerId: c.id,
      productId: yearly.id,
      priceMinor: 1200,
      billingPeriod: 'month',
    });
    const y = await contract({
      customerId: c.id,
      productId: monthly.id,
      priceMinor: 30000,
      billingPeriod: 'year',
    });
    const gone = await contract({ customerId: c.id, productId: monthly.id });
    await t.request('agent', 'POST', `/api/v1/contracts/${gone.body.id}/cancel`, { reason: 'weg' });
    const rows = await listActiveContractsWithNewCustomerPrice(t.ctx);
    const byId = new Map(rows.map((r) => [r.contractId, r]));
    expect(byId.get(m.body.id)).toMatchObject({
      priceMinor: 1200,
      billingPeriod: 'month',
      newCustomerPriceMinor: 1000,
      newCustomerBillingPeriod: 'year',
    });
    expect(byId.get(y.body.id)).toMatchObject({
      priceMinor: 30000,
      billingPeriod: 'year',
      newCustomerPriceMinor: 1990 * 12,
    });
    expect(byId.has(gone.body.id)).toBe(false);
  });

  it('imports contracts from CSV idempotently by external_id, reporting bad rows', async () => {
    await t.request('agent', 'POST', '/api/v1/customers', { name: 'Import Vertrag', externalRef: 'KV-1' });
    const file = [
      'external_id,customer_ref,product_code,price_minor,currency,period,started_at,renews_at,cancelled_at',
      'VI-1,KV-1,TARIF-M,2490,EUR,month,2022-01-01,2027-01-01,',
      'VI-2,KV-1,TARIF-Y,11000,EUR,year,2022-01-01,2027-01-01,2026-02-01',
      'VI-3,KV-1,TARIF-X,100,EUR,month,2022-01-01,,',
    ].join('\n');
    const upload = (query: string) =>
      t.request('manager', 'POST', `/api/v1/imports/contracts${query}`, file, { 'content-type': 'text/csv' });
    const strict = await upload('');
    expect(strict.status).toBe(422);
    expect(strict.body.report.rejectedRows).toEqual([
      { line: 4, field: 'product_code', reason: expect.any(String) },
    ]);
    const first = await upload('?skipInvalid=true');
    expect(first.body).toMatchObject({ created: 2, rejected: 1 });
    const second = await upload('?skipInvalid=true');
    expect(second.body).toMatchObject({ created: 0, alreadyPresent: 2 });
    const customerId = (await t.request('agent', 'GET', '/api/v1/customers?q=KV-1')).body.items[0].id;
    const list = (await t.request('agent', 'GET', `/api/v1/customers/${customerId}/contracts`)).body.items;
    expect(
      list
        .map((x: { externalId: string; status: string; endsAt: string | null }) => [
          x.externalId,
          x.status,
          x.endsAt,
        ])
        .sort(),
    ).toEqual([
      ['VI-1', 'active', null],
      ['VI-2', 'cancelled', '2027-01-01T00:00:00.000Z'],
    ]);
  });

  it('includes purchases and contracts in the GDPR export and erases the cancellation reason', async () => {
    const c = await customer({ email: 'vertrag@example.de' });
    await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: 'GP-1',
      customerId: c.id,
      purchasedAt: '2026-01-01T00:00:00Z',
      amountMinor: 500,
      currency: 'EUR',
      kind: 'sale',
    });
    const k = await contract({ customerId: c.id, productId: monthly.id });
    await t.request('agent', 'POST', `/api/v1/contracts/${k.body.id}/cancel`, {
      reason: 'Herr Müller zieht nach Hamburg',
    });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.purchases).toEqual([
      expect.objectContaining({ externalId: 'GP-1', amountMinor: 500 }),
    ]);
    expect(exp.body.data.contracts).toEqual([
      expect.objectContaining({ id: k.body.id, cancelReason: 'Herr Müller zieht nach Hamburg' }),
    ]);
    await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`);
    const after = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(JSON.stringify(after.body)).not.toContain('Hamburg');
    expect(after.body.data.contracts[0]).toMatchObject({
      priceMinor: 2490,
      cancelledAt: '2026-03-02T09:00:00.000Z',
    });
  });
});
