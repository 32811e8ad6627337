import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const DAY = 86_400_000;
let seq = 0;

async function customer(t: TestApp, body: Record<string, unknown> = {}) {
  const res = await t.request('agent', 'POST', '/api/v1/customers', { name: `Kunde ${++seq}`, ...body });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string };
}

async function purchase(t: TestApp, customerId: string, at: string, amountMinor: number, kind = 'sale') {
  const res = await t.request('agent', 'POST', '/api/v1/purchases', {
    externalId: `p-${++seq}`,
    customerId,
    purchasedAt: at,
    amountMinor,
    currency: 'EUR',
    kind,
  });
  expect(res.status).toBe(201);
}

describe('retention: lost customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('confirms a lost customer: status lost, value from 12-month revenue, service voucher, win-back task for the owner', async () => {
    const c = await customer(t, { ownerId: t.staff.agent.id, email: 'lost@example.de' });
    await purchase(t, c.id, '2024-01-10T10:00:00Z', 99_000, 'sale'); // older than 12 months
    await purchase(t, c.id, '2025-06-01T10:00:00Z', 30_000, 'service');
    await purchase(t, c.id, '2025-11-01T10:00:00Z', 20_000, 'service');
    const res = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
      reasonCode: 'price',
      reason: 'Zu teuer',
    });
    expect(res.status).toBe(201);
    expect(res.body.valueMinor).toBe(50_000);
    expect(res.body.valueBasis).toBe('revenue_12m');
    expect(res.body.offer).toMatchObject({ kind: 'service_voucher', amountMinor: 5_000 });
    expect(res.body.offer.text).toMatch(/^Service-Gutschein über 50,00\s€$/); // the manager reads German
    const listed = await t.request('manager', 'GET', '/api/v1/retention/lost-customers');
    expect(listed.body.items.find((l: { id: string }) => l.id === res.body.id).offer.text).toBe(
      res.body.offer.text,
    );
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.status).toBe('lost');
    const tasks = await t.request('agent', 'GET', `/api/v1/tasks?customerId=${c.id}`);
    const task = tasks.body.items.find((x: { source: string }) => x.source === 'win_back');
    expect(task.assigneeId).toBe(t.staff.agent.id);
    expect(task.id).toBe(res.body.winBackTaskId);
    expect(task.description).toContain('Service-Gutschein');
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/audit`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('confirm_lost');
  });

  it('emits customer.lost so the survey domain queues the exit interview', async () => {
    const c = await customer(t, { email: 'exit@example.de' });
    await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
    });
    await t.drainJobs();
    const inv = await t.request('manager', 'GET', `/api/v1/surveys/invitations?customerId=${c.id}`);
    expect(inv.body.items.map((i: { definitionCode: string }) => i.definitionCode)).toContain(
      'exit_interview',
    );
  });

  it('suggests the loyalty price to a contract customer', async () => {
    const c = await customer(t);
    const p = await t.request('admin', 'POST', '/api/v1/products', {
      code: 'LOY-OFFER',
      name: { de: 'Wartung', en: 'Maintenance' },
      kind: 'subscription',
      currency: 'EUR',
      newCustomerPriceMinor: 1_000,
      billingPeriod: 'month',
    });
    await t.request('agent', 'POST', '/api/v1/contracts', {
      customerId: c.id,
      productId: p.body.id,
      priceMinor: 1_200,
      currency: 'EUR',
      billingPeriod: 'month',
      startedAt: '2020-01-01T00:00:00Z',
    });
    const res = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'churn_model',
    });
    expect(res.body.offer.kind).toBe('loyalty_price');
  });

  it('forbids agents to confirm a lost customer and changes nothing', async () => {
    const c = await customer(t);
    const res = await t.request('agent', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
    });
    expect(res.status).toBe(403);
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.status).toBe('active');
  });

  it('names the field for a bad source or an unknown customer and changes nothing', async () => {
    const c = await customer(t);
    const bad = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'score',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('source');
    const unknown = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: 'cus_none',
      source: 'manual',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('customerId');
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.status).toBe('active');
  });

  it('refuses to confirm a customer who is already lost', async () => {
    const c = await customer(t);
    await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
    });
    const again = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
    });
    expect(again.status).toBe(409);
  });
});

describe('retention: cancellations propose, never a score alone', () => {
  let t: TestApp;
  let productId: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    const p = await t.request('admin', 'POST', '/api/v1/products', {
      code: 'SUB',
      name: { de: 'Abo', en: 'Subscription' },
      kind: 'subscription',
      currency: 'EUR',
      newCustomerPriceMinor: 1_000,
      billingPeriod: 'month',
    });
    productId = p.body.id;
  });
  afterAll(() => t.close());

  const contract = async (customerId: string) =>
    (
      await t.request('agent', 'POST', '/api/v1/contracts', {
        customerId,
        productId,
        priceMinor: 1_000,
        currency: 'EUR',
        billingPeriod: 'month',
        startedAt: '2022-01-01T00:00:00Z',
      })
    ).body.id as string;

  it('proposes a customer whose only contract was cancelled, and not one with another active contract', async () => {
    const only = await customer(t);
    const both = await customer(t);
    await t.request('agent', 'POST', `/api/v1/contracts/${await contract(only.id)}/cancel`, {
      reason: 'Umzug',
    });
    await contract(both.id);
    await t.request('agent', 'POST', `/api/v1/contracts/${await contract(both.id)}/cancel`, {
      reason: 'Zweitvertrag',
    });
    await t.drainJobs();
    const res = await t.request('manager', 'GET', '/api/v1/retention/lost-proposals');
    const ids = res.body.items.map((i: { customerId: string }) => i.customerId);
    expect(ids).toContain(only.id);
    expect(ids).not.toContain(both.id);
    expect(res.body.items.find((i: { customerId: string }) => i.customerId === only.id)).toMatchObject({
      source: 'cancellation',
      reason: 'Umzug',
    });
    expect((await t.request('agent', 'GET', `/api/v1/customers/${only.id}`)).body.status).toBe('active');
  });

  it('lets a manager dismiss a proposal with a reason: it leaves the list and the reason is audited', async () => {
    const c = await customer(t);
    await t.request('agent', 'POST', `/api/v1/contracts/${await contract(c.id)}/cancel`, {
      reason: 'Wechselt zum Leasing',
    });
    await t.drainJobs();
    const proposed = async () =>
      (await t.request('manager', 'GET', '/api/v1/retention/lost-proposals')).body.items.map(
        (i: { customerId: string }) => i.customerId,
      );
    expect(await proposed()).toContain(c.id);
    const dismiss = (role: 'agent' | 'manager', body: Record<string, unknown>) =>
      t.request(role, 'POST', '/api/v1/retention/lost-proposals/dismiss', body);
    expect((await dismiss('agent', { customerId: c.id, reason: 'bleibt' })).status).toBe(403);
    const noReason = await dismiss('manager', { customerId: c.id, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    expect(await proposed()).toContain(c.id);
    expect(
      (await dismiss('manager', { customerId: c.id, reason: 'Bleibt mit dem Leasingvertrag' })).status,
    ).toBe(204);
    expect(await proposed()).not.toContain(c.id);
    const again = await dismiss('manager', { customerId: c.id, reason: 'noch einmal' });
    expect(again.status).toBe(404);
    const audit = await t.request('manager', 'GET', `/api/v1/customers/${c.id}/audit`);
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'dismiss_lost');
    expect(entry.changes.reason).toEqual({ before: null, after: 'Bleibt mit dem Leasingvertrag' });
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.status).toBe('active');
  });

  it('confirms at once on cancellation when the setting says confirm', async () => {
    expect(
      (await t.request('admin', 'PUT', '/api/v1/settings/retention', { lostOnCancellation: 'confirm' }))
        .status,
    ).toBe(200);
    const c = await customer(t);
    await t.request('agent', 'POST', `/api/v1/contracts/${await contract(c.id)}/cancel`, {
      reason: 'Zu teuer',
    });
    await t.drainJobs();
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.status).toBe('lost');
    await t.request('admin', 'PUT', '/api/v1/settings/retention', { lostOnCancellation: 'propose' });
  });
});

describe('retention: win-back and reasons', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('marks a lost customer who buys again as won back and reports rate, median days and reasons', async () => {
    const a = await customer(t);
    const b = await customer(t);
    const c = await customer(t);
    const d = await customer(t);
    for (const [x, code] of [
      [a, 'price'],
      [b, 'price'],
      [c, 'service'],
      [d, undefined],
    ] as const) {
      const res = await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
        customerId: x.id,
        source: 'manual',
        ...(code ? { reasonCode: code } : {}),
      });
      expect(res.status).toBe(201);
    }
    t.clock.advance(10 * DAY); // 2026-03-12
    await purchase(t, a.id, '2026-03-12T09:00:00.000Z', 5_000);
    t.clock.advance(10 * DAY); // 2026-03-22
    await purchase(t, b.id, '2026-03-22T09:00:00.000Z', 7_000);
    await t.drainJobs();
    expect((await t.request('agent', 'GET', `/api/v1/customers/${a.id}`)).body.status).toBe('active');
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${a.id}/audit`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('won_back');
    const q = 'from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z';
    const wb = await t.request('manager', 'GET', `/api/v1/retention/win-back?${q}`);
    expect(wb.body).toMatchObject({ lost: 4, wonBack: 2, winBackRate: 0.5, medianDaysToWinBack: 15 });
    const reasons = await t.request('manager', 'GET', `/api/v1/retention/lost-reasons?${q}`);
    expect(reasons.body.total).toBe(4);
    expect(reasons.body.items.map((i: { code: string; count: number }) => [i.code, i.count])).toEqual([
      ['price', 2],
      ['service', 1],
      ['unknown', 1],
    ]);
  });

  it('creates a follow-up task for the owner when a lost customer has not bought after N days', async () => {
    const c = await customer(t, { ownerId: t.staff.manager.id });
    await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
    });
    t.clock.advance(31 * DAY);
    await t.drainJobs();
    const tasks = await t.request('manager', 'GET', `/api/v1/tasks?customerId=${c.id}`);
    const titles = tasks.body.items.map((x: { title: string }) => x.title);
    expect(titles.some((x: string) => x.startsWith('Nachfassen Rückgewinnung'))).toBe(true);
  });

  it('finds a win-back on demand', async () => {
    const c = await customer(t);
    await t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId: c.id,
      source: 'manual',
    });
    t.clock.advance(DAY);
    await purchase(t, c.id, t.clock.now().toISOString(), 1_000);
    const res = await t.request('manager', 'POST', '/api/v1/retention/win-back/check');
    expect(res.body.wonBack).toBe(1);
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.status).toBe('active');
  });
});
