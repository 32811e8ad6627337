import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { listAuditForEntity } from '../platform/audit/audit.service.js';

describe('root-cause register', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const caseWithCause = async (receivedAt: string, rootCauseCode: string | null) => {
    const c = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Pareto Kunde' });
    const res = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.body.id,
      receivedAt,
      points: [{ text: 'Ärger' }],
    });
    expect(res.status).toBe(201);
    if (rootCauseCode) {
      const upd = await t.request('agent', 'PATCH', `/api/v1/cases/${res.body.id}`, { rootCauseCode });
      expect(upd.status).toBe(200);
    }
    return res.body;
  };

  it('lists the seeded default categories with German and English names', async () => {
    const res = await t.request('agent', 'GET', '/api/v1/root-causes');
    expect(res.status).toBe(200);
    const codes = res.body.items.map((c: { code: string }) => c.code);
    for (const code of [
      'process',
      'communication',
      'product_defect',
      'delivery_delay',
      'billing_error',
      'staff_behaviour',
      'cleanliness',
      'promise_not_kept',
      'other',
    ]) {
      expect(codes).toContain(code);
    }
    expect(res.body.items.find((c: { code: string }) => c.code === 'billing_error').name).toEqual({
      de: 'Rechnungsfehler',
      en: 'Billing error',
    });
  });

  it('refuses agents and managers who try to edit categories', async () => {
    expect(
      (await t.request('agent', 'PATCH', '/api/v1/root-causes/other', { name: { de: 'X', en: 'X' } })).status,
    ).toBe(403);
    expect((await t.request('manager', 'PATCH', '/api/v1/root-causes/other', { active: false })).status).toBe(
      403,
    );
    expect(
      (
        await t.request('agent', 'POST', '/api/v1/root-causes', {
          code: 'ev_charging',
          name: { de: 'Laden', en: 'Charging' },
        })
      ).status,
    ).toBe(403);
    const got = await t.request('agent', 'GET', '/api/v1/root-causes');
    expect(got.body.items.find((c: { code: string }) => c.code === 'other').name.de).toBe('Sonstiges');
  });

  it('lets an admin add, rename and deactivate a category', async () => {
    const created = await t.request('admin', 'POST', '/api/v1/root-causes', {
      code: 'ev_charging',
      name: { de: 'Ladeinfrastruktur', en: 'EV charging' },
    });
    expect(created.status).toBe(201);
    const dup = await t.request('admin', 'POST', '/api/v1/root-causes', {
      code: 'ev_charging',
      name: { de: 'X', en: 'X' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe('code');
    const renamed = await t.request('admin', 'PATCH', '/api/v1/root-causes/ev_charging', {
      name: { de: 'Laden', en: 'Charging' },
      active: false,
    });
    expect(renamed.body).toMatchObject({
      code: 'ev_charging',
      name: { de: 'Laden', en: 'Charging' },
      active: false,
    });
    const active = await t.request('agent', 'GET', '/api/v1/root-causes');
    expect(active.body.items.map((c: { code: string }) => c.code)).not.toContain('ev_charging');
    const all = await t.request('agent', 'GET', '/api/v1/root-causes?includeInactive=true');
    expect(all.body.items.map((c: { code: string }) => c.code)).toContain('ev_charging');
    const audit = await listAuditForEntity(t.ctx, 'root_cause_category', 'ev_charging');
    expect(audit.map((a) => a.action)).toEqual(['update', 'create']);
    expect(audit[0].changes.active).toEqual({ before: 1, after: 0 });
  });

  it('refuses a category code with capitals, naming the code', async () => {
    const res = await t.request('admin', 'POST', '/api/v1/root-causes', {
      code: 'Bad Code',
      name: { de: 'X', en: 'X' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('code');
  });

  it('counts cases by cause with shares and cumulative shares, most frequent first, and flags recurring and rising causes', async () => {
    expect(
      (await t.request('admin', 'PUT', '/api/v1/settings/root-cause-recurrence', { periods: 2, minCases: 2 }))
        .status,
    ).toBe(200);
    // Previous period [2026-02-01, 2026-02-15): billing 2, cleanliness 1.
    for (const code of ['billing_error', 'billing_error', 'cleanliness'])
      await caseWithCause('2026-02-05T10:00:00Z', code);
    // Current period [2026-02-15, 2026-03-01): billing 3, communication 2, cleanliness 1, one without cause.
    for (const code of [
      'billing_error',
      'communication',
      'billing_error',
      'cleanliness',
      'communication',
      'billing_error',
      null,
    ]) {
      await caseWithCause('2026-02-20T10:00:00Z', code);
    }
    // Outside both periods.
    await caseWithCause('2026-03-01T00:00:00Z', 'cleanliness');
    const res = await t.request(
      'agent',
      'GET',
      '/api/v1/root-causes/pareto?from=2026-02-15T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(6);
    expect(res.body.unassigned).toBe(1);
    const rows = res.body.items.map((i: Record<string, unknown>) => [
      i.code,
      i.count,
      i.share,
      i.cumulativeShare,
      i.previousCount,
      i.recurring,
      i.rising,
    ]);
    expect(rows).toEqual([
      ['billing_error', 3, 0.5, 0.5, 2, true, true],
      ['communication', 2, 0.3333, 0.8333, 0, false, true],
      ['cleanliness', 1, 0.1667, 1, 1, false, false],
    ]);
    expect(res.body.items[0].name.de).toBe('Rechnungsfehler');
  });

  it('refuses a Pareto period that ends before it starts, naming to', async () => {
    const res = await t.request(
      'agent',
      'GET',
      '/api/v1/root-causes/pareto?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z',
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('to');
  });

  it('lets managers plan and complete improvement actions per category, audited, and keeps agents out', async () => {
    const created = await t.request('manager', 'POST', '/api/v1/root-causes/billing_error/actions', {
      ownerId: t.staff.manager.id,
      description: 'Rechnungsvorlage mit Festpreis-Angebot abgleichen',
      dueAt: '2026-03-31T15:00:00Z',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      categoryCode: 'billing_error',
      status: 'open',
      dueAt: '2026-03-31T15:00:00.000Z',
    });
    expect((await t.request('agent', 'GET', '/api/v1/root-causes/billing_error/actions')).status).toBe(403);
    expect(
      (
        await t.request('agent', 'POST', '/api/v1/root-causes/billing_error/actions', {
          ownerId: t.staff.agent.id,
          description: 'x',
        })
      ).status,
    ).toBe(403);
    const pareto = await t.request(
      'agent',
      'GET',
      '/api/v1/root-causes/pareto?from=2026-02-15T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    expect(pareto.body.items[0].openActions).toBe(1);
    t.clock.advance(86_400_000);
    const done = await t.request(
      'manager',
      'PATCH',
      `/api/v1/root-causes/billing_error/actions/${created.body.id}`,
      { status: 'done' },
    );
    expect(done.body.status).toBe('done');
    expect(done.body.completedAt).toBe(t.clock.now().toISOString());
    const list = await t.request('manager', 'GET', '/api/v1/root-causes/billing_error/actions');
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
    const audit = await listAuditForEntity(t.ctx, 'root_cause_action', created.body.id);
    expect(audit[0].changes.status).toEqual({ before: 'open', after: 'done' });
    expect(audit[0].actor.name).toBe('Max Manager');
  });

  it('refuses an improvement action whose owner is not a user, naming ownerId', async () => {
    const res = await t.request('manager', 'POST', '/api/v1/root-causes/process/actions', {
      ownerId: 'usr_nobody',
      description: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('ownerId');
    expect((await t.request('manager', 'GET', '/api/v1/root-causes/process/actions')).body.items).toEqual([]);
  });

  it('refuses a root cause on a case that is not a category', async () => {
    const c = await caseWithCause('2026-03-02T08:00:00Z', null);
    const res = await t.request('agent', 'PATCH', `/api/v1/cases/${c.id}`, { rootCauseCode: 'aliens' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('rootCauseCode');
  });
});
