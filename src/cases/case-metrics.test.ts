import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createTeam, createUser } from '../platform/auth/users.service.js';
import { escalateCase } from './case-escalation.js';
import { periodStart } from './case-metrics.service.js';
import { EXPLANATION } from '../../test/helpers/case-resolution.js';

// The default case calendar: Mon–Fri 08:00–17:00 Europe/Berlin (07:00–16:00 UTC in March).
// Every case has priority normal: first response within 540, resolution within 2700 business minutes.
//
// Mon 2026-03-02 09:00Z  cases 1, 2 (team A) and 3, 4 (team B) are recorded; case 2 arrived 08:00Z
//            10:00Z      case 1 first response (60)
//            11:00Z      case 2 first response (180 from 08:00Z)
//            12:00Z      case 1 resolved (180), billing_error, goodwill 50.00 EUR
// Tue 2026-03-03 12:00Z  case 3 first response: 420 + 300 = 720 > 540 → breached
//            13:00Z      case 3 resolved, communication, goodwill 20.00 EUR
//            14:00Z      case 3 reopened
//            15:00Z      case 3 resolved again: 420 + 480 = 900
// Wed 2026-03-04 09:00Z  case 4 never answered: its first response (due Tue 09:00Z) is breached
describe('case metrics', () => {
  let t: TestApp;
  const ids: string[] = [];
  let teamA: { id: string };
  let teamB: { id: string };
  let agentA: { id: string };
  let agentB: { id: string };

  const at = (iso: string) => t.clock.set(iso);
  const reply = (i: number) =>
    t.request('agent', 'POST', `/api/v1/cases/${ids[i]}/messages`, {
      direction: 'out',
      body: 'Wir kümmern uns.',
    });
  const resolve = async (i: number, rootCauseCode: string, goodwillMinor: number) => {
    const c = (await t.request('agent', 'GET', `/api/v1/cases/${ids[i]}`)).body;
    for (const p of c.points) {
      expect(
        (
          await t.request('agent', 'PATCH', `/api/v1/cases/${c.id}/points/${p.id}`, {
            answer: 'Erledigt.',
            outcome: 'resolved',
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (await t.request('agent', 'PATCH', `/api/v1/cases/${c.id}`, { ...EXPLANATION, rootCauseCode })).status,
    ).toBe(200);
    const gw = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/goodwill`, {
      kind: 'voucher',
      amountMinor: goodwillMinor,
      currency: 'EUR',
      description: 'Gutschein',
    });
    expect(gw.body.status).toBe('granted');
    const res = await t.request('agent', 'POST', `/api/v1/cases/${c.id}/resolve`);
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    teamA = await createTeam(t.ctx, 'Werkstatt');
    teamB = await createTeam(t.ctx, 'Verkauf');
    agentA = await createUser(t.ctx, {
      email: 'a@example.test',
      name: 'Alex A',
      role: 'agent',
      teamId: teamA.id,
    });
    agentB = await createUser(t.ctx, {
      email: 'b@example.test',
      name: 'Bea B',
      role: 'agent',
      teamId: teamB.id,
    });
    const owners = [agentA, agentA, agentB, agentB];
    for (let i = 0; i < 4; i++) {
      const cus = await t.request('agent', 'POST', '/api/v1/customers', {
        name: `Metrik ${i}`,
        email: `m${i}@example.de`,
      });
      const res = await t.request('agent', 'POST', '/api/v1/cases', {
        customerId: cus.body.id,
        ownerId: owners[i].id,
        points: [{ text: 'Der Termin hat sich verschoben.' }],
        ...(i === 1 ? { receivedAt: '2026-03-02T08:00:00Z' } : {}),
      });
      expect(res.status).toBe(201);
      expect(res.body.priority).toBe('normal');
      ids.push(res.body.id);
    }
    at('2026-03-02T10:00:00Z');
    await reply(0);
    at('2026-03-02T11:00:00Z');
    await reply(1);
    at('2026-03-02T12:00:00Z');
    await resolve(0, 'billing_error', 5000);
    at('2026-03-03T12:00:00Z');
    await reply(2);
    at('2026-03-03T13:00:00Z');
    await resolve(2, 'communication', 2000);
    at('2026-03-03T14:00:00Z');
    expect(
      (await t.request('agent', 'POST', `/api/v1/cases/${ids[2]}/reopen`, { reason: 'Kunde unzufrieden' }))
        .status,
    ).toBe(200);
    at('2026-03-03T15:00:00Z');
    expect((await t.request('agent', 'POST', `/api/v1/cases/${ids[2]}/resolve`)).status).toBe(200);
    await escalateCase(t.ctx, ids[3], ['manual']);
    at('2026-03-04T09:00:00Z');
  });
  afterAll(() => t.close());

  const metrics = async (query: string, as: 'agent' | 'manager' = 'agent') =>
    t.request(as, 'GET', `/api/v1/metrics/cases?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z${query}`);

  it('computes medians and 90th percentiles of acknowledgement, first response and resolution in business minutes', async () => {
    const res = await metrics('');
    expect(res.status).toBe(200);
    expect(res.body.timeBasis).toBe('business_minutes');
    const total = res.body.total;
    expect(total.cases).toBe(4);
    // ack [0, 0, 0, 60]; first response [60, 180, 720]; resolution [180, 900]
    expect(total.acknowledgement).toEqual({ count: 4, medianBusinessMinutes: 0, p90BusinessMinutes: 42 });
    expect(total.firstResponse).toEqual({ count: 3, medianBusinessMinutes: 180, p90BusinessMinutes: 612 });
    expect(total.resolution).toEqual({ count: 2, medianBusinessMinutes: 540, p90BusinessMinutes: 828 });
  });

  it('computes SLA compliance, reopen rate, escalations, goodwill and cases per root cause', async () => {
    const total = (await metrics('')).body.total;
    expect(total.slaFirstResponse).toEqual({ met: 2, breached: 2, compliance: 0.5 });
    expect(total.slaResolution).toEqual({ met: 2, breached: 0, compliance: 1 });
    expect(total.resolvedCases).toBe(2);
    expect(total.reopenedCases).toBe(1);
    expect(total.reopenRate).toBe(0.5);
    expect(total.escalations).toBe(1);
    expect(total.escalatedCases).toBe(1);
    expect(total.goodwillGranted).toEqual([{ currency: 'EUR', amountMinor: 7000 }]);
    expect(total.byRootCause).toEqual({ billing_error: 1, communication: 1 });
  });

  it('groups by team', async () => {
    const res = await metrics('&groupBy=team');
    const byLabel = Object.fromEntries(res.body.groups.map((g: { label: string }) => [g.label, g]));
    expect(Object.keys(byLabel).sort()).toEqual(['Verkauf', 'Werkstatt']);
    expect(byLabel.Werkstatt).toMatchObject({
      key: teamA.id,
      cases: 2,
      slaFirstResponse: { met: 2, breached: 0, compliance: 1 },
    });
    expect(byLabel.Werkstatt.firstResponse).toEqual({
      count: 2,
      medianBusinessMinutes: 120,
      p90BusinessMinutes: 168,
    });
    expect(byLabel.Verkauf).toMatchObject({
      key: teamB.id,
      cases: 2,
      reopenRate: 1,
      slaFirstResponse: { met: 0, breached: 2, compliance: 0 },
    });
  });

  it('groups by team instead of agent while per-person figures are off, and by agent once an admin turns them on', async () => {
    const hidden = await metrics('&groupBy=agent');
    expect(hidden.status).toBe(200);
    expect(hidden.body.perPersonHidden).toBe(true);
    expect(hidden.body.groupBy).toBe('team');
    expect(hidden.body.groups.map((g: { key: string }) => g.key).sort()).toEqual([teamA.id, teamB.id].sort());
    expect(
      (await t.request('manager', 'PUT', '/api/v1/settings/metrics', { perPersonVisible: true })).status,
    ).toBe(403);
    expect(
      (await t.request('admin', 'PUT', '/api/v1/settings/metrics', { perPersonVisible: true })).status,
    ).toBe(200);
    const shown = await metrics('&groupBy=agent');
    expect(shown.body.perPersonHidden).toBe(false);
    expect(shown.body.groups.map((g: { label: string; cases: number }) => [g.label, g.cases])).toEqual([
      [agentA.id < agentB.id ? 'Alex A' : 'Bea B', 2],
      [agentA.id < agentB.id ? 'Bea B' : 'Alex A', 2],
    ]);
    await t.request('admin', 'PUT', '/api/v1/settings/metrics', { perPersonVisible: false });
  });

  it('groups by ISO week and by month', async () => {
    const week = await metrics('&groupBy=period&period=week');
    expect(
      week.body.groups.map((g: { key: string; label: string; cases: number }) => [g.key, g.label, g.cases]),
    ).toEqual([['2026-03-02', '2026-W10', 4]]);
    const month = await metrics('&groupBy=period&period=month');
    expect(month.body.groups.map((g: { label: string }) => g.label)).toEqual(['2026-03']);
  });

  it('buckets by the local week and month of the company zone', () => {
    // 31 March 22:30Z is 1 April 00:30 in Berlin; Sunday 1 March 23:30Z is Monday 2 March 00:30.
    expect(periodStart('2026-03-31T22:30:00.000Z', 'month', 'Europe/Berlin')).toBe('2026-04-01');
    expect(periodStart('2026-03-31T22:30:00.000Z', 'month', 'UTC')).toBe('2026-03-01');
    expect(periodStart('2026-03-01T23:30:00.000Z', 'week', 'Europe/Berlin')).toBe('2026-03-02');
    expect(periodStart('2026-03-01T23:30:00.000Z', 'week', 'UTC')).toBe('2026-02-23');
  });

  it('leaves out cases received outside the period', async () => {
    const res = await t.request(
      'agent',
      'GET',
      '/api/v1/metrics/cases?from=2026-03-02T08:30:00Z&to=2026-03-02T10:00:00Z',
    );
    expect(res.body.total.cases).toBe(3);
  });

  it('refuses a period that ends before it starts, naming to', async () => {
    const res = await t.request(
      'agent',
      'GET',
      '/api/v1/metrics/cases?from=2026-03-08T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('to');
  });
});
