import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { subscribe } from '../platform/events.js';
import { countInteractionsByTouchpoint, seedTouchpoints } from './touchpoints.service.js';

const DEFAULT_CODES = [
  'sale',
  'delivery',
  'installation',
  'service_visit',
  'hotline',
  'parts_counter',
  'complaint',
  'billing',
  'website',
];

describe('touchpoints and interactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const customer = async (body: Record<string, unknown> = {}) =>
    (await t.request('agent', 'POST', '/api/v1/customers', { name: 'Interaktion Kunde', ...body })).body;
  const record = (body: Record<string, unknown>) => t.request('agent', 'POST', '/api/v1/interactions', body);

  it('seeds the default catalogue with German and English names', async () => {
    const res = await t.request('agent', 'GET', '/api/v1/touchpoints');
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { code: string }) => x.code)).toEqual(DEFAULT_CODES);
    const visit = res.body.items.find((x: { code: string }) => x.code === 'service_visit');
    expect(visit).toMatchObject({
      name: { de: 'Werkstattbesuch', en: 'Service visit' },
      phase: 'after_sales',
      active: true,
    });
  });

  it('seeding again adds nothing', async () => {
    expect(await seedTouchpoints(t.ctx)).toBe(0);
    const res = await t.request('agent', 'GET', '/api/v1/touchpoints');
    expect(res.body.items.filter((x: { code: string }) => DEFAULT_CODES.includes(x.code))).toHaveLength(
      DEFAULT_CODES.length,
    );
  });

  it("seeding again keeps an admin's changes to a default touchpoint", async () => {
    await t.request('admin', 'PATCH', '/api/v1/touchpoints/website', { name: { de: 'Online-Shop' } });
    await seedTouchpoints(t.ctx);
    const got = await t.request('agent', 'GET', '/api/v1/touchpoints/website');
    expect(got.body.name).toEqual({ de: 'Online-Shop', en: 'Website' });
  });

  it('lets an admin add a touchpoint and forbids agents and managers', async () => {
    const body = {
      code: 'trade_fair',
      name: { de: 'Messe', en: 'Trade fair' },
      phase: 'sale',
      sortOrder: 95,
    };
    expect((await t.request('agent', 'POST', '/api/v1/touchpoints', body)).status).toBe(403);
    expect((await t.request('manager', 'POST', '/api/v1/touchpoints', body)).status).toBe(403);
    const res = await t.request('admin', 'POST', '/api/v1/touchpoints', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'trade_fair', active: true, sortOrder: 95 });
    const dup = await t.request('admin', 'POST', '/api/v1/touchpoints', body);
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe('code');
  });

  it('names the code when it is not a slug', async () => {
    const res = await t.request('admin', 'POST', '/api/v1/touchpoints', {
      code: 'Not A Slug',
      name: { de: 'X', en: 'X' },
      phase: 'other',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('code');
  });

  it('forbids agents to change a touchpoint', async () => {
    expect((await t.request('agent', 'PATCH', '/api/v1/touchpoints/hotline', { active: false })).status).toBe(
      403,
    );
    expect((await t.request('agent', 'GET', '/api/v1/touchpoints/hotline')).body.active).toBe(true);
  });

  it('records an interaction, stored and listed for the customer, with the caller as staff user', async () => {
    const c = await customer();
    const res = await record({
      customerId: c.id,
      touchpoint: 'service_visit',
      channel: 'in_person',
      at: '2026-03-01T14:30:00+01:00',
      note: 'Inspektion, Kunde wartete 40 Minuten',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      touchpointCode: 'service_visit',
      phase: 'after_sales',
      at: '2026-03-01T13:30:00.000Z',
      staffUserId: t.staff.agent.id,
      channel: 'in_person',
    });
    const list = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/interactions`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].note).toBe('Inspektion, Kunde wartete 40 Minuten');
  });

  it('stores the note as given, markup included, as plain text', async () => {
    const c = await customer();
    const note = '<script>alert(1)</script> & "Zitat"';
    const res = await record({ customerId: c.id, touchpoint: 'hotline', channel: 'phone', note });
    expect(res.body.note).toBe(note);
  });

  // With no subscriber this enqueues nothing; other domains (surveys) may subscribe in the real app.
  it('stores the interaction and enqueues nothing but one event job per subscriber', async () => {
    const c = await customer();
    const jobIds = async () =>
      new Set((await t.ctx.db.selectFrom('jobs').select('id').execute()).map((j) => j.id));
    const before = await jobIds();
    const res = await record({ customerId: c.id, touchpoint: 'sale', channel: 'in_person' });
    expect(res.status).toBe(201);
    const added = await t.ctx.db.selectFrom('jobs').select(['id', 'type', 'payload']).execute();
    const fresh = added.filter((j) => !before.has(j.id));
    expect(
      fresh.every(
        (j) =>
          JSON.parse(j.payload).event === 'interaction.recorded' &&
          JSON.parse(j.payload).interactionId === res.body.id,
      ),
    ).toBe(true);
    expect(new Set(fresh.map((j) => j.type)).size).toBe(fresh.length);
    expect(
      (await t.request('agent', 'GET', `/api/v1/interactions?customerId=${c.id}`)).body.items,
    ).toHaveLength(1);
  });

  it('names the field and stores nothing when the channel is unknown', async () => {
    const c = await customer();
    const res = await record({ customerId: c.id, touchpoint: 'sale', channel: 'pigeon' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].path).toBe('channel');
    expect(
      (await t.request('agent', 'GET', `/api/v1/customers/${c.id}/interactions`)).body.items,
    ).toHaveLength(0);
  });

  it('names the touchpoint when it is unknown', async () => {
    const c = await customer();
    const res = await record({ customerId: c.id, touchpoint: 'teleport', channel: 'other' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('touchpoint');
  });

  it('names the customer when it is unknown', async () => {
    const res = await record({ customerId: 'cus_missing', touchpoint: 'sale', channel: 'other' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('customerId');
  });

  it('returns the first interaction when the same external id is recorded again', async () => {
    const c = await customer();
    const body = { customerId: c.id, touchpoint: 'delivery', channel: 'in_person', externalId: 'DMS-4711' };
    const a = await record(body);
    const b = await record(body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect(
      (await t.request('agent', 'GET', `/api/v1/customers/${c.id}/interactions`)).body.items,
    ).toHaveLength(1);
  });

  it('filters by touchpoint and time range and pages newest first', async () => {
    const c = await customer();
    for (let d = 1; d <= 5; d++)
      await record({
        customerId: c.id,
        touchpoint: 'billing',
        channel: 'email',
        at: `2026-01-0${d}T10:00:00Z`,
      });
    await record({ customerId: c.id, touchpoint: 'hotline', channel: 'phone', at: '2026-01-03T11:00:00Z' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/v1/interactions?customerId=${c.id}&touchpoint=billing&from=2026-01-02T00:00:00Z&to=2026-01-05T00:00:00Z&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.request('agent', 'GET', url);
      seen.push(...res.body.items.map((x: { at: string }) => x.at));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      '2026-01-04T10:00:00.000Z',
      '2026-01-03T10:00:00.000Z',
      '2026-01-02T10:00:00.000Z',
    ]);
  });

  it('counts interactions per touchpoint in a period, zero where none', async () => {
    const c = await customer();
    await record({
      customerId: c.id,
      touchpoint: 'installation',
      channel: 'in_person',
      at: '2025-06-10T08:00:00Z',
    });
    await record({
      customerId: c.id,
      touchpoint: 'installation',
      channel: 'in_person',
      at: '2025-06-11T08:00:00Z',
    });
    await record({
      customerId: c.id,
      touchpoint: 'installation',
      channel: 'in_person',
      at: '2025-07-01T00:00:00Z',
    });
    const counts = await countInteractionsByTouchpoint(t.ctx, '2025-06-01T00:00:00Z', '2025-07-01T00:00:00Z');
    expect(counts.find((x) => x.code === 'installation')?.count).toBe(2);
    expect(counts.find((x) => x.code === 'parts_counter')?.count).toBe(0);
  });

  it("audits an interaction in the customer's trail", async () => {
    const c = await customer();
    await record({ customerId: c.id, touchpoint: 'complaint', channel: 'email', note: 'Kratzer im Lack' });
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/audit`);
    const entry = audit.body.items.find((e: { entityType: string }) => e.entityType === 'interaction');
    expect(entry.changes.touchpoint.after).toBe('complaint');
  });

  it("exports a customer's interactions and erases their notes", async () => {
    const c = await customer();
    await record({
      customerId: c.id,
      touchpoint: 'parts_counter',
      channel: 'in_person',
      note: 'Privates Detail',
    });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.touchpoints.interactions[0]).toMatchObject({
      touchpointCode: 'parts_counter',
      note: 'Privates Detail',
    });
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    const after = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(after.body.data.touchpoints.interactions).toHaveLength(1);
    expect(JSON.stringify(after.body)).not.toContain('Privates Detail');
  });

  // Registers a subscriber for the rest of this file, so it runs last.
  it('hands the interaction event to a subscriber with touchpoint code and phase', async () => {
    const seen: unknown[] = [];
    subscribe(t.registry, 'interaction.recorded', 'test.interaction_seen', async (_ctx, payload) => {
      seen.push(payload);
    });
    const c = await customer();
    const res = await record({
      customerId: c.id,
      touchpoint: 'delivery',
      channel: 'in_person',
      at: '2026-03-02T08:00:00Z',
      staffUserId: t.staff.manager.id,
    });
    await t.drainJobs();
    expect(seen).toEqual([
      expect.objectContaining({
        customerId: c.id,
        interactionId: res.body.id,
        touchpointCode: 'delivery',
        phase: 'sale',
        at: '2026-03-02T08:00:00.000Z',
        staffUserId: t.staff.manager.id,
      }),
    ]);
  });
});
