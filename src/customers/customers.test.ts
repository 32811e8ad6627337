import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { applyRevenue } from './customer-tiers.service.js';

describe('customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.request('agent', 'POST', '/api/v1/customers', body);

  it('creates a customer and reads it back with tenure and derived tier', async () => {
    const res = await create({
      name: 'Erika Mustermann',
      email: 'Erika@Example.de',
      customerSince: '2019-05-01T00:00:00Z',
      locale: 'de',
      tags: ['vip'],
    });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe('erika@example.de');
    expect(res.body.tenureYears).toBeCloseTo(6.84, 1);
    expect(res.body.tier).toBe('bronze');
    const got = await t.request('agent', 'GET', `/api/v1/customers/${res.body.id}`);
    expect(got.body.name).toBe('Erika Mustermann');
  });

  it('names the field and creates nothing when the e-mail is invalid', async () => {
    const res = await create({ name: 'Broken', email: 'nope' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'email' }));
    const list = await t.request('agent', 'GET', '/api/v1/customers?q=Broken');
    expect(list.body.items).toHaveLength(0);
  });

  it('refuses a second customer with the same external reference', async () => {
    await create({ name: 'A', externalRef: 'ERP-1' });
    const res = await create({ name: 'B', externalRef: 'ERP-1' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE');
    expect(res.body.errors[0].path).toBe('externalRef');
  });

  it('refuses an owner that is not a user', async () => {
    const res = await create({ name: 'Owned', ownerId: 'usr_missing' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('ownerId');
  });

  it('searches by name, e-mail and number', async () => {
    const c = await create({ name: 'Johann Sebastian Kunde', email: 'jsk@bach.example' });
    for (const q of ['sebastian', 'JSK@BACH', c.body.number]) {
      const res = await t.request('agent', 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(res.body.items.map((x: { id: string }) => x.id)).toContain(c.body.id);
    }
  });

  it('pages through the list with a cursor without repeating or skipping', async () => {
    for (let i = 0; i < 7; i++) await create({ name: `Paging ${i}`, tags: ['paging'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/v1/customers?tag=paging&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.request('agent', 'GET', url);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('rejects a limit above 500 naming the limit parameter', async () => {
    const res = await t.request('agent', 'GET', '/api/v1/customers?limit=501');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('limit');
  });

  it('updates fields and records before and after in the audit log', async () => {
    const c = await create({ name: 'Audit Me', phone: '0301234' });
    const res = await t.request('agent', 'PATCH', `/api/v1/customers/${c.body.id}`, {
      phone: '0309999',
      locale: 'en',
    });
    expect(res.status).toBe(200);
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${c.body.id}/audit`);
    const update = audit.body.items.find((e: { action: string }) => e.action === 'update');
    expect(update.actor.name).toBe('Anna Agent');
    expect(update.changes.phone).toEqual({ before: '0301234', after: '0309999' });
    expect(update.changes.locale).toEqual({ before: 'de', after: 'en' });
  });

  it('derives the tier from tenure and 12-month revenue when revenue arrives', async () => {
    const c = await create({ name: 'Growing', customerSince: '2021-01-01T00:00:00Z' });
    await applyRevenue(t.ctx, [{ customerId: c.body.id, revenue12mMinor: 600_000 }]);
    const got = await t.request('agent', 'GET', `/api/v1/customers/${c.body.id}`);
    expect(got.body.tier).toBe('gold');
    const young = await create({ name: 'New but rich', customerSince: '2026-01-01T00:00:00Z' });
    await applyRevenue(t.ctx, [{ customerId: young.body.id, revenue12mMinor: 9_000_000 }]);
    expect((await t.request('agent', 'GET', `/api/v1/customers/${young.body.id}`)).body.tier).toBe('bronze');
  });

  it('lets a manager pin a tier that revenue changes do not override, and forbids agents', async () => {
    const c = await create({ name: 'Pinned' });
    expect(
      (await t.request('agent', 'PUT', `/api/v1/customers/${c.body.id}/tier`, { tier: 'gold' })).status,
    ).toBe(403);
    const pinned = await t.request('manager', 'PUT', `/api/v1/customers/${c.body.id}/tier`, {
      tier: 'gold',
      reason: 'Fleet contract',
    });
    expect(pinned.body.tier).toBe('gold');
    expect(pinned.body.tierPinned).toBe(true);
    await applyRevenue(t.ctx, [{ customerId: c.body.id, revenue12mMinor: 0 }]);
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.body.id}`)).body.tier).toBe('gold');
    const released = await t.request('manager', 'PUT', `/api/v1/customers/${c.body.id}/tier`, { tier: null });
    expect(released.body.tier).toBe('bronze');
  });

  it('applies new tier thresholds set by an admin to existing customers', async () => {
    const c = await create({ name: 'Threshold', customerSince: '2025-06-01T00:00:00Z' });
    const rules = [
      { tier: 'gold', minTenureYears: 0.5, minRevenue12mMinor: 0 },
      { tier: 'bronze', minTenureYears: 0, minRevenue12mMinor: 0 },
    ];
    expect((await t.request('manager', 'PUT', '/api/v1/settings/tiers', { rules })).status).toBe(403);
    const res = await t.request('admin', 'PUT', '/api/v1/settings/tiers', { rules });
    expect(res.status).toBe(200);
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.body.id}`)).body.tier).toBe('gold');
    const bad = await t.request('admin', 'PUT', '/api/v1/settings/tiers', {
      rules: [{ tier: 'gold', minTenureYears: 1, minRevenue12mMinor: 5 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toContain('rules');
    await t.request('admin', 'PUT', '/api/v1/settings/tiers', {
      rules: [
        { tier: 'platinum', minTenureYears: 5, minRevenue12mMinor: 2_000_000 },
        { tier: 'gold', minTenureYears: 3, minRevenue12mMinor: 500_000 },
        { tier: 'silver', minTenureYears: 1, minRevenue12mMinor: 100_000 },
        { tier: 'bronze', minTenureYears: 0, minRevenue12mMinor: 0 },
      ],
    });
  });

  it('keeps consent as a history where the latest record decides', async () => {
    const c = await create({ name: 'Consenting', email: 'c@example.de' });
    const give = await t.request('agent', 'POST', `/api/v1/customers/${c.body.id}/consents`, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'opt_in',
      status: 'given',
      source: 'web form',
    });
    expect(give.status).toBe(201);
    t.clock.advance(60_000);
    await t.request('agent', 'POST', `/api/v1/customers/${c.body.id}/consents`, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'objection',
      status: 'withdrawn',
      source: 'phone call',
    });
    const list = await t.request('agent', 'GET', `/api/v1/customers/${c.body.id}/consents`);
    expect(list.body.items.map((x: { status: string }) => x.status)).toEqual(['withdrawn', 'given']);
  });

  it('exports everything about a customer and erases personal data for admins only', async () => {
    const c = await create({
      name: 'Forget Me',
      email: 'forget@example.de',
      phone: '0171',
      externalRef: 'ERP-FORGET',
    });
    await t.request('agent', 'POST', `/api/v1/customers/${c.body.id}/consents`, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'opt_in',
      status: 'given',
      source: 'form',
    });
    expect((await t.request('manager', 'GET', `/api/v1/customers/${c.body.id}/export`)).status).toBe(403);
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.body.id}/export`);
    expect(exp.status).toBe(200);
    expect(exp.body.data.customers.customer.email).toBe('forget@example.de');
    expect(exp.body.data.customers.consents).toHaveLength(1);
    expect(exp.body.data.communication.audit.length).toBeGreaterThan(0);
    expect((await t.request('agent', 'POST', `/api/v1/customers/${c.body.id}/erase`)).status).toBe(403);
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.body.id}/erase`)).status).toBe(204);
    const after = await t.request('admin', 'GET', `/api/v1/customers/${c.body.id}`);
    expect(after.body.status).toBe('erased');
    expect(after.body.email).toBeNull();
    expect(after.body.name).toBe('erased');
    const raw = JSON.stringify(
      (await t.request('admin', 'GET', `/api/v1/customers/${c.body.id}/export`)).body,
    );
    expect(raw).not.toContain('forget@example.de');
    expect(raw).not.toContain('Forget Me');
  });

  it('refuses to create a customer again with the external reference of an erased customer', async () => {
    const c = await create({ name: 'Gone For Good', externalRef: 'ERP-GONE' });
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.body.id}/erase`)).status).toBe(204);
    const again = await create({ name: 'Gone For Good', externalRef: 'ERP-GONE' });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('CUSTOMER_ERASED');
    expect(again.body.errors).toEqual([
      { path: 'externalRef', message: 'belongs to a customer erased on request' },
    ]);
    expect((await create({ name: 'Someone Else', externalRef: 'ERP-OTHER' })).status).toBe(201);
  });

  it("words Zod's validation messages in German when the request asks for German, English otherwise", async () => {
    const body = { name: 'Ok', locale: 'fr' };
    const de = await t.request('agent', 'POST', '/api/v1/customers', body, {
      'accept-language': 'de-DE,de;q=0.9,en;q=0.8',
    });
    const en = await t.request('agent', 'POST', '/api/v1/customers', body);
    expect(de.status).toBe(400);
    expect(en.status).toBe(400);
    expect(en.body.errors).toEqual([
      { path: 'locale', message: 'Invalid option: expected one of "de"|"en"' },
    ]);
    expect(de.body.errors).toEqual([
      { path: 'locale', message: 'Ungültige Option: erwartet eine von "de"|"en"' },
    ]);
  });

  it('answers 404 problem+json for an unknown customer', async () => {
    const res = await t.request('agent', 'GET', '/api/v1/customers/cus_nothing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('replays the first answer for a retried create with the same Idempotency-Key', async () => {
    const body = { name: 'Idempotent' };
    const a = await t.request('agent', 'POST', '/api/v1/customers', body, { 'idempotency-key': 'k-1' });
    const b = await t.request('agent', 'POST', '/api/v1/customers', body, { 'idempotency-key': 'k-1' });
    expect(b.body.id).toBe(a.body.id);
    const list = await t.request('agent', 'GET', '/api/v1/customers?q=Idempotent');
    expect(list.body.items).toHaveLength(1);
  });
});
