// The staff side of surveys: editing definitions, GDPR export and erasure, results and the repurchase matrix.
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setSetting } from '../platform/settings.service.js';
import { useSurveyApp } from '../../test/helpers/survey-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';

const DAY = 86_400_000;

describe('surveys: definitions, privacy and results', () => {
  const kit = useSurveyApp();
  const { customer, request, mailTo, tokenOf, answer } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
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
