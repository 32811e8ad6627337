import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { subscribe } from '../platform/events.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import { NIGHTLY_REVENUE_JOB } from './purchases.jobs.js';
import { lastPurchaseAt, purchaseDaysByCustomer, revenueBetween } from './purchases.service.js';

describe('purchases', () => {
  let t: TestApp;
  const recorded: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    subscribe(t.registry, 'purchase.recorded', 'test.purchase-recorded', async (_ctx, payload) => {
      recorded.push(payload);
    });
  });
  afterAll(() => t.close());

  let n = 0;
  const customer = async (body: Record<string, unknown> = {}) => {
    const res = await t.request('agent', 'POST', '/api/v1/customers', { name: `Kunde ${++n}`, ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string };
  };
  const purchase = (body: Record<string, unknown>) =>
    t.request('agent', 'POST', '/api/v1/purchases', {
      purchasedAt: '2026-02-01T10:00:00Z',
      amountMinor: 1000,
      currency: 'EUR',
      kind: 'sale',
      ...body,
    });

  it('answers the existing purchase with 200 and creates nothing when the externalId repeats', async () => {
    const c = await customer();
    const first = await purchase({
      externalId: 'ERP-P-1',
      customerId: c.id,
      amountMinor: 4990,
      description: 'Winterreifen <b>montiert</b>',
    });
    expect(first.status).toBe(201);
    expect(first.body.description).toBe('Winterreifen <b>montiert</b>');
    const again = await purchase({ externalId: 'ERP-P-1', customerId: c.id, amountMinor: 4990 });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const list = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/purchases`);
    expect(list.body.items).toHaveLength(1);
  });

  it('rejects a currency other than the company currency with CURRENCY_MISMATCH naming currency', async () => {
    const c = await customer();
    const res = await purchase({ externalId: 'ERP-USD', customerId: c.id, currency: 'USD' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('CURRENCY_MISMATCH');
    expect(res.body.errors[0].path).toBe('currency');
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}/purchases`)).body.items).toHaveLength(
      0,
    );
  });

  it('rejects an unknown customer naming customerId', async () => {
    const res = await purchase({ externalId: 'ERP-NOBODY', customerId: 'cus_missing' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('customerId');
  });

  it('rejects amounts with a decimal point naming amountMinor', async () => {
    const c = await customer();
    const res = await purchase({ externalId: 'ERP-DEC', customerId: c.id, amountMinor: 12.5 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('amountMinor');
  });

  it('filters purchases by customer, time range and kind and pages with a cursor', async () => {
    const c = await customer();
    for (let i = 0; i < 5; i++) {
      await purchase({
        externalId: `ERP-F-${i}`,
        customerId: c.id,
        purchasedAt: `2026-01-0${i + 1}T08:00:00Z`,
        kind: i % 2 ? 'service' : 'sale',
      });
    }
    const base = `/api/v1/purchases?customerId=${c.id}`;
    const range = await t.request(
      'agent',
      'GET',
      `${base}&from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z`,
    );
    expect(range.body.items.map((p: { externalId: string }) => p.externalId)).toEqual(['ERP-F-2', 'ERP-F-1']);
    const services = await t.request('agent', 'GET', `${base}&kind=service`);
    expect(services.body.items).toHaveLength(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.request('agent', 'GET', `${base}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('updates 12-month revenue and re-derives the tier when a purchase arrives', async () => {
    const c = await customer({ customerSince: '2021-01-01T00:00:00Z' });
    await purchase({
      externalId: 'ERP-OLD',
      customerId: c.id,
      amountMinor: 900_000,
      purchasedAt: '2024-12-01T00:00:00Z',
    });
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.tier).toBe('bronze');
    await purchase({ externalId: 'ERP-BIG', customerId: c.id, amountMinor: 500_000 });
    const got = await t.request('agent', 'GET', `/api/v1/customers/${c.id}`);
    expect(got.body.revenue12mMinor).toBe(500_000);
    expect(got.body.tier).toBe('gold');
  });

  it("emits 'purchase.recorded' with customer, purchase, time, kind and product code", async () => {
    const c = await customer();
    const res = await purchase({
      externalId: 'ERP-EVT',
      customerId: c.id,
      kind: 'service',
      productCode: 'INSPEKTION',
    });
    await t.drainJobs();
    expect(recorded).toContainEqual(
      expect.objectContaining({
        customerId: c.id,
        purchaseId: res.body.id,
        at: '2026-02-01T10:00:00.000Z',
        kind: 'service',
        productCode: 'INSPEKTION',
      }),
    );
  });

  it('audits a recorded purchase in the customer trail', async () => {
    const c = await customer();
    await purchase({ externalId: 'ERP-AUD', customerId: c.id, amountMinor: 777 });
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/audit`);
    const entry = audit.body.items.find((e: { entityType: string }) => e.entityType === 'purchase');
    expect(entry.actor.name).toBe('Anna Agent');
    expect(entry.changes.amount_minor).toEqual({ before: null, after: 777 });
  });

  it('gives revenue between two times and the last purchase per customer', async () => {
    const a = await customer();
    const b = await customer();
    await purchase({
      externalId: 'ERP-R-1',
      customerId: a.id,
      amountMinor: 100,
      purchasedAt: '2025-06-01T00:00:00Z',
    });
    await purchase({
      externalId: 'ERP-R-2',
      customerId: a.id,
      amountMinor: 200,
      purchasedAt: '2025-07-01T00:00:00Z',
    });
    await purchase({
      externalId: 'ERP-R-3',
      customerId: b.id,
      amountMinor: 400,
      purchasedAt: '2025-08-01T00:00:00Z',
    });
    const revenue = await revenueBetween(t.ctx, [a.id, b.id], '2025-06-15T00:00:00Z', '2025-09-01T00:00:00Z');
    expect(Object.fromEntries(revenue)).toEqual({ [a.id]: 200, [b.id]: 400 });
    const last = await lastPurchaseAt(t.ctx, [a.id, b.id, 'cus_none']);
    expect(Object.fromEntries(last)).toEqual({
      [a.id]: '2025-07-01T00:00:00.000Z',
      [b.id]: '2025-08-01T00:00:00.000Z',
    });
  });

  it('streams distinct purchase days with their spend per customer, merging same-day purchases', async () => {
    const c = await customer();
    await purchase({
      externalId: 'ERP-D-1',
      customerId: c.id,
      amountMinor: 100,
      purchasedAt: '2025-05-01T08:00:00Z',
    });
    await purchase({
      externalId: 'ERP-D-2',
      customerId: c.id,
      amountMinor: 50,
      purchasedAt: '2025-05-01T17:00:00Z',
    });
    await purchase({
      externalId: 'ERP-D-3',
      customerId: c.id,
      amountMinor: 70,
      purchasedAt: '2025-09-03T08:00:00Z',
    });
    await purchase({
      externalId: 'ERP-D-4',
      customerId: c.id,
      amountMinor: 999,
      purchasedAt: '2026-01-03T08:00:00Z',
    });
    const all: string[] = [];
    let mine: unknown = null;
    for await (const row of purchaseDaysByCustomer(t.ctx, { until: '2026-01-01T00:00:00Z', pageSize: 2 })) {
      all.push(row.customerId);
      if (row.customerId === c.id) mine = row;
    }
    expect(mine).toEqual({
      customerId: c.id,
      days: [
        { day: '2025-05-01', spendMinor: 150, purchases: 2 },
        { day: '2025-09-03', spendMinor: 70, purchases: 1 },
      ],
      totalSpendMinor: 220,
    });
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
  });

  it('exports purchases for GDPR and erasure keeps amounts and dates but removes the description', async () => {
    const c = await customer({ email: 'gdpr-purchase@example.de' });
    await purchase({
      externalId: 'ERP-G-1',
      customerId: c.id,
      amountMinor: 1234,
      description: 'Lieferung an Frau Geheim',
    });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.purchases).toEqual([
      expect.objectContaining({
        externalId: 'ERP-G-1',
        amountMinor: 1234,
        description: 'Lieferung an Frau Geheim',
      }),
    ]);
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    const after = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/purchases`);
    expect(after.body.items[0]).toMatchObject({
      amountMinor: 1234,
      purchasedAt: '2026-02-01T10:00:00.000Z',
      description: null,
    });
  });

  it('the nightly job drops revenue that left the 12-month window and re-derives the tier', async () => {
    const c = await customer({ customerSince: '2020-01-01T00:00:00Z' });
    await purchase({
      externalId: 'ERP-N-1',
      customerId: c.id,
      amountMinor: 600_000,
      purchasedAt: '2025-06-01T00:00:00Z',
    });
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.tier).toBe('gold');
    const schedule = t.registry.schedules.find((s) => s.type === NIGHTLY_REVENUE_JOB);
    // 02:00 in Berlin, summer time (UTC+2): midnight UTC.
    expect(schedule?.next(new Date('2026-06-01T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-06-02T00:00:00.000Z',
    );
    const start = t.clock.now();
    t.clock.set('2026-06-02T00:00:00.000Z');
    try {
      await enqueueJob(t.ctx, { type: NIGHTLY_REVENUE_JOB, key: 'test-nightly-revenue' });
      await t.drainJobs();
      const got = await t.request('agent', 'GET', `/api/v1/customers/${c.id}`);
      expect(got.body.revenue12mMinor).toBe(0);
      expect(got.body.tier).toBe('bronze');
    } finally {
      t.clock.set(start);
    }
  });
});
