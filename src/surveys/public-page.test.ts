// The public survey page /s/<token>: showing, answering (nonce, validation, once only), objection, rate limit.
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_RATE_LIMIT } from './public-page.routes.js';
import { useSurveyApp } from '../../test/helpers/survey-kit.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';

const DAY = 86_400_000;

describe('surveys: the public page', () => {
  const kit = useSurveyApp();
  const { customer, request, mailsTo, mailTo, tokenOf, nonceOf, post, answer, invitations, answers, tasks } =
    kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
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
});

describe('surveys: the public page (own app)', () => {
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
