// Goodwill on a case through the API: the agent limit, manager approval with four eyes (never the
// requester, the approver's own limit, up the hierarchy), a decline with its reason and notices,
// the monthly budget and the company currency.
import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY, useCaseApp } from '../../test/helpers/case-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';
import { createApiToken, createUser } from '../platform/auth/users.service.js';

describe('complaint cases: goodwill', () => {
  const kit = useCaseApp();
  const { customer, openCase, mailsTo } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  /** A staff user with their own API token; `as(user)` gives the headers to act as them. */
  const staffUser = async (input: {
    name: string;
    role: 'agent' | 'manager' | 'admin';
    managerId?: string;
    approvalLimitMinor?: number;
  }) => {
    const email = `${input.name.toLowerCase().replace(/\W+/g, '.')}@example.test`;
    const user = await createUser(t.ctx, { email, locale: 'de', ...input });
    const token = await createApiToken(t.ctx, user.id, 'test', 100 * 366);
    return { ...user, headers: { authorization: `Bearer ${token.token}` } };
  };
  const as = (u: { headers: Record<string, string> }, method: string, url: string, body?: unknown) =>
    t.request(null, method, url, body, u.headers);

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

  it('never lets the requester approve their own goodwill; the approval goes to someone else', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({
      customerId: c.id,
      points: [{ text: 'Getriebeschaden nach der Inspektion.' }],
    });
    // Above the manager's own limit (1,000.00 per case by default): it waits for approval.
    const big = await t.request('manager', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'refund',
      amountMinor: 150_000,
      currency: 'EUR',
      description: 'Erstattung der Reparatur',
    });
    expect(big.body.status).toBe('pending_approval');
    expect(big.body.approverId).toBe(t.staff.admin.id);
    const self = await t.request(
      'manager',
      'POST',
      `/api/v1/cases/${k.id}/goodwill/${big.body.id}/approve`,
      {},
    );
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('GOODWILL_SELF_APPROVAL');
    const still = await t.request('manager', 'GET', `/api/v1/cases/${k.id}`);
    expect(still.body.goodwill[0].status).toBe('pending_approval');
    const ok = await t.request('admin', 'POST', `/api/v1/cases/${k.id}/goodwill/${big.body.id}/approve`, {});
    expect(ok.body).toMatchObject({ status: 'granted', decidedBy: t.staff.admin.id, approverId: null });
  });

  it("applies the approver's own limit and passes a larger request up: their manager, then an admin", async () => {
    t.clock.set(MONDAY);
    const director = await staffUser({ name: 'Dora Direktorin', role: 'manager' });
    // The own approval limit is set on the user by an admin (audited like every user change).
    const limited = await t.request('admin', 'PATCH', `/api/v1/users/${director.id}`, {
      approvalLimitMinor: 500_000,
    });
    expect(limited.status).toBe(200);
    expect(limited.body.approvalLimitMinor).toBe(500_000);
    const lead = await staffUser({
      name: 'Tim Teamleiter',
      role: 'manager',
      managerId: director.id,
      approvalLimitMinor: 20_000,
    });
    const agent = await staffUser({ name: 'Alex Agent', role: 'agent', managerId: lead.id });
    const c = await customer({ ownerId: agent.id });
    const k = await openCase({ customerId: c.id, points: [{ text: 'Der Leihwagen fehlte.' }] });
    const url = `/api/v1/cases/${k.id}/goodwill`;
    const request = async (amountMinor: number) => {
      const res = await as(agent, 'POST', url, {
        kind: 'credit',
        amountMinor,
        currency: 'EUR',
        description: 'Gutschrift',
      });
      expect(res.body.status).toBe('pending_approval');
      expect(res.body.approverId).toBe(lead.id);
      return res.body;
    };
    // 300.00: above the lead's own 200.00, within the director's 5,000.00.
    const mid = await request(30_000);
    const endorsed = await as(lead, 'POST', `${url}/${mid.id}/approve`, { note: 'Befürwortet' });
    expect(endorsed.status).toBe(200);
    expect(endorsed.body).toMatchObject({ status: 'pending_approval', approverId: director.id });
    expect(endorsed.body.endorsements).toEqual([
      expect.objectContaining({ userId: lead.id, note: 'Befürwortet' }),
    ]);
    const tasks = await t.request(
      'manager',
      'GET',
      `/api/v1/tasks?caseId=${k.id}&source=case_goodwill_approval`,
    );
    expect(
      tasks.body.items.map((x: { assigneeId: string; status: string }) => [x.assigneeId, x.status]),
    ).toEqual(
      expect.arrayContaining([
        [lead.id, 'done'],
        [director.id, 'open'],
      ]),
    );
    expect((await as(lead, 'POST', `${url}/${mid.id}/approve`, {})).status).toBe(409);
    const granted = await as(director, 'POST', `${url}/${mid.id}/approve`, {});
    expect(granted.body).toMatchObject({ status: 'granted', decidedBy: director.id });
    // 6,000.00: above the director's own limit too, so it ends with an admin.
    const large = await request(600_000);
    await as(lead, 'POST', `${url}/${large.id}/approve`, {});
    const toAdmin = await as(director, 'POST', `${url}/${large.id}/approve`, {});
    expect(toAdmin.body).toMatchObject({ status: 'pending_approval', approverId: t.staff.admin.id });
    const done = await t.request('admin', 'POST', `${url}/${large.id}/approve`, {});
    expect(done.body.status).toBe('granted');
    expect(done.body.endorsements.map((e: { userId: string }) => e.userId)).toEqual([lead.id, director.id]);
  });

  it('declines only with a reason, and tells the requester and the case owner by task and mail', async () => {
    t.clock.set(MONDAY);
    const requester = await staffUser({ name: 'Rita Requester', role: 'agent' });
    const owner = await staffUser({ name: 'Otto Owner', role: 'agent' });
    const c = await customer({ ownerId: owner.id });
    const k = await openCase({ customerId: c.id, points: [{ text: 'Die Lackierung blättert ab.' }] });
    const gw = await as(requester, 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'voucher',
      amountMinor: 20_000,
      currency: 'EUR',
      description: 'Gutschein Aufbereitung',
    });
    expect(gw.body.status).toBe('pending_approval');
    const url = `/api/v1/cases/${k.id}/goodwill/${gw.body.id}/decline`;
    const bare = await t.request('manager', 'POST', url, {});
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0].path).toBe('reason');
    const declined = await t.request('manager', 'POST', url, {
      reason: 'Schaden ist über die Garantie gedeckt.',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      decisionNote: 'Schaden ist über die Garantie gedeckt.',
    });
    const notices = await t.request(
      'manager',
      'GET',
      `/api/v1/tasks?caseId=${k.id}&source=case_goodwill_declined`,
    );
    expect(notices.body.items.map((x: { assigneeId: string }) => x.assigneeId).sort()).toEqual(
      [requester.id, owner.id].sort(),
    );
    expect(notices.body.items[0]).toMatchObject({
      description: 'Schaden ist über die Garantie gedeckt.',
      status: 'open',
    });
    expect(notices.body.items[0].title).toMatch(
      new RegExp(`^Kulanz abgelehnt: 200,00\\s€ zu Vorgang ${k.reference}$`),
    );
    await t.drainJobs();
    for (const u of [requester, owner]) {
      const [mail] = mailsTo(u.email).filter((m) => m.subject?.startsWith('Kulanz abgelehnt'));
      expect(mail, `decline mail to ${u.email}`).toBeDefined();
      expect(mail.text).toContain('Schaden ist über die Garantie gedeckt.');
      expect(mail.text).toContain('Max Manager');
    }
  });
});
