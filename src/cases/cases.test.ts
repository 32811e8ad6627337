import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createUser } from '../platform/auth/users.service.js';

// Monday 2 March 2026, 10:00 in Berlin.
const MONDAY = '2026-03-02T09:00:00.000Z';

describe('complaint cases', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: MONDAY, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const customer = async (body: Record<string, unknown> = {}) => {
    n++;
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kunde ${n}`,
      email: `kunde${n}@example.de`,
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const goldCustomer = async (body: Record<string, unknown> = {}) => {
    const c = await customer({ customerSince: '2014-04-01T00:00:00Z', ...body });
    const pinned = await t.request('manager', 'PUT', `/api/v1/customers/${c.id}/tier`, {
      tier: 'gold',
      reason: 'Rahmenvertrag',
    });
    expect(pinned.body.tier).toBe('gold');
    return pinned.body;
  };
  const openCase = async (body: Record<string, unknown>) => {
    const res = await t.request('agent', 'POST', '/api/v1/cases', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const mailsTo = (address: string) => smtp.messages.filter((m) => (m.to as any)?.text?.includes(address));

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

  it('pauses the resolution clock while waiting for the customer and resumes it on their reply', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Mir fehlt die Seriennummer.' }] });
    expect(k.resolutionDueAt).toBe('2026-03-09T09:00:00.000Z');
    const waiting = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      status: 'waiting_customer',
    });
    expect(waiting.body.status).toBe('waiting_customer');
    expect(waiting.body.slaPaused).toBe(true);
    expect(waiting.body.resolutionDueAt).toBeNull();
    t.clock.set('2026-03-04T09:00:00.000Z'); // two business days later
    const resumed = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, { status: 'open' });
    expect(resumed.body.slaPaused).toBe(false);
    expect(resumed.body.resolutionDueAt).toBe('2026-03-11T09:00:00.000Z');
    t.clock.set(MONDAY);
  });

  it('orders the inbox by priority then time to breach, showing tier and tenure, and pages with a cursor', async () => {
    t.clock.set(MONDAY);
    const olga = await createUser(t.ctx, {
      email: `olga${n}@example.test`,
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

  it('previews the letter in German with every point, the apology, goodwill and the owner name', async () => {
    t.clock.set(MONDAY);
    const c = await customer({ name: 'Erika Muster', ownerId: t.staff.agent.id });
    const k = await openCase({
      customerId: c.id,
      points: [{ text: 'Der Wagen war schmutzig.' }, { text: 'Das Wischwasser war leer.' }],
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      apology: 'Es tut uns aufrichtig leid.',
      rootCauseAnalysis: 'Die Endkontrolle wurde ausgelassen.',
      preventiveAction: 'Checkliste bei jeder Rückgabe.',
    });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Wir reinigen jetzt jedes Fahrzeug doppelt.',
      outcome: 'resolved',
    });
    await t.request('agent', 'POST', `/api/v1/cases/${k.id}/goodwill`, {
      kind: 'voucher',
      amountMinor: 2000,
      currency: 'EUR',
      description: 'Tankgutschein',
    });
    const letter = await t.request('agent', 'GET', `/api/v1/cases/${k.id}/letter`);
    expect(letter.body.lang).toBe('de');
    expect(letter.body.text).toContain('Guten Tag Erika Muster');
    expect(letter.body.text).toContain(
      '1. Der Wagen war schmutzig.\n   Unsere Antwort: Wir reinigen jetzt jedes Fahrzeug doppelt.',
    );
    expect(letter.body.text).toContain('2. Das Wischwasser war leer.');
    expect(letter.body.text).toContain('Es tut uns aufrichtig leid.');
    expect(letter.body.text).toContain('Checkliste bei jeder Rückgabe.');
    expect(letter.body.text).toContain('Gutschein über 20,00');
    expect(letter.body.text).toContain('Anna Agent');
    // Sending is refused while the second point has no answer.
    const refused = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/letter/send`);
    expect(refused.body.code).toBe('CASE_POINT_UNANSWERED');
  });

  it('sends the letter in English to an English customer and counts it as the first response', async () => {
    t.clock.set(MONDAY);
    const c = await customer({ name: 'John Smith', locale: 'en', ownerId: t.staff.agent.id });
    const k = await openCase({ customerId: c.id, points: [{ text: 'The car was dirty.' }] });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'We have changed our cleaning routine.',
      outcome: 'resolved',
    });
    t.clock.set('2026-03-02T11:00:00.000Z');
    const sent = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/letter/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.text).toContain(
      '1. The car was dirty.\n   Our answer: We have changed our cleaning routine.',
    );
    expect(sent.body.text).toContain('Kind regards\nAnna Agent');
    const after = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(after.body.firstResponseAt).toBe('2026-03-02T11:00:00.000Z');
    expect(after.body.letterSentAt).not.toBeNull();
    await t.drainJobs();
    expect(mailsTo(c.email).map((m) => m.subject)).toContain(`Your complaint ${k.reference}: our answer`);
    t.clock.set(MONDAY);
  });

  it('lets only admins edit the letter templates, and the preview follows them', async () => {
    const current = await t.request('agent', 'GET', '/api/v1/settings/case-letter-templates');
    const changed = {
      ...current.body,
      de: { ...current.body.de, body: 'Hallo {{customerName}}!\n{{points}}\nIhr {{ownerName}}' },
    };
    expect((await t.request('agent', 'PUT', '/api/v1/settings/case-letter-templates', changed)).status).toBe(
      403,
    );
    expect(
      (await t.request('manager', 'PUT', '/api/v1/settings/case-letter-templates', changed)).status,
    ).toBe(403);
    expect((await t.request('admin', 'PUT', '/api/v1/settings/case-letter-templates', changed)).status).toBe(
      200,
    );
    const c = await customer({ name: 'Template Test', ownerId: t.staff.agent.id });
    const k = await openCase({ customerId: c.id, points: [{ text: 'Punkt A' }] });
    const letter = await t.request('agent', 'GET', `/api/v1/cases/${k.id}/letter`);
    expect(letter.body.text.startsWith('Hallo Template Test!\n1. Punkt A')).toBe(true);
    expect(letter.body.text).toContain('Ihr Anna Agent');
    await t.request('admin', 'PUT', '/api/v1/settings/case-letter-templates', current.body);
  });

  it('lets only admins change the case settings and rejects an unknown holiday state', async () => {
    const current = await t.request('agent', 'GET', '/api/v1/settings/cases');
    expect(current.body.calendar).toMatchObject({ timeZone: 'Europe/Berlin', holidayState: 'BY' });
    expect((await t.request('agent', 'PUT', '/api/v1/settings/cases', { escalationShare: 0.5 })).status).toBe(
      403,
    );
    const bad = await t.request('admin', 'PUT', '/api/v1/settings/cases', {
      calendar: { ...current.body.calendar, holidayState: 'XX' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('calendar');
    const ok = await t.request('admin', 'PUT', '/api/v1/settings/cases', {
      calendar: { ...current.body.calendar, holidayState: 'NW' },
    });
    expect(ok.body.calendar.holidayState).toBe('NW');
    await t.request('admin', 'PUT', '/api/v1/settings/cases', { calendar: current.body.calendar });
  });

  it('adds, splits and merges points, each needing its own answer', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Auto schmutzig und Wischwasser leer' }] });
    const split = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points/${k.points[0].id}/split`, {
      texts: ['Auto schmutzig', 'Wischwasser leer'],
    });
    expect(split.status).toBe(201);
    expect(split.body.items.map((p: { text: string }) => p.text)).toEqual([
      'Auto schmutzig',
      'Wischwasser leer',
    ]);
    const added = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points`, {
      text: 'Rechnung doppelt',
    });
    expect(added.status).toBe(201);
    let got = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(got.body.points).toHaveLength(3);
    const merged = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points/merge`, {
      pointIds: split.body.items.map((p: { id: string }) => p.id),
      text: 'Fahrzeug nicht vorbereitet',
    });
    expect(merged.status).toBe(201);
    got = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(got.body.points.map((p: { text: string }) => p.text)).toEqual([
      'Fahrzeug nicht vorbereitet',
      'Rechnung doppelt',
    ]);
    const again = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/points/${k.points[0].id}/split`, {
      texts: ['a', 'b'],
    });
    expect(again.status).toBe(409);
  });

  it('reopens a resolved case with a reason, back into the queue with a running clock', async () => {
    t.clock.set(MONDAY);
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Falsche Rechnung.' }] });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}/points/${k.points[0].id}`, {
      answer: 'Korrigiert.',
      outcome: 'resolved',
    });
    const resolved = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/resolve`);
    expect(resolved.body.status).toBe('resolved');
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.id}/reopen`, {})).status).toBe(400);
    const reopened = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/reopen`, {
      reason: 'Kunde meldet sich erneut',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
    expect(reopened.body.resolutionDueAt).not.toBeNull();
    const inbox = await t.request('agent', 'GET', `/api/v1/cases/inbox?customerId=${c.id}`);
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toEqual([k.id]);
  });

  it('refuses to close a case that is not resolved', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'x' }] });
    const res = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/close`, {});
    expect(res.body).toMatchObject({ status: 409, code: 'CASE_STATE_INVALID' });
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

  it('refuses a root-cause code that is not in the category catalogue', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'x' }] });
    const res = await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, {
      rootCauseCode: 'no_such_cause',
      apology: 'Entschuldigung',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('rootCauseCode');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body.apology).toBeNull();
  });

  it('accepts a known touchpoint code', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, touchpointCode: 'delivery', points: [{ text: 'x' }] });
    expect(k.touchpointCode).toBe('delivery');
  });

  it('keeps an audit trail of every change with actor and before/after', async () => {
    const c = await customer();
    const k = await openCase({ customerId: c.id, points: [{ text: 'Prüfen' }] });
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.id}`, { severity: 'high' });
    const audit = await t.request('agent', 'GET', `/api/v1/cases/${k.id}/audit`);
    const update = audit.body.items.find((e: { action: string }) => e.action === 'update');
    expect(update.actor.name).toBe('Anna Agent');
    expect(update.changes.severity).toEqual({ before: 'medium', after: 'high' });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('create');
  });

  it('exports the cases of a customer and erases the texts they wrote', async () => {
    const c = await customer({ name: 'Forget Case' });
    const k = await openCase({
      customerId: c.id,
      requestedRemedy: 'Geld zurück',
      points: [{ text: 'Mein Nachbar Herr Meier hat das gesehen.' }],
    });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.cases.cases[0].points[0].text).toContain('Herr Meier');
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    const after = await t.request('admin', 'GET', `/api/v1/cases/${k.id}`);
    expect(after.body.description).toBe('[erased]');
    expect(after.body.points[0].text).toBe('[erased]');
    expect(after.body.requestedRemedy).toBeNull();
  });
});
