// Goodwill on a case through the API: the agent limit, manager approval, the monthly budget and
// the company currency.
import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY, useCaseApp } from '../../test/helpers/case-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';

describe('complaint cases: goodwill', () => {
  const kit = useCaseApp();
  const { customer, openCase } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  it('grants goodwill within the agent limit and reports the remaining monthly budget', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Der Techniker kam nicht.' }] });
    const gw = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'voucher',
      amountMinor: 2500,
      currency: 'EUR',
      description: 'Gutschein für die nächste Wartung',
    });
    expect(gw.status).toBe(201);
    expect(gw.body.status).toBe('granted');
    const budget = await t.request('agent', 'GET', '/api/v1/cases/goodwill-budget');
    expect(budget.body).toMatchObject({
      perMonthMinor: 50_000,
      usedThisMonthMinor: 2500,
      remainingMinor: 47_500,
    });
  });

  it('holds goodwill above the limit for a manager, who alone may approve it', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Der Motor ist zweimal ausgefallen.' }] });
    const big = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'credit',
      amountMinor: 15_000,
      currency: 'EUR',
      description: 'Gutschrift',
    });
    expect(big.status).toBe(201);
    expect(big.body.status).toBe('pending_approval');
    const tasks = await t.request(
      'manager',
      'GET',
      `/api/v1/tasks?caseId=${k.id}&source=case_goodwill_approval`,
    );
    expect(tasks.body.items).toEqual([
      expect.objectContaining({ assigneeId: t.staff.manager.id, status: 'open' }),
    ]);
    expect(
      (await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill/${big.body.id}/approve`, {})).status,
    ).toBe(403);
    const ok = await t.request('manager', 'POST', `/api/v1/cases/${k.id}/goodwill/${big.body.id}/approve`, {
      note: 'Treuer Kunde',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('granted');
    const after = await t.request(
      'manager',
      'GET',
      `/api/v1/tasks?caseId=${k.id}&source=case_goodwill_approval`,
    );
    expect(after.body.items[0].status).toBe('done');
  });

  it('refuses to grant goodwill above the limit outright with GOODWILL_LIMIT_EXCEEDED', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Falsche Teile geliefert.' }] });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'refund',
      amountMinor: 20_000,
      currency: 'EUR',
      description: 'Erstattung',
      status: 'granted',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('GOODWILL_LIMIT_EXCEEDED');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body.goodwill).toEqual([]);
  });

  it('refuses goodwill in another currency than the company currency', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Falsche Farbe.' }] });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'gift',
      amountMinor: 100,
      currency: 'USD',
      description: 'x',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('currency');
  });
});
