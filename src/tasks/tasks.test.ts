import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { createUser } from '../platform/auth/users.service.js';
import { createTask } from './tasks.service.js';

const HOUR = 3_600_000;

describe('tasks', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z', smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const customer = async (body: Record<string, unknown> = {}) =>
    (await t.request('agent', 'POST', '/api/v1/customers', { name: 'Task Kunde', ...body })).body;
  const post = (body: Record<string, unknown>, as: 'agent' | 'manager' | 'admin' = 'agent') =>
    t.request(as, 'POST', '/api/v1/tasks', body);
  const system = () => t.ctx;

  it('creates a manual task and reads it back', async () => {
    const res = await post({
      title: 'Rückruf vereinbaren',
      priority: 'high',
      dueAt: '2026-03-03T10:00:00+01:00',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Rückruf vereinbaren',
      priority: 'high',
      status: 'open',
      source: 'manual',
      dueAt: '2026-03-03T09:00:00.000Z',
      overdue: false,
    });
    const got = await t.request('agent', 'GET', `/api/v1/tasks/${res.body.id}`);
    expect(got.body.id).toBe(res.body.id);
  });

  it('names the field and creates nothing when the due time is not a time', async () => {
    const res = await post({ title: 'Broken due', dueAt: 'tomorrow' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'dueAt' }));
    const list = await t.request('agent', 'GET', '/api/v1/tasks?limit=500');
    expect(list.body.items.map((x: { title: string }) => x.title)).not.toContain('Broken due');
  });

  it('refuses an unknown customer naming customerId', async () => {
    const res = await post({ title: 'Nobody', customerId: 'cus_missing' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('customerId');
  });

  it('assigns a task to the customer owner by default', async () => {
    const c = await customer({ ownerId: t.staff.manager.id });
    const res = await post({ title: 'Owner default', customerId: c.id });
    expect(res.body.assigneeId).toBe(t.staff.manager.id);
    const unowned = await customer();
    expect((await post({ title: 'No owner', customerId: unowned.id })).body.assigneeId).toBeNull();
  });

  it('returns the open task for a dedupe key instead of creating a second one', async () => {
    const c = await customer();
    const a = await createTask(system(), {
      customerId: c.id,
      title: 'Retention call',
      source: 'churn_retention',
      dedupeKey: `churn:${c.id}`,
    });
    const b = await createTask(system(), {
      customerId: c.id,
      title: 'Retention call again',
      source: 'churn_retention',
      dedupeKey: `churn:${c.id}`,
    });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.id).toBe(a.id);
    const list = await t.request('agent', 'GET', `/api/v1/tasks?customerId=${c.id}`);
    expect(list.body.items).toHaveLength(1);
  });

  it('yields one task when several creators race with the same dedupe key', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createTask(system(), { title: `Race ${i}`, source: 'winback', dedupeKey: 'race-key' }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('creates a new task for a dedupe key whose earlier task is done', async () => {
    const c = await customer();
    const key = `survey:${c.id}`;
    const a = await createTask(system(), {
      customerId: c.id,
      title: 'Close the loop',
      source: 'survey_followup',
      dedupeKey: key,
    });
    await t.request('agent', 'POST', `/api/v1/tasks/${a.id}/complete`, { outcome: 'called, resolved' });
    const b = await createTask(system(), {
      customerId: c.id,
      title: 'Close the loop again',
      source: 'survey_followup',
      dedupeKey: key,
    });
    expect(b.created).toBe(true);
    expect(b.id).not.toBe(a.id);
  });

  it('refuses to reopen a done task while another open task has its dedupe key', async () => {
    const key = 'reopen-conflict';
    const a = await createTask(system(), { title: 'First', source: 'suggestion', dedupeKey: key });
    await t.request('manager', 'POST', `/api/v1/tasks/${a.id}/complete`, {});
    await createTask(system(), { title: 'Second', source: 'suggestion', dedupeKey: key });
    const res = await t.request('manager', 'PATCH', `/api/v1/tasks/${a.id}`, { status: 'open' });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].path).toBe('status');
  });

  it('completes a task with outcome, completer and time', async () => {
    const task = (await post({ title: 'Complete me' })).body;
    t.clock.advance(60_000);
    const res = await t.request('agent', 'POST', `/api/v1/tasks/${task.id}/complete`, {
      outcome: 'Kunde zufrieden',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'done',
      outcome: 'Kunde zufrieden',
      completedBy: t.staff.agent.id,
      completedAt: t.clock.now().toISOString(),
    });
  });

  it("lists only the caller's tasks with mine=true", async () => {
    const mine = (await post({ title: 'Mine', assigneeId: t.staff.agent.id })).body;
    const theirs = (await post({ title: 'Theirs', assigneeId: t.staff.manager.id })).body;
    const res = await t.request('agent', 'GET', '/api/v1/tasks?mine=true&limit=500');
    const ids = res.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(res.body.items.every((x: { assigneeId: string }) => x.assigneeId === t.staff.agent.id)).toBe(true);
  });

  it('forbids an agent to change or complete a task assigned to someone else', async () => {
    const task = (await post({ title: 'Manager task', assigneeId: t.staff.manager.id }, 'manager')).body;
    expect((await t.request('agent', 'PATCH', `/api/v1/tasks/${task.id}`, { priority: 'low' })).status).toBe(
      403,
    );
    expect((await t.request('agent', 'POST', `/api/v1/tasks/${task.id}/complete`, {})).status).toBe(403);
    expect((await t.request('agent', 'GET', `/api/v1/tasks/${task.id}`)).body.status).toBe('open');
    expect(
      (await t.request('admin', 'PATCH', `/api/v1/tasks/${task.id}`, { priority: 'low' })).body.priority,
    ).toBe('low');
  });

  it('lets an agent take an unassigned task', async () => {
    const task = (await post({ title: 'Up for grabs', assigneeId: null }, 'manager')).body;
    const res = await t.request('agent', 'PATCH', `/api/v1/tasks/${task.id}`, {
      assigneeId: t.staff.agent.id,
      status: 'in_progress',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assigneeId: t.staff.agent.id, status: 'in_progress' });
  });

  it('orders overdue tasks first, then by due time, then by priority', async () => {
    const source = 'ordering';
    const now = t.clock.now().getTime();
    const at = (h: number) => new Date(now + h * HOUR).toISOString();
    const mk = (title: string, dueAt: string | null, priority: 'low' | 'normal' | 'high' | 'urgent') =>
      createTask(system(), { title, dueAt, priority, source });
    await mk('later', at(5), 'normal');
    await mk('no due', null, 'urgent');
    await mk('soon low', at(1), 'low');
    await mk('soon urgent', at(1), 'urgent');
    await mk('overdue 1h', at(-1), 'low');
    await mk('overdue 3h', at(-3), 'normal');
    const expected = ['overdue 3h', 'overdue 1h', 'soon urgent', 'soon low', 'later', 'no due'];
    const res = await t.request('agent', 'GET', `/api/v1/tasks?source=${source}`);
    expect(res.body.items.map((x: { title: string }) => x.title)).toEqual(expected);
    expect(res.body.items.map((x: { overdue: boolean }) => x.overdue)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ title: string }>; nextCursor: string | null } } = await t.request(
        'agent',
        'GET',
        `/api/v1/tasks?source=${source}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.body.items.map((x) => x.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(expected);
    const overdue = await t.request('agent', 'GET', `/api/v1/tasks?source=${source}&overdue=true`);
    expect(overdue.body.items.map((x: { title: string }) => x.title)).toEqual(['overdue 3h', 'overdue 1h']);
  });

  it('mails the assignee once, in their locale, when a task becomes overdue', async () => {
    const english = await createUser(t.ctx, {
      email: 'eve@example.test',
      name: 'Eve English',
      role: 'agent',
      locale: 'en',
      password: 'correct horse battery staple',
    });
    const c = await customer();
    await createTask(system(), {
      customerId: c.id,
      assigneeId: english.id,
      title: 'Send the spare part',
      dueAt: new Date(t.clock.now().getTime() + HOUR).toISOString(),
      source: 'commitment',
    });
    await createTask(system(), {
      assigneeId: t.staff.manager.id,
      title: 'Rückruf Herr Maier',
      dueAt: new Date(t.clock.now().getTime() + HOUR).toISOString(),
      source: 'case_callback',
    });
    await t.worker.ensureSchedules();
    await t.drainJobs();
    const before = smtp.messages.length;
    t.clock.advance(2 * HOUR);
    await t.drainJobs();
    await smtp.waitFor(before + 2);
    const mails = smtp.messages.slice(before);
    const en = mails.find((m) => m.subject === 'Overdue task: Send the spare part');
    const de = mails.find((m) => m.subject === 'Überfällige Aufgabe: Rückruf Herr Maier');
    expect(en?.to && 'text' in en.to ? en.to.text : '').toContain('eve@example.test');
    expect(de?.text).toContain('überfällig');
    t.clock.advance(HOUR);
    await t.drainJobs();
    const again = smtp.messages
      .slice(before)
      .filter((m) => m.subject?.includes('Send the spare part') || m.subject?.includes('Rückruf Herr Maier'));
    expect(again).toHaveLength(2);
  });

  it("audits task changes in the customer's trail", async () => {
    const c = await customer();
    const task = (await post({ title: 'Audited', customerId: c.id, assigneeId: t.staff.agent.id })).body;
    await t.request('agent', 'PATCH', `/api/v1/tasks/${task.id}`, { priority: 'urgent' });
    const audit = await t.request('agent', 'GET', `/api/v1/customers/${c.id}/audit`);
    const update = audit.body.items.find(
      (e: { entityType: string; action: string }) => e.entityType === 'task' && e.action === 'update',
    );
    expect(update.changes.priority).toEqual({ before: 'normal', after: 'urgent' });
  });

  it("exports a customer's tasks and replaces their description and outcome with neutral markers", async () => {
    const c = await customer();
    const task = (
      await post({
        title: 'Private',
        customerId: c.id,
        description: 'Kunde erwähnt Scheidung',
        assigneeId: t.staff.agent.id,
      })
    ).body;
    await t.request('agent', 'POST', `/api/v1/tasks/${task.id}/complete`, {
      outcome: 'Ratenzahlung vereinbart',
    });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.tasks.tasks[0]).toMatchObject({
      id: task.id,
      description: 'Kunde erwähnt Scheidung',
      outcome: 'Ratenzahlung vereinbart',
    });
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    const after = await t.request('agent', 'GET', `/api/v1/tasks/${task.id}`);
    expect(after.body).toMatchObject({
      description: 'Text zu einem gelöschten Kunden',
      outcome: '[erased]',
      status: 'done',
    });
  });
});
