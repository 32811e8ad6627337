import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { emitEvent } from '../platform/events.js';
import { setSetting } from '../platform/settings.service.js';
import { PUBLIC_RATE_LIMIT } from './public-page.routes.js';
import { z } from 'zod';

const DAY = 86_400_000;

describe('surveys', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z', smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  type Opts = {
    consent?: 'opt_in' | 'existing_customer' | null;
    locale?: 'de' | 'en';
    email?: string | null;
  };
  async function customer(opts: Opts = {}) {
    n++;
    const email = opts.email === undefined ? `kunde${n}@example.de` : opts.email;
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kunde ${n}`,
      email,
      locale: opts.locale ?? 'de',
      ownerId: t.staff.manager.id,
    });
    expect(res.status).toBe(201);
    const consent = opts.consent === undefined ? 'opt_in' : opts.consent;
    if (consent) {
      const c = await t.request('agent', 'POST', `/api/v1/customers/${res.body.id}/consents`, {
        channel: 'email',
        purpose: 'surveys',
        basis: consent,
        status: 'given',
        source: 'order form',
      });
      expect(c.status).toBe(201);
    }
    return res.body as { id: string; email: string };
  }

  async function request(customerId: string, definitionCode: string, extra: Record<string, unknown> = {}) {
    const res = await t.request('manager', 'POST', '/api/v1/surveys/requests', {
      customerId,
      definitionCode,
      ...extra,
    });
    expect(res.status).toBe(202);
    await t.drainJobs();
  }

  const isSurvey = (m: ParsedMail) => /\/s\/[A-Za-z0-9_-]{43}/.test(m.text ?? '');
  const mailsTo = (email: string, surveysOnly = true) =>
    smtp.messages.filter((m) => (m.to as any)?.text === email && (!surveysOnly || isSurvey(m)));
  async function mailTo(email: string, index = 0, surveysOnly = true): Promise<ParsedMail> {
    for (let i = 0; i < 100 && mailsTo(email, surveysOnly).length <= index; i++)
      await new Promise((r) => setTimeout(r, 20));
    const m = mailsTo(email, surveysOnly)[index];
    expect(m, `mail #${index} to ${email}`).toBeDefined();
    return m;
  }
  const tokenOf = (m: ParsedMail) =>
    /\/s\/([A-Za-z0-9_-]{43})\?score=/.exec(m.text ?? '')?.[1] ??
    /\/s\/([A-Za-z0-9_-]{43})\b(?!\/)/.exec(m.text ?? '')![1];
  const nonceOf = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)![1];
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (url: string, fields: Record<string, string>) =>
    t.request(null, 'POST', url, form(fields), { 'content-type': 'application/x-www-form-urlencoded' });

  async function answer(token: string, fields: Record<string, string>) {
    const page = await t.request(null, 'GET', `/s/${token}`);
    expect(page.status).toBe(200);
    return post(`/s/${token}`, { nonce: nonceOf(page.text), ...fields });
  }
  const invitations = async (customerId: string) =>
    (await t.request('agent', 'GET', `/api/v1/surveys/invitations?customerId=${customerId}`)).body.items;
  const answers = async (customerId: string) =>
    (await t.request('agent', 'GET', `/api/v1/surveys/answers?customerId=${customerId}`)).body.items;
  const tasks = async (customerId: string) =>
    (await t.request('agent', 'GET', `/api/v1/tasks?customerId=${customerId}`)).body.items;

  it('sends the sale survey the configured days after a purchase, with answer and objection links', async () => {
    const c = await customer();
    const p = await t.request('agent', 'POST', '/api/v1/purchases', {
      externalId: `ord-${n}`,
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

  it('shows an accessible question page in the customer language without recording anything', async () => {
    const c = await customer({ locale: 'en' });
    await request(c.id, 'relationship_nps');
    const token = tokenOf(await mailTo(c.email));
    const page = await t.request(null, 'GET', `/s/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('<legend id="question">How likely is it that you would recommend us');
    expect(page.text.match(/type="radio" name="score"/g)).toHaveLength(11);
    expect(page.text).toContain('<label class="block" for="comment">');
    expect(page.text).not.toContain('<script');
    expect(await answers(c.id)).toHaveLength(0);
  });

  it('records nothing when a scanner follows a score link, and only pre-selects the score', async () => {
    const c = await customer();
    await request(c.id, 'relationship_nps');
    const token = tokenOf(await mailTo(c.email));
    for (let i = 0; i < 3; i++) {
      const res = await t.request(null, 'GET', `/s/${token}?score=9`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('value="9" checked');
    }
    await t.request(null, 'GET', `/s/${token}/objection`);
    await t.drainJobs();
    expect(await answers(c.id)).toHaveLength(0);
    expect((await invitations(c.id))[0].status).toBe('sent');
    const consents = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/consents`);
    expect(consents.body.items[0].status).toBe('given');
  });

  it('records a posted answer, thanks the customer, and creates a follow-up task for a detractor', async () => {
    const c = await customer();
    await request(c.id, 'relationship_nps');
    const token = tokenOf(await mailTo(c.email));
    const res = await answer(token, { score: '6', comment: 'Lieferung <b>zu spät</b>' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Vielen Dank!');
    await t.drainJobs();
    const [a] = await answers(c.id);
    expect(a).toMatchObject({
      definitionCode: 'relationship_nps',
      scale: 'nps',
      score: 6,
      comment: 'Lieferung <b>zu spät</b>',
    });
    const [task] = await tasks(c.id);
    expect(task).toMatchObject({
      source: 'survey_followup',
      sourceRef: a.id,
      assigneeId: t.staff.manager.id,
      priority: 'high',
    });
    expect(task.dueAt).toBe(new Date(t.clock.now().getTime() + 48 * 3_600_000).toISOString());
  });

  it('creates no task for a passive or a satisfied answer', async () => {
    const c = await customer();
    await request(c.id, 'relationship_nps');
    expect((await answer(tokenOf(await mailTo(c.email)), { score: '7' })).status).toBe(200);
    await t.drainJobs();
    expect(await tasks(c.id)).toHaveLength(0);
  });

  it('refuses a second answer with the already-answered page', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    const token = tokenOf(await mailTo(c.email));
    const page = await t.request(null, 'GET', `/s/${token}`);
    const nonce = nonceOf(page.text);
    expect((await post(`/s/${token}`, { nonce, score: '4' })).status).toBe(200);
    const again = await post(`/s/${token}`, { nonce, score: '1' });
    expect(again.status).toBe(410);
    expect(again.text).toContain('Bereits beantwortet');
    expect((await t.request(null, 'GET', `/s/${token}`)).status).toBe(410);
    expect((await answers(c.id)).map((a: { score: number }) => a.score)).toEqual([4]);
  });

  it('gives forged, unknown and expired links the same neutral page', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    const token = tokenOf(await mailTo(c.email));
    const forged = await t.request(null, 'GET', `/s/${'A'.repeat(43)}`);
    const garbage = await t.request(null, 'GET', '/s/not-a-token');
    expect(forged.status).toBe(404);
    expect(garbage.text).toBe(forged.text);
    expect((await post(`/s/${'B'.repeat(43)}`, { score: '5' })).status).toBe(404);
    const page = await t.request(null, 'GET', `/s/${token}`);
    t.clock.advance(31 * DAY);
    const expired = await t.request(null, 'GET', `/s/${token}`);
    expect(expired.status).toBe(404);
    expect(expired.text).toBe(forged.text);
    const late = await post(`/s/${token}`, { nonce: nonceOf(page.text), score: '5' });
    expect(late.status).toBe(404);
    expect(await answers(c.id)).toHaveLength(0);
  });

  it('refuses a posted answer without the page nonce and records nothing', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    const token = tokenOf(await mailTo(c.email));
    const res = await post(`/s/${token}`, { score: '1' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-field="nonce"');
    expect(
      (await post(`/s/${token}`, { score: '1', nonce: `${Date.now().toString(36)}.forged` })).status,
    ).toBe(400);
    expect(await answers(c.id)).toHaveLength(0);
  });

  it('names the field of an out-of-range score and records nothing', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    const token = tokenOf(await mailTo(c.email));
    const res = await answer(token, { score: '6', comment: 'keep me' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-field="score"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('>keep me</textarea>');
    expect((await answer(token, {})).text).toContain('data-field="score"');
    expect(await answers(c.id)).toHaveLength(0);
  });

  it('records an objection only on the confirming POST, and then skips every later survey', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    const token = tokenOf(await mailTo(c.email));
    const confirm = await t.request(null, 'GET', `/s/${token}/objection`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('<form method="post"');
    const done = await post(`/s/${token}/objection`, { nonce: nonceOf(confirm.text) });
    expect(done.status).toBe(200);
    expect(done.text).toContain('keine Umfragen per E-Mail mehr');
    const consents = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/consents`);
    expect(consents.body.items[0]).toMatchObject({
      channel: 'email',
      purpose: 'surveys',
      basis: 'objection',
      status: 'withdrawn',
    });
    t.clock.advance(200 * DAY);
    await request(c.id, 'relationship_nps');
    await request(c.id, 'recovery_csat');
    t.clock.advance(10 * DAY);
    await t.drainJobs();
    const inv = await invitations(c.id);
    expect(
      inv
        .filter((i: { status: string }) => i.status === 'skipped')
        .map((i: { skipReason: string }) => i.skipReason),
    ).toEqual(['objected', 'objected']);
    expect(mailsTo(c.email)).toHaveLength(1);
  });

  it('accepts the RFC 8058 one-click objection POST from a mail client', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    const token = tokenOf(await mailTo(c.email));
    const res = await post(`/s/${token}/objection`, { 'List-Unsubscribe': 'One-Click' });
    expect(res.status).toBe(200);
    const consents = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/consents`);
    expect(consents.body.items[0]).toMatchObject({ basis: 'objection', status: 'withdrawn' });
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
      externalId: `ord-x${n}`,
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

  it('reopens and escalates the case when the recovery answer is bad', async () => {
    const c = await customer();
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.id,
      points: [{ text: 'Gerät defekt' }],
      ownerId: t.staff.agent.id,
    });
    const pointId = (await t.request('agent', 'GET', `/api/v1/cases/${k.body.id}`)).body.points[0].id;
    await t.request('agent', 'PATCH', `/api/v1/cases/${k.body.id}/points/${pointId}`, {
      answer: 'Getauscht',
      outcome: 'resolved',
    });
    await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/resolve`);
    await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/close`, {});
    await t.drainJobs();
    t.clock.advance(2 * DAY);
    await t.drainJobs();
    const m = await mailTo(c.email);
    expect(m.subject).toContain('Bearbeitung Ihrer Beschwerde');
    const level = (await t.request('agent', 'GET', `/api/v1/cases/${k.body.id}`)).body.escalationLevel;
    expect((await answer(tokenOf(m), { score: '2' })).status).toBe(200);
    await t.drainJobs();
    const after = await t.request('agent', 'GET', `/api/v1/cases/${k.body.id}`);
    expect(after.body.status).toBe('reopened');
    expect(after.body.escalationLevel).toBe(level + 1);
    expect((await tasks(c.id)).some((x: { source: string }) => x.source === 'survey_followup')).toBe(true);
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
    await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/resolve`);
    await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/close`, { trivial: true });
    t.clock.advance(3 * DAY);
    await t.drainJobs();
    expect(await invitations(c.id)).toHaveLength(0);
  });

  it('routes praise about the agent of a service interaction to the agent and the team praise list', async () => {
    const team = await t.request('admin', 'POST', '/api/v1/teams', { name: 'Werkstatt' });
    const agent = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'paula@example.test',
      name: 'Paula Praise',
      role: 'agent',
      locale: 'en',
      teamId: team.body.id,
      password: 'correct horse battery staple',
    });
    expect(agent.status).toBe(201);
    const c = await customer();
    const i = await t.request('agent', 'POST', '/api/v1/interactions', {
      customerId: c.id,
      touchpoint: 'service_visit',
      staffUserId: agent.body.id,
      channel: 'in_person',
    });
    expect(i.status).toBe(201);
    await t.drainJobs();
    t.clock.advance(1 * DAY);
    await t.drainJobs();
    const m = await mailTo(c.email);
    expect(m.subject).toContain('Wie zufrieden sind Sie mit unserem Service');
    expect((await answer(tokenOf(m), { score: '5', comment: 'Frau Praise war großartig' })).status).toBe(200);
    await t.drainJobs();
    const praiseMail = await mailTo('paula@example.test', 0, false);
    expect(praiseMail.subject).toBe('A customer praised your work');
    expect(praiseMail.text).toContain('Frau Praise war großartig');
    const list = await t.request('agent', 'GET', `/api/v1/surveys/praise?teamId=${team.body.id}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        agentId: agent.body.id,
        agentName: 'Paula Praise',
        score: 5,
        touchpointCode: 'service_visit',
        comment: 'Frau Praise war großartig',
      }),
    ]);
    expect(
      (await t.request('agent', 'GET', '/api/v1/surveys/praise?teamId=team_other')).body.items,
    ).toHaveLength(0);
    expect(await tasks(c.id)).toHaveLength(0);
  });

  it('asks lost customers why in an exit interview and follows every answer up', async () => {
    const c = await customer();
    await request(c.id, 'sale_csat');
    await emitEvent(t.ctx, 'customer.lost', { customerId: c.id, reason: 'cancellation' });
    await t.drainJobs();
    const m = await mailTo(c.email, 1);
    expect(m.subject).toContain('Schade, dass Sie gehen');
    const token = tokenOf(m);
    const page = await t.request(null, 'GET', `/s/${token}`);
    expect(page.text).toContain('value="competitor"');
    expect(page.text).not.toContain('name="score"');
    expect((await answer(token, { reason: 'price_war' })).text).toContain('data-field="reason"');
    expect((await answer(token, { reason: 'competitor', comment: 'Billiger woanders' })).status).toBe(200);
    await t.drainJobs();
    const [task] = await tasks(c.id);
    expect(task.title).toContain('Ich habe einen anderen Anbieter gewählt');
    expect((await answers(c.id))[0]).toMatchObject({ scale: 'none', score: null, reasonCode: 'competitor' });
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

  it('lets admins edit question texts, names the bad field, and refuses agents', async () => {
    const patch = { questionEn: 'How did we do?' };
    expect((await t.request('agent', 'PATCH', '/api/v1/surveys/definitions/sale_csat', patch)).status).toBe(
      403,
    );
    const bad = await t.request('admin', 'PATCH', '/api/v1/surveys/definitions/sale_csat', {
      questionDe: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('questionDe');
    const ok = await t.request('admin', 'PATCH', '/api/v1/surveys/definitions/sale_csat', patch);
    expect(ok.status).toBe(200);
    expect(ok.body.questionEn).toBe('How did we do?');
    const list = await t.request('agent', 'GET', '/api/v1/surveys/definitions');
    expect(list.body.items.map((d: { code: string }) => d.code)).toEqual(
      expect.arrayContaining([
        'sale_csat',
        'after_sales_csat',
        'recovery_csat',
        'relationship_nps',
        'exit_interview',
      ]),
    );
    const exit = list.body.items.find((d: { code: string }) => d.code === 'exit_interview');
    expect(exit.reasons.map((r: { code: string }) => r.code)).toEqual([
      'price',
      'quality',
      'service',
      'moved',
      'competitor',
      'no_need',
      'other',
    ]);
  });

  it('exports invitations and answers, and erasure blanks comments but keeps scores', async () => {
    const c = await customer();
    await request(c.id, 'relationship_nps');
    const token = tokenOf(await mailTo(c.email));
    await answer(token, { score: '10', comment: 'Sehr persönlich' });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.surveys.invitations).toHaveLength(1);
    expect(exp.body.data.surveys.answers[0]).toMatchObject({ score: 10, comment: 'Sehr persönlich' });
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    const after = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(after.body.data.surveys.answers[0]).toMatchObject({ score: 10, comment: null });
    expect(JSON.stringify(after.body.data.surveys)).not.toContain('Sehr persönlich');
    expect((await t.request(null, 'GET', `/s/${token}`)).status).toBe(404);
  });

  it('reports NPS, CSAT and CES with n and response rate, grouped, per agent only when allowed', async () => {
    t.clock.advance(60_000);
    const from = t.clock.now().toISOString();
    const scores = [10, 9, 8, 7, 6, 0];
    for (const s of scores) {
      const c = await customer();
      await request(c.id, 'relationship_nps', { agentId: t.staff.agent.id });
      await answer(tokenOf(await mailTo(c.email)), { score: String(s) });
    }
    const silent = await customer();
    await request(silent.id, 'relationship_nps');
    const skipped = await customer();
    await request(skipped.id, 'relationship_nps');
    await answer(tokenOf(await mailTo(skipped.email)), { comment: 'Nur ein Kommentar' });
    const to = new Date(t.clock.now().getTime() + 1000).toISOString();
    const res = await t.request(
      'agent',
      'GET',
      `/api/v1/metrics/surveys?from=${from}&to=${to}&groupBy=touchpoint`,
    );
    expect(res.status).toBe(200);
    // 2 promoters, 2 passives, 2 detractors of 6 answers (the comment-only answer is not one): NPS 0.
    expect(res.body.overall.nps).toEqual({ value: 0, n: 6, promoters: 2, passives: 2, detractors: 2 });
    expect(res.body.overall.sent).toBe(8);
    expect(res.body.overall.answered).toBe(7);
    expect(res.body.overall.responseRate).toBe(0.875);
    expect(res.body.overall.comments.map((x: { comment: string }) => x.comment)).toContain(
      'Nur ein Kommentar',
    );
    expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual(['relationship']);
    expect((await t.request('agent', 'GET', '/api/v1/metrics/surveys?groupBy=agent')).body.code).toBe(
      'PER_PERSON_HIDDEN',
    );
    await setSetting(t.ctx, 'metrics.perPersonVisible', z.boolean(), true);
    const byAgent = await t.request(
      'agent',
      'GET',
      `/api/v1/metrics/surveys?from=${from}&to=${to}&groupBy=agent`,
    );
    expect(byAgent.body.groups.find((g: { key: string }) => g.key === t.staff.agent.id).nps.n).toBe(6);
    const bad = await t.request('agent', 'GET', '/api/v1/metrics/surveys?groupBy=weekday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toContain('groupBy');
  });

  it('builds the repurchase matrix from sale and after-sales satisfaction and later purchases', async () => {
    const start = t.clock.now().getTime();
    const buyers: string[] = [];
    const mk = async (sale: number, after: number, buysAgain: boolean) => {
      const c = await customer();
      await request(c.id, 'sale_csat');
      await answer(tokenOf(await mailTo(c.email)), { score: String(sale) });
      await request(c.id, 'after_sales_csat', { agentId: t.staff.agent.id });
      await answer(tokenOf(await mailTo(c.email, 1)), { score: String(after) });
      if (buysAgain) buyers.push(c.id);
    };
    await t.request('admin', 'PUT', '/api/v1/settings/surveys', {
      minDaysBetweenSurveys: 0,
      reminderAfterDays: 4,
      tokenValidDays: 30,
      followUpHours: 48,
      relationshipEveryMonths: 12,
      repurchaseMonths: 24,
    });
    await mk(5, 5, true);
    await mk(4, 4, false);
    await mk(2, 5, true);
    await mk(5, 1, false);
    t.clock.advance(200 * DAY);
    for (const id of buyers) {
      const p = await t.request('agent', 'POST', '/api/v1/purchases', {
        externalId: `re-${id}`,
        customerId: id,
        purchasedAt: t.clock.now().toISOString(),
        amountMinor: 100,
        currency: 'EUR',
        kind: 'other',
      });
      expect(p.status).toBe(201);
    }
    const open = await t.request('agent', 'GET', '/api/v1/metrics/repurchase-matrix');
    expect(open.body.cells.every((c: { n: number }) => c.n === 0)).toBe(true);
    expect(open.body.cells.reduce((a: number, c: { openWindow: number }) => a + c.openWindow, 0)).toBe(4);
    t.clock.set(new Date(start + 800 * DAY));
    const res = await t.request('agent', 'GET', '/api/v1/metrics/repurchase-matrix');
    const cell = (s: boolean, a: boolean) =>
      res.body.cells.find(
        (c: { saleSatisfied: boolean; afterSalesSatisfied: boolean }) =>
          c.saleSatisfied === s && c.afterSalesSatisfied === a,
      );
    expect(cell(true, true)).toMatchObject({ n: 2, repurchased: 1, rate: 0.5 });
    expect(cell(false, true)).toMatchObject({ n: 1, repurchased: 1, rate: 1 });
    expect(cell(true, false)).toMatchObject({ n: 1, repurchased: 0, rate: 0 });
    expect(cell(false, false)).toMatchObject({ n: 0, rate: null });
    await t.request('admin', 'PUT', '/api/v1/settings/surveys', {
      minDaysBetweenSurveys: 90,
      reminderAfterDays: 4,
      tokenValidDays: 30,
      followUpHours: 48,
      relationshipEveryMonths: 12,
      repurchaseMonths: 24,
    });
  });
});

describe('survey schedules and limits', () => {
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

  it('answers 429 to a client that requests too many survey pages', async () => {
    const t = await startTestApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < PUBLIC_RATE_LIMIT.max + 5; i++)
        statuses.push((await t.request(null, 'GET', `/s/${'C'.repeat(43)}`)).status);
      expect(statuses.slice(0, PUBLIC_RATE_LIMIT.max).every((x) => x === 404)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await t.close();
    }
  });
});
