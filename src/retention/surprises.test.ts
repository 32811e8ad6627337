import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

let seq = 0;
const customer = async (t: TestApp, body: Record<string, unknown> = {}) =>
  (await t.request('agent', 'POST', '/api/v1/customers', { name: `Wow ${++seq}`, ...body })).body
    .id as string;

describe('retention: positive surprises and the daily goal', () => {
  let t: TestApp;
  let teamA: string;
  let teamB: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    teamA = (await t.request('admin', 'POST', '/api/v1/teams', { name: 'Innendienst' })).body.id;
    teamB = (await t.request('admin', 'POST', '/api/v1/teams', { name: 'Werkstatt' })).body.id;
    for (const role of ['agent', 'manager'] as const)
      expect(
        (await t.request('admin', 'PATCH', `/api/v1/users/${t.staff[role].id}`, { teamId: teamA })).status,
      ).toBe(200);
    const c = await customer(t);
    for (const role of ['agent', 'agent', 'manager', 'admin'] as const) {
      const res = await t.request(role, 'POST', '/api/v1/retention/surprises', {
        customerId: c,
        what: 'Blumen zum Geburtstag',
        costMinor: 1_500,
        currency: 'EUR',
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it("counts today's surprises per team against the goal, team view only by default", async () => {
    const res = await t.request('agent', 'GET', '/api/v1/retention/surprises/progress');
    expect(res.status).toBe(200);
    expect(res.body.goal).toBe(3);
    const byTeam = Object.fromEntries(
      res.body.teams.map((x: { teamName: string; count: number; reached: boolean }) => [
        x.teamName,
        [x.count, x.reached],
      ]),
    );
    expect(byTeam).toEqual({ Innendienst: [3, true], Werkstatt: [0, false], '—': [1, false] });
    expect(res.body.perPersonHidden).toBe(true);
    expect(res.body.people).toBeNull();
  });

  it('shows one team when asked and another day on request', async () => {
    const one = await t.request('agent', 'GET', `/api/v1/retention/surprises/progress?teamId=${teamB}`);
    expect(one.body.teams).toEqual([
      { teamId: teamB, teamName: 'Werkstatt', count: 0, goal: 3, reached: false },
    ]);
    const other = await t.request(
      'agent',
      'GET',
      `/api/v1/retention/surprises/progress?teamId=${teamA}&date=2026-03-01`,
    );
    expect(other.body.teams[0].count).toBe(0);
  });

  it('shows figures per person only after an admin turns them on', async () => {
    expect(
      (await t.request('admin', 'PUT', '/api/v1/settings/metrics', { perPersonVisible: true })).status,
    ).toBe(200);
    const res = await t.request('manager', 'GET', '/api/v1/retention/surprises/progress');
    expect(res.body.perPersonHidden).toBe(false);
    expect(res.body.people.map((p: { name: string; count: number }) => [p.name, p.count])).toEqual([
      ['Anna Agent', 2],
      ['Ada Admin', 1],
      ['Max Manager', 1],
    ]);
    await t.request('admin', 'PUT', '/api/v1/settings/metrics', { perPersonVisible: false });
  });

  it('uses the daily goal from the settings', async () => {
    await t.request('admin', 'PUT', '/api/v1/settings/retention', { surpriseDailyGoal: 5 });
    const res = await t.request('agent', 'GET', `/api/v1/retention/surprises/progress?teamId=${teamA}`);
    expect(res.body.teams[0]).toMatchObject({ count: 3, goal: 5, reached: false });
    await t.request('admin', 'PUT', '/api/v1/settings/retention', { surpriseDailyGoal: 3 });
  });

  it('names the currency when a cost comes without one, and logs nothing', async () => {
    const c = await customer(t);
    const res = await t.request('agent', 'POST', '/api/v1/retention/surprises', {
      customerId: c,
      what: 'Kaffee',
      costMinor: 300,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('currency');
    const progress = await t.request('agent', 'GET', `/api/v1/retention/surprises/progress?teamId=${teamA}`);
    expect(progress.body.teams[0].count).toBe(3);
  });

  it('names the customer when it does not exist', async () => {
    const res = await t.request('agent', 'POST', '/api/v1/retention/surprises', {
      customerId: 'cus_none',
      what: 'Kaffee',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('customerId');
  });
});

describe('retention: effect of surprises', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const buy = async (customerId: string, at: string) =>
    expect(
      (
        await t.request('agent', 'POST', '/api/v1/purchases', {
          externalId: `e-${++seq}`,
          customerId,
          purchasedAt: at,
          amountMinor: 1_000,
          currency: 'EUR',
          kind: 'sale',
        })
      ).status,
    ).toBe(201);

  it('compares the repurchase rate of surprised customers with never-surprised customers of the same tier and tenure band', async () => {
    const since = { customerSince: '2024-01-01T00:00:00Z' }; // 1–3 years, bronze
    t.clock.set('2025-11-01T09:00:00.000Z');
    const s1 = await customer(t, since);
    const s2 = await customer(t, since);
    const c1 = await customer(t, since);
    const c2 = await customer(t, since);
    await customer(t, since); // c3: never buys
    await t.request('agent', 'POST', '/api/v1/retention/surprises', {
      customerId: s1,
      what: 'Kostenlose Wäsche',
    });
    t.clock.set('2025-11-05T09:00:00.000Z');
    await t.request('agent', 'POST', '/api/v1/retention/surprises', {
      customerId: s2,
      what: 'Handgeschriebene Karte',
    });
    t.clock.set('2026-03-02T09:00:00.000Z');
    await buy(s1, '2025-12-01T10:00:00Z'); // within 90 days of its surprise
    await buy(c1, '2025-11-20T10:00:00Z'); // within 90 days of the stratum's reference 2025-11-01
    await buy(c2, '2025-10-01T10:00:00Z'); // before the reference: no repurchase
    const res = await t.request('manager', 'GET', '/api/v1/retention/surprises/effect?days=90');
    expect(res.status).toBe(200);
    expect(res.body.surprised).toMatchObject({ customers: 2, repurchased: 1, repurchaseRate: 0.5 });
    expect(res.body.comparison).toMatchObject({
      customers: 3,
      repurchased: 1,
      repurchaseRate: 0.3333,
      standardisedRepurchaseRate: 0.3333,
    });
    expect(res.body.method).toContain('tenure band');
  });

  it('forbids agents to read the effect', async () => {
    expect((await t.request('agent', 'GET', '/api/v1/retention/surprises/effect')).status).toBe(403);
  });
});

describe('retention: recognition suggestions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('suggests a task for a 10-year anniversary today, once', async () => {
    const c = await customer(t, { customerSince: '2016-03-02T00:00:00Z', ownerId: t.staff.agent.id });
    await customer(t, { customerSince: '2017-03-02T00:00:00Z' }); // 9 years: no occasion
    const first = await t.request('admin', 'POST', '/api/v1/retention/recognition/run');
    expect(first.body.anniversaries).toBe(1);
    const second = await t.request('admin', 'POST', '/api/v1/retention/recognition/run');
    expect(second.body.anniversaries).toBe(0);
    const tasks = await t.request('agent', 'GET', `/api/v1/tasks?customerId=${c}`);
    expect(tasks.body.items).toHaveLength(1);
    expect(tasks.body.items[0]).toMatchObject({
      source: 'suggestion',
      title: expect.stringContaining('10 Jahre Kunde'),
      assigneeId: t.staff.agent.id,
    });
  });

  it('suggests a task when a customer moves up a tier since the last run', async () => {
    const c = await customer(t, { customerSince: '2021-01-01T00:00:00Z' });
    await t.request('admin', 'POST', '/api/v1/retention/recognition/run');
    await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `tier-${++seq}`,
      customerId: c,
      purchasedAt: '2026-02-01T10:00:00Z',
      amountMinor: 600_000,
      currency: 'EUR',
      kind: 'sale',
    });
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c}`)).body.tier).toBe('gold');
    const res = await t.request('admin', 'POST', '/api/v1/retention/recognition/run');
    expect(res.body.tierUpgrades).toBe(1);
    const tasks = await t.request('agent', 'GET', `/api/v1/tasks?customerId=${c}`);
    expect(tasks.body.items.map((x: { title: string }) => x.title)).toContain(
      `Aufstieg zu gold: Wow ${seq - 1}`,
    );
  });
});
