// /metrics as Prometheus scrapes it: behind the token, with HTTP latency by route pattern, the job
// queue, the mail outbox and SLA breaches read from the database at scrape time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { enqueueMail } from '../mail/mail.service.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const NOW = '2026-03-02T09:00:00.000Z';

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  let t: TestApp;
  const scrape = async () => {
    const res = await t.request(null, 'GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    return res.text;
  };
  beforeAll(async () => {
    // A closed port: every delivery attempt fails at once, so the outbox can show a failed mail.
    t = await startTestApp({ now: NOW, smtpUrl: 'smtp://127.0.0.1:9', config: { metricsToken: TOKEN } });
  });
  afterAll(() => t.close());

  it('does not exist without METRICS_TOKEN', async () => {
    const plain = await startTestApp({ now: NOW });
    try {
      const res = await plain.request(null, 'GET', '/metrics', undefined, {
        authorization: `Bearer ${TOKEN}`,
      });
      expect(res.status).toBe(404);
      // Not the web app's shell either, when the web app is built.
      expect(res.headers['content-type']).toContain('application/problem+json');
    } finally {
      await plain.close();
    }
  });

  it('refuses a scrape without the token or with a wrong one', async () => {
    expect((await t.request(null, 'GET', '/metrics')).status).toBe(401);
    const wrong = await t.request(null, 'GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
    // A staff API token is not the metrics token.
    expect((await t.request('admin', 'GET', '/metrics')).status).toBe(401);
  });

  it('times requests by route pattern and status class, never by concrete path', async () => {
    const c = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Metrik Kunde' });
    expect(c.status).toBe(201);
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.body.id}`)).status).toBe(200);
    expect((await t.request('agent', 'GET', '/api/v1/customers/cus_missing')).status).toBe(404);
    const text = await scrape();
    expect(text).toContain('# TYPE stammkunde_http_request_duration_seconds histogram');
    const series = (status: string) =>
      `stammkunde_http_request_duration_seconds_count{method="GET",route="/api/v1/customers/:id",status_class="${status}"}`;
    expect(sample(text, series('2xx'))).toBe(1);
    expect(sample(text, series('4xx'))).toBe(1);
    expect(text).not.toContain(c.body.id);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('shows the job queue depth and the oldest due job age by type', async () => {
    const ctx = t.ctx;
    const now = t.clock.now().getTime();
    await enqueueJob(ctx, { type: 'metrics.probe', key: 'probe-1', runAt: new Date(now - 90_000) });
    await enqueueJob(ctx, { type: 'metrics.probe', key: 'probe-2', runAt: new Date(now - 30_000) });
    await enqueueJob(ctx, { type: 'metrics.probe', key: 'probe-3', runAt: new Date(now + 3_600_000) });
    const text = await scrape();
    expect(sample(text, 'stammkunde_job_queue_depth{type="metrics.probe"}')).toBe(2);
    expect(sample(text, 'stammkunde_job_queue_oldest_age_seconds{type="metrics.probe"}')).toBe(90);
  });

  it('counts outbox mails still being tried and those given up', async () => {
    const mail = { to: 'outbox@example.de', subject: 'Test', text: 'Hallo', purpose: 'test' };
    await enqueueMail(t.ctx, mail);
    // 25 attempts with growing backoff against a closed SMTP port: the mail is given up.
    for (let i = 0; i < 30; i++) {
      t.clock.advance(2 * 3_600_000);
      await t.drainJobs();
    }
    await enqueueMail(t.ctx, mail);
    const text = await scrape();
    expect(sample(text, 'stammkunde_outbox_mails{state="failed"}')).toBe(1);
    expect(sample(text, 'stammkunde_outbox_mails{state="pending"}')).toBe(1);
    expect(sample(text, 'stammkunde_jobs_failed{type="mail.send"}')).toBe(1);
  });

  it('counts queued cases past their first-response due time as SLA breaches', async () => {
    const series = 'stammkunde_case_sla_breached{clock="first_response"}';
    const c = await t.request('agent', 'POST', '/api/v1/customers', { name: 'SLA Kunde' });
    const k = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId: c.body.id,
      points: [{ text: 'x' }],
    });
    expect(k.status).toBe(201);
    expect(sample(await scrape(), series)).toBe(0);
    t.clock.advance(14 * 86_400_000);
    expect(sample(await scrape(), series)).toBe(1);
    expect(sample(await scrape(), 'stammkunde_case_sla_breached{clock="resolution"}')).toBe(1);
  });
});
