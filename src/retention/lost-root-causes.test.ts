// Lost customers' exit reasons feed the root-cause register: on confirmation, replaced by the
// customer's own exit-interview answer, mapped by the admin's setting, kept anonymously on erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { answerSurveyByMail } from '../../test/helpers/survey-answer.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const PERIOD = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';

describe('retention: lost-customer reasons in the root-cause register', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let seq = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z', smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function customer(): Promise<{ id: string; email: string }> {
    const email = `lost-rc-${++seq}@example.test`;
    const res = await t.request('agent', 'POST', '/api/v1/customers', { name: `Kunde ${seq}`, email });
    expect(res.status).toBe(201);
    const consent = await t.request('agent', 'POST', `/api/v1/customers/${res.body.id}/consents`, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'opt_in',
      status: 'given',
      source: 'order form',
    });
    expect(consent.status).toBe(201);
    return { id: res.body.id, email };
  }
  const confirm = (customerId: string, reasonCode?: string) =>
    t.request('manager', 'POST', '/api/v1/retention/lost-customers', {
      customerId,
      source: 'manual',
      ...(reasonCode ? { reasonCode } : {}),
    });
  const pareto = async () => (await t.request('manager', 'GET', `/api/v1/root-causes/pareto?${PERIOD}`)).body;
  const lostFor = (p: { items: Array<{ code: string; lostCustomers: number }> }, code: string) =>
    p.items.find((i) => i.code === code)?.lostCustomers ?? 0;

  it('counts a lost customer under the root cause its confirmation reason maps to', async () => {
    const before = await pareto();
    const c = await customer();
    expect((await confirm(c.id, 'quality')).status).toBe(201);
    const after = await pareto();
    expect(lostFor(after, 'workmanship')).toBe(lostFor(before, 'workmanship') + 1);
    expect(after.lostCustomers).toBe(before.lostCustomers + 1);
  });

  it('does not count a reason that maps to no cause, nor a loss without a reason', async () => {
    const before = await pareto();
    expect((await confirm((await customer()).id, 'moved')).status).toBe(201);
    expect((await confirm((await customer()).id)).status).toBe(201);
    expect((await pareto()).lostCustomers).toBe(before.lostCustomers);
  });

  it("replaces the confirmation's reason with the customer's own exit-interview answer", async () => {
    const c = await customer();
    expect((await confirm(c.id, 'quality')).status).toBe(201);
    const before = await pareto();
    await answerSurveyByMail(t, smtp, c.email, { reason: 'price' });
    const after = await pareto();
    expect(lostFor(after, 'workmanship')).toBe(lostFor(before, 'workmanship') - 1);
    expect(lostFor(after, 'pricing')).toBe(lostFor(before, 'pricing') + 1);
    expect(after.lostCustomers).toBe(before.lostCustomers);
    const pricing = after.items.find((i: { code: string }) => i.code === 'pricing');
    expect(pricing).toMatchObject({ count: 0, share: 0, name: { de: 'Preisgestaltung', en: 'Pricing' } });
  });

  it('follows the admin mapping of exit reasons to root causes and refuses an unknown category', async () => {
    const bad = await t.request('admin', 'PUT', '/api/v1/settings/retention', {
      lostReasonRootCauses: { competitor: 'no_such_category' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('lostReasonRootCauses.competitor');
    expect(
      (await t.request('manager', 'GET', '/api/v1/settings/retention')).body.lostReasonRootCauses,
    ).toEqual(expect.objectContaining({ competitor: null }));
    const ok = await t.request('admin', 'PUT', '/api/v1/settings/retention', {
      lostReasonRootCauses: { competitor: 'pricing' },
    });
    expect(ok.status).toBe(200);
    const before = await pareto();
    expect((await confirm((await customer()).id, 'competitor')).status).toBe(201);
    expect(lostFor(await pareto(), 'pricing')).toBe(lostFor(before, 'pricing') + 1);
  });

  it('keeps the count but forgets the customer when the customer is erased', async () => {
    const c = await customer();
    expect((await confirm(c.id, 'service')).status).toBe(201);
    const exported = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exported.body.data.caseConversation.rootCauseObservations).toMatchObject([
      { category_code: 'process', source: 'lost_customer', customer_id: c.id },
    ]);
    const before = await pareto();
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    expect(lostFor(await pareto(), 'process')).toBe(lostFor(before, 'process'));
    const after = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(after.body.data.caseConversation.rootCauseObservations).toEqual([]);
  });
});
