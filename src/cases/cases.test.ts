// Complaint intake through the API: the whole story of one case, the acknowledgement, SLA due
// times, validation, escalation at intake and the inbox order.
import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY, useCaseApp } from '../../test/helpers/case-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';
import { createUser } from '../platform/auth/users.service.js';

describe('complaint cases: intake and the inbox', () => {
  const kit = useCaseApp();
  const { customer, goldCustomer, openCase, mailsTo } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  it('the rental-car story: every point answered, the promised refund kept, gold first, anger escalated', async () => {
    t.clock.set(MONDAY);
    const newer = await customer({ customerSince: '2026-01-10T00:00:00Z' });
    const newerCase = await openCase({
      customerId: newer.id,
      channel: 'phone',
      points: [{ text: 'Der Mietwagen hatte einen Kratzer, der nicht im Protokoll stand.' }],
    });
    const gold = await goldCustomer({ name: 'Gerda Gold' });
    const story = await openCase({
      customerId: gold.id,
      channel: 'email',
      requestedRemedy: 'Erstattung der Tankdifferenz',
      points: [
        {
          text: 'Ich habe das Auto vollgetankt zurückgegeben. Die versprochene Erstattung der Tankdifferenz kam nie. Das ist eine Frechheit!!!',
        },
        { text: 'Das Auto war schmutzig und das Scheibenwischwasser leer.' },
      ],
    });
    expect(story.points).toHaveLength(2);
    expect(story.customerTier).toBe('gold');
    expect(story.reference).toMatch(/^R-2026-\d{6}$/);
    // An angry Gold customer is escalated to a manager with a call-back task.
    expect(story.escalationLevel).toBe(1);
    expect(story.escalations[0].reasons).toEqual(expect.arrayContaining(['anger', 'high_value']));
    expect(story.escalations[0].toUserId).toBe(t.staff.manager.id);
    const tasks = await t.request('manager', 'GET', `/api/v1/tasks?caseId=${story.id}&status=active`);
    expect(tasks.body.items).toContainEqual(
      expect.objectContaining({ source: 'case_callback', assigneeId: t.staff.manager.id }),
    );

    // The Gold customer's case sorts before the newer customer's equally severe case.
    const inbox = await t.request('agent', 'GET', '/api/v1/cases/inbox?limit=500');
    const ids = inbox.body.items.map((x: { id: string }) => x.id);
    expect(ids.indexOf(story.id)).toBeLessThan(ids.indexOf(newerCase.id));
    expect(story.severity).toBe(newerCase.severity);

    const refund = await t.request('agent', 'POST', `/api/v1/cases/${story.id}/commitments`, {
      kind: 'refund',
      description: 'Erstattung der Tankdifferenz 23,50 €',
      dueAt: '2026-03-04T12:00:00Z',
      amountMinor: 2350,
      currency: 'EUR',
    });
    expect(refund.status).toBe(201);
    const [fuel, dirt] = story.points;
    await t.request('agent', 'PATCH', `/api/v1/cases/${story.id}/points/${fuel.id}`, {
      answer: 'Die Erstattung wird heute angewiesen.',
      outcome: 'resolved',
    });

    const unanswered = await t.request('agent', 'POST', `/api/v1/cases/${story.id}/resolve`);
    expect(unanswered.status).toBe(409);
    expect(unanswered.body.code).toBe('CASE_POINT_UNANSWERED');
    expect(unanswered.body.errors).toEqual([expect.objectContaining({ path: `points.${dirt.id}` })]);

    await t.request('agent', 'PATCH', `/api/v1/cases/${story.id}/points/${dirt.id}`, {
      answer: 'Wir haben die Reinigung vor der Übergabe verschärft.',
      outcome: 'resolved',
    });
    expect((await t.request('agent', 'POST', `/api/v1/cases/${story.id}/resolve`)).status).toBe(200);

    const stillOpen = await t.request('agent', 'POST', `/api/v1/cases/${story.id}/close`, {});
    expect(stillOpen.status).toBe(409);
    expect(stillOpen.body.code).toBe('CASE_COMMITMENT_OPEN');
    expect(stillOpen.body.errors[0].path).toBe(`commitments.${refund.body.id}`);

    expect(
      (
        await t.request('agent', 'POST', `/api/v1/cases/${story.id}/commitments/${refund.body.id}/fulfil`, {
          note: 'überwiesen',
        })
      ).status,
    ).toBe(200);
    const closed = await t.request('agent', 'POST', `/api/v1/cases/${story.id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
  });

  it('acknowledges receipt by mail naming the owner and the answer-by date in the customer language', async () => {
    t.clock.set(MONDAY);
    const de = await customer({ ownerId: t.staff.agent.id, locale: 'de' });
    const en = await customer({ ownerId: t.staff.agent.id, locale: 'en' });
    const deCase = await openCase({ customerId: de.id, points: [{ text: 'Die Rechnung ist falsch.' }] });
    const enCase = await openCase({ customerId: en.id, points: [{ text: 'The invoice is wrong.' }] });
    expect(deCase.ownerName).toBe('Anna Agent');
    // Normal priority: five business days of nine hours from Monday 10:00 → next Monday 10:00 Berlin.
    expect(deCase.resolutionDueAt).toBe('2026-03-09T09:00:00.000Z');
    await t.drainJobs();
    const [deMail] = mailsTo(de.email);
    expect(deMail.subject).toContain(deCase.reference);
    expect(deMail.text).toContain('Anna Agent');
    expect(deMail.text).toContain('9. März 2026');
    const [enMail] = mailsTo(en.email);
    expect(enMail.subject).toContain(enCase.reference);
    expect(enMail.text).toContain('Your personal contact is Anna Agent');
    expect(enMail.text).toContain('9 March 2026');
  });

  it('gives a complaint received on Friday evening its first-response due time on the next business day', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    // Friday 27 February 2026, 18:30 in Berlin, after closing time.
    const res = await openCase({
      customerId: c.id,
      channel: 'letter',
      receivedAt: '2026-02-27T17:30:00Z',
      points: [{ text: 'Das Paket kam beschädigt an.' }],
    });
    expect(res.priority).toBe('normal');
    expect(res.receivedAt).toBe('2026-02-27T17:30:00.000Z');
    // One business day (08:00–17:00) counted from Monday 08:00 → Monday 17:00 Berlin.
    expect(res.firstResponseDueAt).toBe('2026-03-02T16:00:00.000Z');
  });

  it('rejects a case without points or with an unknown touchpoint, naming the field and creating nothing', async () => {
    const c = await customer();
    const none = await t.request('agent', 'POST', '/api/v1/cases', { customerId: c.id, points: [] });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].path).toBe('points');
    const tp = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.id,
      touchpointCode: 'no_such_touchpoint',
      points: [{ text: 'x' }],
    });
    expect(tp.status).toBe(400);
    expect(tp.body.errors[0].path).toBe('touchpointCode');
    const future = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.id,
      receivedAt: '2030-01-01T00:00:00Z',
      points: [{ text: 'x' }],
    });
    expect(future.body.errors[0].path).toBe('receivedAt');
    const inbox = await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${c.id}`);
    expect(inbox.body.items).toEqual([]);
  });

  it('accepts a known touchpoint code', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, touchpointCode: 'delivery', points: [{ text: 'x' }] });
    expect(k.touchpointCode).toBe('delivery');
  });

  it('escalates an angry complaint to a manager with a call-back task and an e-mail', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({
      customerId: c.id,
      points: [{ text: 'Das ist eine Frechheit! Seit Jahren werde ich so behandelt!!! Unverschämt!' }],
    });
    expect(k.anger.band).toBe('furious');
    expect(k.anger.signals.length).toBeGreaterThan(0);
    expect(k.escalations).toEqual([
      expect.objectContaining({ level: 1, reasons: ['anger'], toUserId: t.staff.manager.id }),
    ]);
    expect(k.priority).not.toBe('low');
    await t.drainJobs();
    expect(mailsTo(t.staff.manager.email).some((m) => m.subject?.includes(k.reference))).toBe(true);
  });

  it('escalates when the customer says they are leaving', async () => {
    t.clock.set(MONDAY);
    const c = await customer({ locale: 'en' });
    const k = await openCase({
      customerId: c.id,
      points: [{ text: 'I will cancel my contract and switch to another provider.' }],
    });
    expect(k.anger.leaving).toBe(true);
    expect(k.escalations[0].reasons).toContain('leaving');
  });

  it('orders the inbox by priority then time to breach, showing tier and tenure, and pages with a cursor', async () => {
    t.clock.set(MONDAY);
    const olga = await createUser(t.ctx, {
      email: `olga@example.test`,
      name: 'Olga Owner',
      role: 'agent',
      locale: 'de',
    });
    const fresh = await customer({ customerSince: '2026-02-01T00:00:00Z' });
    const loyal = await goldCustomer();
    const freshCase = await openCase({
      customerId: fresh.id,
      ownerId: olga.id,
      points: [{ text: 'Die Lieferung kam zu spät.' }],
    });
    const loyalCase = await openCase({
      customerId: loyal.id,
      ownerId: olga.id,
      points: [{ text: 'Die Lieferung kam zu spät.' }],
    });
    const lowCase = await openCase({
      customerId: fresh.id,
      ownerId: olga.id,
      severity: 'low',
      points: [{ text: 'Eine Kleinigkeit.' }],
    });
    const page1 = await t.request('agent', 'GET', `/api/v1/cases/inbox?owner=${olga.id}&limit=2`);
    expect(page1.body.items.map((x: { id: string }) => x.id)).toEqual([loyalCase.id, freshCase.id]);
    expect(page1.body.items[0]).toMatchObject({ customerTier: 'gold', severity: 'medium' });
    expect(page1.body.items[0].tenureYears).toBeGreaterThan(11);
    const page2 = await t.request(
      'agent',
      'GET',
      `/api/v1/cases/inbox?owner=${olga.id}&limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.map((x: { id: string }) => x.id)).toEqual([lowCase.id]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('numbers a case by the company local year: 23:30Z on 31 December is already next year in Berlin', async () => {
    t.clock.set('2027-01-01T08:00:00.000Z');
    const c = await customer({});
    const late = await openCase({
      customerId: c.id,
      channel: 'phone',
      receivedAt: '2026-12-31T23:30:00Z',
      points: [{ text: 'Silvester-Reklamation.' }],
    });
    expect(late.reference).toMatch(/^R-2027-\d{6}$/);
  });
});
