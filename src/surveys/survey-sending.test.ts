// Sending surveys: triggers, consent (§7 UWG), the frequency limit, reminders and the daily relationship NPS.
import { beforeAll, describe, expect, it } from 'vitest';
import { useSurveyApp } from '../../test/helpers/survey-kit.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { makeResolvable } from '../../test/helpers/case-resolution.js';

const DAY = 86_400_000;

describe('surveys: sending', () => {
  const kit = useSurveyApp();
  const { customer, request, mailsTo, mailTo, tokenOf, answer, invitations } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  it('sends the sale survey the configured days after a purchase, with answer and objection links', async () => {
    const c = await customer();
    const p = await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `ord-${c.id}`,
      customerId: c.id,
      purchasedAt: '2026-03-02T08:00:00.000Z',
      amountMinor: 12_900,
      currency: 'EUR',
      kind: 'sale',
    });
    expect(p.status).toBe(201);
    await t.drainJobs();
    expect(mailsTo(c.email)).toHaveLength(0);
    t.clock.advance(3 * DAY);
    await t.drainJobs();
    const m = await mailTo(c.email);
    expect(m.subject).toContain('Wie zufrieden sind Sie mit Ihrem Kauf');
    const token = tokenOf(m);
    for (let s = 1; s <= 5; s++) expect(m.text).toContain(`/s/${token}?score=${s}`);
    expect(m.text).toContain(`/s/${token}/objection`);
    const header = (key: string) =>
      (m.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toMatch(
      new RegExp(`^List-Unsubscribe: <http[^>]+/s/${token}/objection>$`),
    );
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const inv = await invitations(c.id);
    expect(inv).toEqual([
      expect.objectContaining({
        definitionCode: 'sale_csat',
        status: 'sent',
        consentBasis: 'opt_in',
        touchpointCode: 'sale',
      }),
    ]);
  });

  it('sends no mail without consent and records the skip with its reason', async () => {
    const none = await customer({ consent: null });
    const noMail = await customer({ email: null });
    const noPurchase = await customer({ consent: 'existing_customer' });
    for (const c of [none, noMail, noPurchase]) await request(c.id, 'sale_csat');
    expect((await invitations(none.id))[0]).toMatchObject({ status: 'skipped', skipReason: 'no_consent' });
    expect((await invitations(noMail.id))[0]).toMatchObject({ status: 'skipped', skipReason: 'no_email' });
    expect((await invitations(noPurchase.id))[0]).toMatchObject({
      status: 'skipped',
      skipReason: 'existing_customer_without_purchase',
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(mailsTo(none.email)).toHaveLength(0);
    expect(mailsTo(noPurchase.email)).toHaveLength(0);
  });

  it('surveys an existing customer with a purchase on the §7(3) UWG basis', async () => {
    const c = await customer({ consent: 'existing_customer' });
    await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `ord-x${c.id}`,
      customerId: c.id,
      purchasedAt: t.clock.now().toISOString(),
      amountMinor: 500,
      currency: 'EUR',
      kind: 'service',
    });
    await request(c.id, 'sale_csat');
    expect((await invitations(c.id))[0]).toMatchObject({ status: 'sent', consentBasis: 'existing_customer' });
  });

  it('surveys a customer at most once per period, but the recovery survey still goes out', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    t.clock.advance(30 * DAY);
    await request(c.id, 'relationship_nps');
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.id,
      points: [{ text: 'Rechnung falsch' }],
      ownerId: t.staff.agent.id,
    });
    expect(k.status).toBe(201);
    const pointId = (await t.request('agent', 'GET', `/api/v1/cases/${k.body.id}`)).body.points[0].id;
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.body.id}/points/${pointId}`, {
      answer: 'Korrigiert',
      outcome: 'resolved',
    });
    await makeResolvable(t, k.body.id);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/resolve`)).status).toBe(200);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/close`, {})).status).toBe(200);
    await t.drainJobs();
    t.clock.advance(2 * DAY);
    await t.drainJobs();
    const inv = await invitations(c.id);
    const byCode = Object.fromEntries(inv.map((i: { definitionCode: string }) => [i.definitionCode, i]));
    expect(byCode.relationship_nps).toMatchObject({ status: 'skipped', skipReason: 'too_often' });
    expect(byCode.recovery_csat).toMatchObject({
      status: 'sent',
      caseId: k.body.id,
      agentId: t.staff.agent.id,
    });
    t.clock.advance(91 * DAY);
    await request(c.id, 'relationship_nps', { triggerRef: 'later' });
    expect((await invitations(c.id))[0]).toMatchObject({
      definitionCode: 'relationship_nps',
      status: 'sent',
    });
  });

  it('the sale and the after-sales survey of one customer do not block each other under the frequency limit', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    t.clock.advance(10 * DAY);
    await request(c.id, 'after_sales_csat');
    t.clock.advance(10 * DAY);
    await request(c.id, 'after_sales_csat', { triggerRef: 'second-visit' });
    t.clock.advance(10 * DAY);
    await request(c.id, 'relationship_nps');
    const inv = await invitations(c.id);
    const of = (code: string) => inv.filter((i: { definitionCode: string }) => i.definitionCode === code);
    expect(of('sale_csat')).toMatchObject([{ status: 'sent' }]);
    // Each kind still waits for itself, and every other survey waits for both.
    expect(
      of('after_sales_csat')
        .map((i: { status: string }) => i.status)
        .sort(),
    ).toEqual(['sent', 'skipped']);
    expect(of('after_sales_csat').find((i: { status: string }) => i.status === 'skipped')).toMatchObject({
      skipReason: 'too_often',
    });
    expect(of('relationship_nps')).toMatchObject([{ status: 'skipped', skipReason: 'too_often' }]);
  });

  it('when an admin says so, the sale survey holds back the after-sales survey like any other', async () => {
    const settings = (await t.request('admin', 'GET', '/api/v1/settings/surveys')).body;
    expect(settings.saleAndAfterSalesShareLimit).toBe(false);
    const put = await t.request('admin', 'PUT', '/api/v1/settings/surveys', {
      ...settings,
      saleAndAfterSalesShareLimit: true,
    });
    expect(put.status).toBe(200);
    try {
      const c = await customer();
      await request(c.id, 'sale_csat');
      t.clock.advance(10 * DAY);
      await request(c.id, 'after_sales_csat');
      const inv = await invitations(c.id);
      const after = inv.find((i: { definitionCode: string }) => i.definitionCode === 'after_sales_csat');
      expect(after).toMatchObject({ status: 'skipped', skipReason: 'too_often' });
    } finally {
      await t.request('admin', 'PUT', '/api/v1/settings/surveys', settings);
    }
  });

  it('sends no recovery survey for a trivial case', async () => {
    const c = await customer();
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.id,
      points: [{ text: 'Frage' }],
    });
    const pointId = (await t.request('agent', 'GET', `/api/v1/cases/${k.body.id}`)).body.points[0].id;
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.body.id}/points/${pointId}`, {
      answer: 'Beantwortet',
      outcome: 'explained',
    });
    await makeResolvable(t, k.body.id);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/resolve`)).status).toBe(200);
    expect(
      (await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/close`, { trivial: true })).status,
    ).toBe(200);
    t.clock.advance(3 * DAY);
    await t.drainJobs();
    expect(await invitations(c.id)).toHaveLength(0);
  });

  it('reminds a non-responder once with a new link while the first keeps working', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    const first = tokenOf(await mailTo(c.email));
    t.clock.advance(4 * DAY);
    await t.drainJobs();
    const reminder = await mailTo(c.email, 1);
    expect(reminder.subject).toBe('Erinnerung: Ihre Meinung ist uns wichtig');
    expect(tokenOf(reminder)).not.toBe(first);
    t.clock.advance(10 * DAY);
    await t.drainJobs();
    expect(mailsTo(c.email)).toHaveLength(2);
    expect((await answer(first, { score: '3' })).status).toBe(200);
    expect((await t.request(null, 'GET', `/s/${tokenOf(reminder)}`)).status).toBe(410);
  });
});

describe('surveys: sending (own app)', () => {
  it('selects customers due for the relationship NPS in the daily schedule', async () => {
    const t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    const mk = async (consent: boolean) => {
      const c = await t.request('agent', 'POST', '/api/v1/customers', {
        name: 'Periodisch',
        email: `p${consent}@example.de`,
      });
      if (consent)
        await t.request('agent', 'POST', `/api/v1/customers/${c.body.id}/consents`, {
          channel: 'email',
          purpose: 'surveys',
          basis: 'opt_in',
          status: 'given',
          source: 'form',
        });
      return c.body as { id: string };
    };
    const invitations = async (customerId: string) =>
      (await t.request('agent', 'GET', `/api/v1/surveys/invitations?customerId=${customerId}`)).body.items;
    const due = await mk(true);
    const noConsent = await mk(false);
    try {
      await t.worker.ensureSchedules();
      t.clock.advance(DAY);
      await t.drainJobs();
      expect((await invitations(due.id))[0]).toMatchObject({
        definitionCode: 'relationship_nps',
        status: 'sent',
      });
      expect(await invitations(noConsent.id)).toHaveLength(0);
      t.clock.advance(DAY);
      await t.drainJobs();
      expect(await invitations(due.id)).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
