// Closing the loop: a bad recovery answer reopens the case, praise reaches the agent, exit interviews are followed up.
import { beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../platform/events.js';
import { useSurveyApp } from '../../test/helpers/survey-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';
import { makeResolvable } from '../../test/helpers/case-resolution.js';

const DAY = 86_400_000;

describe('surveys: closing the loop', () => {
  const kit = useSurveyApp();
  const { customer, request, mailTo, tokenOf, answer, answers, tasks } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
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
    await makeResolvable(t, k.body.id);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/resolve`)).status).toBe(200);
    expect((await t.request('agent', 'POST', `/api/v1/cases/${k.body.id}/close`, {})).status).toBe(200);
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
});
