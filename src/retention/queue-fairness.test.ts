import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_FAIRNESS_CASES } from '../../test/helpers/queue-fairness-cases.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

describe('retention: queue fairness', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Monday 2 March 2026, 11:00 in Berlin: all times below lie in business hours (08:00–17:00).
    t = await startTestApp({ now: '2026-03-02T10:00:00.000Z' });
    const c = async (name: string, customerSince: string, status = 'active') =>
      (await t.request('agent', 'POST', '/api/v1/customers', { name, customerSince, status })).body
        .id as string;
    const cases: Array<{ id: string; reply: string }> = [];
    for (const [name, since, status, received, reply] of QUEUE_FAIRNESS_CASES) {
      const customerId = await c(name, since, status);
      const res = await t.request('agent', 'POST', '/api/v1/cases', {
        customerId,
        points: [{ text: 'Termin wurde nicht eingehalten' }],
        receivedAt: received,
      });
      expect(res.status).toBe(201);
      cases.push({ id: res.body.id, reply });
    }
    for (const k of [...cases].sort((a, b) => (a.reply < b.reply ? -1 : 1))) {
      t.clock.set(k.reply);
      const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/messages`, {
        direction: 'out',
        channel: 'phone',
        body: 'Wir kümmern uns.',
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const url = '/api/v1/retention/queue-fairness?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';

  it('reports waiting times to acknowledgement and first response by tenure band and for prospects', async () => {
    const res = await t.request('manager', 'GET', url);
    expect(res.status).toBe(200);
    const g = Object.fromEntries(res.body.groups.map((x: { key: string }) => [x.key, x]));
    expect(Object.keys(g)).toEqual(['lt1', 'y3to10', 'gt10', 'prospect']);
    expect(g.gt10.acknowledgement).toEqual({ count: 2, medianMinutes: 90, p90Minutes: 114 });
    expect(g.gt10.firstResponse).toEqual({ count: 2, medianMinutes: 210, p90Minutes: 234 });
    expect(g.lt1.acknowledgement.medianMinutes).toBe(30);
    expect(g.lt1.firstResponse.medianMinutes).toBe(90);
    expect(g.y3to10.firstResponse.medianMinutes).toBe(40);
    expect(g.prospect).toMatchObject({ kind: 'prospect', cases: 1 });
    expect(g.prospect.firstResponse.medianMinutes).toBe(50);
    expect(res.body.customers.acknowledgement).toEqual({ count: 4, medianMinutes: 45, p90Minutes: 102 });
  });

  it('flags where long-standing customers wait longer than new customers or prospects, with the figures', async () => {
    const res = await t.request('manager', 'GET', url);
    expect(
      res.body.flags.map(
        (f: { stage: string; band: string; comparedWith: string }) =>
          `${f.stage}:${f.band}>${f.comparedWith}`,
      ),
    ).toEqual([
      'acknowledgement:gt10>lt1',
      'acknowledgement:gt10>prospect',
      'firstResponse:gt10>lt1',
      'firstResponse:gt10>prospect',
    ]);
    const text = res.body.flags[3].text;
    expect(text).toContain('Kunden über 10 Jahre');
    expect(text).toContain('210');
    expect(text).toContain('50');
  });

  it('forbids agents to read the report', async () => {
    expect((await t.request('agent', 'GET', url)).status).toBe(403);
  });

  it('names the period end when it lies before the start', async () => {
    const res = await t.request(
      'manager',
      'GET',
      '/api/v1/retention/queue-fairness?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z',
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('to');
  });
});
