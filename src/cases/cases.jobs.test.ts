import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createUser } from '../platform/auth/users.service.js';

// Monday 2 March 2026, 10:00 in Berlin.
const MONDAY = '2026-03-02T09:00:00.000Z';

describe('complaint cases: scheduled SLA escalation and commitment reminders', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: MONDAY, smtpUrl: smtp.url });
    await t.worker.ensureSchedules();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const customer = async () => {
    n++;
    return (
      await t.request('agent', 'POST', '/api/v1/customers', { name: `Kunde ${n}`, email: `k${n}@example.de` })
    ).body;
  };
  const openCase = async (body: Record<string, unknown>) => {
    const res = await t.request('agent', 'POST', '/api/v1/cases', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const run = async (at: string) => {
    t.clock.set(at);
    await t.drainJobs();
  };
  const subjects = (to: string) =>
    smtp.messages.filter((m) => (m.to as any)?.text?.includes(to)).map((m) => m.subject ?? '');

  it('escalates up the hierarchy when three quarters of the first-response time have passed', async () => {
    const lead = await createUser(t.ctx, {
      email: 'lead@example.test',
      name: 'Lena Lead',
      role: 'manager',
      locale: 'de',
      managerId: t.staff.manager.id,
    });
    const agent = await createUser(t.ctx, {
      email: 'team-agent@example.test',
      name: 'Tom Agent',
      role: 'agent',
      locale: 'de',
      managerId: lead.id,
    });
    const c = await customer();
    const k = await openCase({
      customerId: c.id,
      ownerId: agent.id,
      points: [{ text: 'Die Rechnung stimmt nicht.' }],
    });
    expect(k.escalationLevel).toBe(0);
    // Normal priority: 9 business hours to first response; 75 % = 6 h 45 min → Monday 16:45 Berlin.
    await run('2026-03-02T15:40:00.000Z');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body.escalationLevel).toBe(0);
    await run('2026-03-02T15:50:00.000Z');
    const after = (await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body;
    expect(after.escalations).toEqual([
      expect.objectContaining({ level: 1, reasons: ['sla_first_response'], toUserId: lead.id }),
    ]);
    const tasks = await t.request('manager', 'GET', `/api/v1/tasks?caseId=${k.id}&source=case_callback`);
    expect(tasks.body.items).toEqual([expect.objectContaining({ assigneeId: lead.id })]);
    expect(subjects('lead@example.test').some((s) => s.includes(k.reference))).toBe(true);
    // The same clock does not escalate twice.
    await run('2026-03-02T16:30:00.000Z');
    expect((await t.request('agent', 'GET', `/api/v1/cases/${k.id}`)).body.escalations).toHaveLength(1);
  });

  it('reminds the commitment owner once before the due time and alerts owner and manager once when overdue', async () => {
    await run(MONDAY);
    const owner = await createUser(t.ctx, {
      email: 'promiser@example.test',
      name: 'Paul Promise',
      role: 'agent',
      locale: 'de',
      managerId: t.staff.manager.id,
    });
    const c = await customer();
    const k = await openCase({
      customerId: c.id,
      ownerId: owner.id,
      points: [{ text: 'Rückruf versprochen, nie erfolgt.' }],
    });
    // Due Wednesday 10:00 Berlin: 18 business hours ahead; the reminder comes one business day before.
    const cm = await t.request('agent', 'POST', `/api/v1/cases/${k.id}/commitments`, {
      kind: 'callback',
      description: 'Rückruf wegen Ersatzteil',
      dueAt: '2026-03-04T09:00:00Z',
    });
    expect(cm.body.ownerId).toBe(owner.id);
    await run('2026-03-02T10:00:00.000Z');
    expect(subjects('promiser@example.test').filter((s) => s.startsWith('Erinnerung'))).toHaveLength(0);
    await run('2026-03-03T09:10:00.000Z');
    await run('2026-03-03T09:20:00.000Z');
    expect(subjects('promiser@example.test').filter((s) => s.startsWith('Erinnerung'))).toHaveLength(1);
    await run('2026-03-04T09:10:00.000Z');
    await run('2026-03-04T09:20:00.000Z');
    expect(subjects('promiser@example.test').filter((s) => s.startsWith('Überfällig: Zusage'))).toHaveLength(
      1,
    );
    expect(
      subjects(t.staff.manager.email).filter((s) => s === `Überfällig: Zusage zu Vorgang ${k.reference}`),
    ).toHaveLength(1);
    const got = await t.request('agent', 'GET', `/api/v1/cases/${k.id}`);
    expect(got.body.commitments[0].reminderSentAt).toBe('2026-03-03T09:10:00.000Z');
    expect(got.body.commitments[0].overdueAlertSentAt).toBe('2026-03-04T09:10:00.000Z');
  });
  it('gives the manager one overdue notice for an overdue escalation call-back, from the case and not the task list', async () => {
    await run('2026-03-09T08:00:00.000Z'); // Monday 9:00 Berlin
    const boss = await createUser(t.ctx, {
      email: 'callback-boss@example.test',
      name: 'Carla Callback',
      role: 'manager',
      locale: 'de',
    });
    const agent = await createUser(t.ctx, {
      email: 'callback-agent@example.test',
      name: 'Arno Agent',
      role: 'agent',
      locale: 'de',
      managerId: boss.id,
    });
    const c = await customer();
    const k = await openCase({
      customerId: c.id,
      ownerId: agent.id,
      points: [{ text: 'Das ist eine absolute Frechheit! Ich kündige sofort, unverschämt!!!' }],
    });
    expect(k.escalations).toEqual([expect.objectContaining({ level: 1, toUserId: boss.id })]);
    // The call-back is due 4 business hours later (13:00 Berlin); run the jobs before and after.
    await run('2026-03-09T11:30:00.000Z');
    expect(subjects('callback-boss@example.test').filter((s) => s.includes('überfällig'))).toHaveLength(0);
    await run('2026-03-09T12:30:00.000Z');
    await run('2026-03-09T13:00:00.000Z');
    await run('2026-03-10T09:00:00.000Z');
    const mails = subjects('callback-boss@example.test');
    expect(mails.filter((s) => s === `Rückruf überfällig: Vorgang ${k.reference}`)).toHaveLength(1);
    expect(mails.filter((s) => s.startsWith('Überfällige Aufgabe'))).toHaveLength(0);
    const audit = await t.request('manager', 'GET', `/api/v1/cases/${k.id}/audit`);
    const notices = audit.body.items.filter(
      (e: { action: string; changes: { notified?: { after: string } } }) =>
        e.action === 'callback_overdue_notice' && e.changes.notified?.after === boss.id,
    );
    expect(notices).toHaveLength(1);
  });
});
