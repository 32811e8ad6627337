import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { AppError } from '../platform/errors.js';
import { countOverdueCommitments, listCaseTimings, listOverdueCommitments } from './case-exports.service.js';
import { makeResolvable } from '../../test/helpers/case-resolution.js';

// Exports for other domains' reports, and the least-loaded owner of a new case.
describe('case exports and owner assignment', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  const customer = async (extra: Record<string, unknown> = {}) => {
    n++;
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kunde ${n}`,
      email: `k${n}@example.de`,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const openCase = async (body: Record<string, unknown>) => {
    const res = await t.request('agent', 'POST', '/api/v1/cases', {
      points: [{ text: 'Der Termin wurde verschoben.' }],
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const answerAll = async (c: { id: string; points: Array<{ id: string }> }) => {
    for (const p of c.points) {
      const res = await t.request('agent', 'PATCH', `/api/v1/cases/${c.id}/points/${p.id}`, {
        answer: 'Erledigt.',
        outcome: 'resolved',
      });
      expect(res.status).toBe(200);
    }
    await makeResolvable(t, c.id);
  };

  it('lists the timings of the cases received in a period, acknowledged at the later of receipt and recording', async () => {
    const c = await customer();
    t.clock.set('2026-03-02T10:00:00.000Z');
    const late = await openCase({
      customerId: c.id,
      ownerId: t.staff.agent.id,
      receivedAt: '2026-03-02T08:00:00.000Z',
    });
    const inside = await listCaseTimings(t.ctx, {
      from: '2026-03-02T07:00:00.000Z',
      to: '2026-03-02T09:00:00.000Z',
    });
    expect(inside).toEqual([
      {
        caseId: late.id,
        customerId: c.id,
        receivedAt: '2026-03-02T08:00:00.000Z',
        acknowledgedAt: '2026-03-02T10:00:00.000Z',
        firstResponseAt: null,
        resolvedAt: null,
      },
    ]);
    expect(
      await listCaseTimings(t.ctx, { from: '2026-03-02T08:00:00.001Z', to: '2026-03-03T00:00:00.000Z' }),
    ).not.toContainEqual(expect.objectContaining({ caseId: late.id }));
  });

  it('lists the cases resolved in a period by their resolution time', async () => {
    const c = await customer();
    t.clock.set('2026-03-03T09:00:00.000Z');
    const k = await openCase({ customerId: c.id, ownerId: t.staff.agent.id });
    await answerAll(k);
    t.clock.set('2026-03-03T11:00:00.000Z');
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`)).status).toBe(200);
    const resolved = await listCaseTimings(t.ctx, {
      from: '2026-03-03T10:00:00.000Z',
      to: '2026-03-03T12:00:00.000Z',
      by: 'resolved',
    });
    expect(resolved.map((r) => [r.caseId, r.resolvedAt])).toEqual([[k.id, '2026-03-03T11:00:00.000Z']]);
    expect(
      await listCaseTimings(t.ctx, {
        from: '2026-03-03T10:00:00.000Z',
        to: '2026-03-03T12:00:00.000Z',
        by: 'received',
      }),
    ).toEqual([]);
  });

  it('refuses a period bound that is not a time, naming the field', async () => {
    const err = await listCaseTimings(t.ctx, { from: 'gestern', to: '2026-03-03T00:00:00.000Z' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err.errors?.[0]?.path ?? err.message).toContain('from');
  });

  it('counts and lists the commitments still open past their due time', async () => {
    t.clock.set('2026-03-04T09:00:00.000Z');
    const before = await countOverdueCommitments(t.ctx, '2026-03-10T00:00:00.000Z');
    const c = await customer();
    const k = await openCase({ customerId: c.id, ownerId: t.staff.agent.id });
    const add = (dueAt: string) =>
      t.request('agent', 'POST', `/api/v1/cases/${k.id}/commitments`, {
        kind: 'refund',
        description: 'Tankfüllung erstatten',
        dueAt,
      });
    const due = (await add('2026-03-05T09:00:00.000Z')).body;
    const later = (await add('2026-03-20T09:00:00.000Z')).body;
    const done = (await add('2026-03-05T10:00:00.000Z')).body;
    expect(
      (await t.request('agent', 'POST', `/api/v1/cases/${k.id}/commitments/${done.id}/fulfil`, {})).status,
    ).toBe(200);
    expect(await countOverdueCommitments(t.ctx, '2026-03-10T00:00:00.000Z')).toBe(before + 1);
    expect(await countOverdueCommitments(t.ctx, '2026-03-05T09:00:00.000Z')).toBe(0);
    const list = await listOverdueCommitments(t.ctx, '2026-03-10T00:00:00.000Z');
    expect(list.map((x) => x.id)).toContain(due.id);
    expect(list.map((x) => x.id)).not.toContain(later.id);
    expect(list.map((x) => x.id)).not.toContain(done.id);
  });

  it('gives a new case to the active agent with the fewest queued cases, and counts a closed or moved case no more', async () => {
    t.clock.set('2026-03-06T09:00:00.000Z');
    // Fresh agents with no cases: the first new case goes to the one with the smaller id.
    const mk = async (name: string) =>
      (
        await t.request('admin', 'POST', '/api/v1/users', {
          email: `${name.toLowerCase()}@example.test`,
          name,
          role: 'agent',
        })
      ).body;
    // Load the existing agents first so that only the two fresh ones are free.
    const a = await mk('Anna');
    const b = await mk('Bert');
    const busy = (await t.request('admin', 'GET', '/api/v1/users')).body.items.filter(
      (u: { role: string; active: boolean; id: string }) =>
        u.role === 'agent' && u.active && u.id !== a.id && u.id !== b.id,
    );
    for (const u of busy) {
      const c = await customer();
      for (let i = 0; i < 3; i++) await openCase({ customerId: c.id, ownerId: u.id });
    }
    const [first, second] = [a, b].sort((x, y) => (x.id < y.id ? -1 : 1));
    const c1 = await openCase({ customerId: (await customer()).id });
    expect(c1.ownerId).toBe(first.id);
    const c2 = await openCase({ customerId: (await customer()).id });
    expect(c2.ownerId).toBe(second.id);
    // first: 1, second: 1 → tie → first; then first has 2.
    const c3 = await openCase({ customerId: (await customer()).id });
    expect(c3.ownerId).toBe(first.id);
    // Moving c3 to second makes first the lighter one again.
    expect(
      (await t.request('manager', 'PATCH', `/api/v1/cases/${c3.id}`, { ownerId: second.id })).status,
    ).toBe(200);
    const c4 = await openCase({ customerId: (await customer()).id });
    expect(c4.ownerId).toBe(first.id);
    // Resolving and closing two of second's cases leaves second with 0 queued: second is next.
    for (const k of [c2, c3]) {
      const full = (await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body;
      await answerAll(full);
      expect((await t.request('manager', 'POST', `/api/v1/cases/${k.id}/resolve`)).status).toBe(200);
    }
    const c5 = await openCase({ customerId: (await customer()).id });
    expect(c5.ownerId).toBe(second.id);
    // A deactivated agent gets no new case, even right after being chosen.
    expect((await t.request('admin', 'PATCH', `/api/v1/users/${second.id}`, { active: false })).status).toBe(
      200,
    );
    const c6 = await openCase({ customerId: (await customer()).id });
    expect(c6.ownerId).toBe(first.id);
  });
});
