// Housekeeping prunes done jobs, sent mail bodies after the admin's retention period, idempotency
// keys older than 24 h and expired sessions — and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { login } from '../auth/users.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { HOUSEKEEPING_JOB, runHousekeeping } from './housekeeping.js';
import { enqueueJob } from './jobs.service.js';

const DAY = 86_400_000;
const DAY0 = '2026-03-02T09:00:00.000Z';
const at = (days: number) => new Date(Date.parse(DAY0) + days * DAY);

describe('housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: DAY0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const mail = (id: string) =>
    t.ctx.db.selectFrom('outbox_mails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobByKey = (key: string) =>
    t.ctx.db.selectFrom('jobs').selectAll().where('key', '=', key).executeTakeFirst();
  const sessionCount = async () => (await t.ctx.db.selectFrom('sessions').select('id').execute()).length;
  const postWithKey = (key: string, name: string) =>
    t.request('agent', 'POST', '/api/v1/customers', { name }, { 'idempotency-key': key });
  const newMail = (subject: string) =>
    enqueueMail(t.ctx, {
      to: 'kunde@example.test',
      subject,
      text: `${subject} text`,
      html: '<p>x</p>',
      purpose: 'test',
    });

  it('prunes what is past its retention and keeps everything else', async () => {
    // Day 80: a recent sent mail and its done job (kept: 11 days old at day 91).
    t.clock.set(at(80));
    const recent = await newMail('recent');
    await t.drainJobs();
    // Day 0: an old sent mail, a failed job, an old unsent mail (its job never runs in this test),
    // a session, an idempotency key.
    t.clock.set(at(0));
    const old = await newMail('old');
    await enqueueJob(t.ctx, { type: 'housekeeping.no-handler', key: 'failed-old', maxAttempts: 1 });
    await t.drainJobs();
    const unsent = await newMail('unsent');
    await login(t.ctx, t.staff.agent.email, PASSWORD);
    await postWithKey('old-key', 'Alt');
    // Day 91 minus 23 hours: a key still inside its 24 hours; day 91: a live session.
    t.clock.set(new Date(at(91).getTime() - 23 * 3_600_000));
    await postWithKey('fresh-key', 'Frisch');
    t.clock.set(at(91));
    await login(t.ctx, t.staff.agent.email, PASSWORD);
    expect(await sessionCount()).toBe(2);

    const result = await runHousekeeping(t.ctx);

    // Mail bodies: 91 days after sending (default retention 90) blanked, 11 days kept, unsent kept.
    expect(await mail(old)).toMatchObject({ text_body: '', html_body: null, subject: 'old', status: 'sent' });
    expect(await mail(recent)).toMatchObject({ text_body: 'recent text', html_body: '<p>x</p>' });
    expect(await mail(unsent)).toMatchObject({ text_body: 'unsent text', status: 'pending' });
    expect((await mail(recent)).status).toBe('sent');
    // Jobs: done 91 days ago deleted, done 11 days ago kept, failed and pending kept.
    expect(await jobByKey(`mail.send:${old}`)).toBeUndefined();
    expect((await jobByKey(`mail.send:${recent}`))?.status).toBe('done');
    expect((await jobByKey('failed-old'))?.status).toBe('failed');
    expect((await jobByKey(`mail.send:${unsent}`))?.status).toBe('pending');
    // Sessions: the one that expired on day 7 is gone, the live one stays.
    expect(await sessionCount()).toBe(1);
    // Idempotency keys: 91 days old gone, 23 hours old kept.
    const keys = (await t.ctx.db.selectFrom('idempotency_keys').select('key').execute()).map((k) => k.key);
    expect(keys.some((k) => k.endsWith(':old-key'))).toBe(false);
    expect(keys.some((k) => k.endsWith(':fresh-key'))).toBe(true);
    expect(result).toMatchObject({ mailBodies: 1, sessions: 1, idempotencyKeys: 1 });
    // A second run finds nothing more to do.
    expect(await runHousekeeping(t.ctx)).toEqual({
      jobs: 0,
      mailBodies: 0,
      idempotencyKeys: 0,
      sessions: 0,
      loginFailures: 0,
      imports: 0,
    });
  });

  it('keeps sent mail bodies as long as the admin sets', async () => {
    t.clock.set(at(200));
    const sent = await newMail('kept longer');
    await t.drainJobs();
    expect(
      (await t.request('admin', 'PUT', '/api/v1/settings/housekeeping', { mailBodyRetentionDays: 365 }))
        .status,
    ).toBe(200);
    t.clock.set(at(200 + 364));
    await runHousekeeping(t.ctx);
    expect((await mail(sent)).text_body).toBe('kept longer text');
    t.clock.set(at(200 + 366));
    await runHousekeeping(t.ctx);
    expect((await mail(sent)).text_body).toBe('');
  });

  it('runs daily as a scheduled job', async () => {
    const schedule = t.registry.schedules.find((s) => s.type === HOUSEKEEPING_JOB);
    // 01:30 company time (Europe/Berlin, summer time in May) is 23:30Z the evening before.
    expect(schedule?.next(new Date('2026-05-01T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-05-01T23:30:00.000Z',
    );
    await t.worker.ensureSchedules();
    const pending = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', HOUSEKEEPING_JOB)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    t.clock.set(pending.run_at);
    await t.drainJobs();
    expect((await jobByKey(pending.key))?.status).toBe('done');
  });
});

describe('housekeeping settings API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the default mail body retention of 90 days to an admin', async () => {
    const res = await t.request('admin', 'GET', '/api/v1/settings/housekeeping');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mailBodyRetentionDays: 90, doneJobRetentionDays: 30 });
  });

  it('refuses managers and agents', async () => {
    expect((await t.request('manager', 'GET', '/api/v1/settings/housekeeping')).status).toBe(403);
    expect(
      (await t.request('agent', 'PUT', '/api/v1/settings/housekeeping', { mailBodyRetentionDays: 5 })).status,
    ).toBe(403);
  });

  it('names the field of an invalid retention period', async () => {
    const res = await t.request('admin', 'PUT', '/api/v1/settings/housekeeping', {
      mailBodyRetentionDays: 0,
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('mailBodyRetentionDays');
  });

  it('stores a change and audits it with before and after', async () => {
    const res = await t.request('admin', 'PUT', '/api/v1/settings/housekeeping', {
      mailBodyRetentionDays: 30,
    });
    expect(res.body).toEqual({ mailBodyRetentionDays: 30, doneJobRetentionDays: 30 });
    expect(
      (await t.request('admin', 'GET', '/api/v1/settings/housekeeping')).body.mailBodyRetentionDays,
    ).toBe(30);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'setting')
      .where('entity_id', '=', 'platform.housekeeping')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(t.staff.admin.id);
    expect(JSON.parse(audit.changes).value.after.mailBodyRetentionDays).toBe(30);
  });
});
