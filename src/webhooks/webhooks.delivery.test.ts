// Deliveries to a real HTTP receiver on 127.0.0.1 (private targets allowed for the test): signed per
// Standard Webhooks (checked with the spec's reference verifier), retried with backoff under the
// same webhook-id, disabled after failures in a row with a notice to an admin, refused at delivery
// time when the target is no longer allowed, and erased with the customer.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { listAuditForEntity } from '../platform/audit/audit.service.js';
import { pruneDeliveries } from './webhooks.log.js';
import { defaultWebhookSettings } from './webhooks.settings.js';

describe('webhook deliveries', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let receiver: WebhookReceiver;
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startWebhookReceiver();
    t = await startTestApp({
      now: '2026-03-02T09:00:00.000Z',
      smtpUrl: smtp.url,
      config: { webhooksAllowPrivate: true, webhooksAllowHttp: true },
    });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
    await smtp.stop();
  });
  beforeEach(async () => {
    receiver.reset();
    // Each test starts with only its own endpoint.
    for (const e of (await t.request('admin', 'GET', '/api/v1/webhooks/endpoints')).body.items)
      await t.request('admin', 'DELETE', `/api/v1/webhooks/endpoints/${e.id}`);
    await t.request('admin', 'PUT', '/api/v1/settings/webhooks', defaultWebhookSettings);
  });

  const endpoint = async (events = ['case.created'], url = receiver.url) => {
    const res = await t.request('admin', 'POST', '/api/v1/webhooks/endpoints', { url, events });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  };
  const customer = async () => {
    n++;
    const res = await t.request('agent', 'POST', '/api/v1/customers', {
      name: `Kundin ${n}`,
      email: `k${n}@example.de`,
    });
    return res.body as { id: string; name: string };
  };
  const openCase = async (customerId: string) => {
    const res = await t.request('agent', 'POST', '/api/v1/cases', {
      customerId,
      channel: 'email',
      points: [{ text: 'Die Rechnung stimmt nicht.' }],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  /** The reference verifier with the wall clock at the app's clock (it checks the timestamp's age). */
  const verify = (secret: string, body: string, headers: Record<string, string>) => {
    vi.useFakeTimers({ toFake: ['Date'], now: t.clock.now() });
    try {
      return new Webhook(secret).verify(body, headers) as { type: string; data: Record<string, unknown> };
    } finally {
      vi.useRealTimers();
    }
  };
  const log = async (endpointId: string) =>
    (
      await t.request('admin', 'GET', `/api/v1/webhooks/endpoints/${endpointId}/deliveries`)
    ).body.items.reverse();

  it('delivers case.created for a case opened through the API, verifiable with the reference verifier', async () => {
    const e = await endpoint();
    const c = await customer();
    const k = await openCase(c.id);
    await t.drainJobs();
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    const payload = verify(e.secret, got.body, got.headers);
    expect(payload.type).toBe('case.created');
    expect(payload.data).toMatchObject({ caseId: k.id, customerId: c.id, channel: 'email' });
    expect(got.headers['webhook-id']).toMatch(/^msg_/);
    expect(got.headers['webhook-timestamp']).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
    expect(got.body).not.toContain(c.name);
    expect(got.body).not.toContain('Rechnung');
    const [attempt] = await log(e.id);
    expect(attempt).toMatchObject({
      deliveryId: got.headers['webhook-id'],
      eventType: 'case.created',
      attempt: 1,
      statusCode: 200,
      error: null,
      nextRetryAt: null,
      deliveryStatus: 'delivered',
    });
  });

  it('sends nothing to an endpoint that did not subscribe to the event', async () => {
    await endpoint(['customer.lost']);
    await openCase((await customer()).id);
    await t.drainJobs();
    expect(receiver.received).toHaveLength(0);
  });

  it('signs with the old and the new secret during the rotation grace, then with the new one only', async () => {
    const e = await endpoint();
    const rotated = await t.request('admin', 'POST', `/api/v1/webhooks/endpoints/${e.id}/rotate-secret`, {
      graceHours: 1,
    });
    const c = await customer();
    await openCase(c.id);
    await t.drainJobs();
    const during = receiver.received[0];
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verify(rotated.body.secret, during.body, during.headers).type).toBe('case.created');
    expect(verify(e.secret, during.body, during.headers).type).toBe('case.created');

    t.clock.advance(3_600_001);
    await openCase(c.id);
    await t.drainJobs();
    const after = receiver.received[1];
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(verify(rotated.body.secret, after.body, after.headers).type).toBe('case.created');
    expect(() => verify(e.secret, after.body, after.headers)).toThrow(/No matching signature/);
  });

  it('retries a failing receiver with exponential backoff under the same webhook-id until it answers 2xx', async () => {
    const e = await endpoint();
    receiver.respondWith(500, 503);
    await openCase((await customer()).id);
    const start = t.clock.now().getTime();
    await t.drainJobs();
    expect(receiver.received).toHaveLength(1);
    await t.drainJobs(); // not due yet: nothing is sent
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(1000);
    await t.drainJobs();
    expect(receiver.received).toHaveLength(2);
    t.clock.advance(1999);
    await t.drainJobs();
    expect(receiver.received).toHaveLength(2);
    t.clock.advance(1);
    await t.drainJobs();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const attempts = await log(e.id);
    expect(attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 200]);
    expect(attempts.map((a: { nextRetryAt: string | null }) => a.nextRetryAt)).toEqual([
      new Date(start + 1000).toISOString(),
      new Date(start + 3000).toISOString(),
      null,
    ]);
    expect(attempts.map((a: { error: string | null }) => a.error)).toEqual(['HTTP 500', 'HTTP 503', null]);
    const after = await t.request('admin', 'GET', `/api/v1/webhooks/endpoints/${e.id}`);
    expect(after.body.consecutiveFailures).toBe(0);
  });

  it('logs a timeout when the receiver does not answer in time', async () => {
    await t.request('admin', 'PUT', '/api/v1/settings/webhooks', {
      ...defaultWebhookSettings,
      timeoutSeconds: 1,
    });
    const e = await endpoint();
    receiver.respondWith('hang');
    await openCase((await customer()).id);
    await t.drainJobs();
    const [attempt] = await log(e.id);
    expect(attempt).toMatchObject({
      statusCode: null,
      error: 'timeout after 1000 ms',
      deliveryStatus: 'pending',
    });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(900);
  });

  it('disables the endpoint after the configured failures in a row and tells an admin by task and mail', async () => {
    await t.request('admin', 'PUT', '/api/v1/settings/webhooks', {
      ...defaultWebhookSettings,
      disableAfterFailures: 3,
    });
    const e = await endpoint();
    receiver.respondWith(500, 500, 500);
    await openCase((await customer()).id);
    for (let i = 0; i < 6; i++) {
      await t.drainJobs();
      t.clock.advance(60_000);
    }
    expect(receiver.received).toHaveLength(3);
    const ep = (await t.request('admin', 'GET', `/api/v1/webhooks/endpoints/${e.id}`)).body;
    expect(ep).toMatchObject({ enabled: false, disabledReason: 'failures', consecutiveFailures: 3 });
    const attempts = await log(e.id);
    expect(attempts.at(-1)).toMatchObject({ attempt: 3, nextRetryAt: null, deliveryStatus: 'failed' });
    const tasks = (await t.request('admin', 'GET', `/api/v1/tasks?assigneeId=${t.staff.admin.id}`)).body
      .items;
    const task = tasks.find((x: { sourceRef: string }) => x.sourceRef === e.id);
    expect(task).toMatchObject({
      priority: 'high',
      status: 'open',
      titleKey: 'webhooks:notice.disabledTitle',
    });
    expect(task.title).toBe(`Webhook nach wiederholten Fehlern abgeschaltet: ${receiver.url}`);
    const mails = await smtp.waitFor(1);
    const mail = mails.find((m) => (m.to as { text: string }).text === t.staff.admin.email);
    expect(mail?.subject).toBe(`Webhook abgeschaltet: ${receiver.url}`);
    expect(mail?.text).toContain('3-mal in Folge');
    const actions = (await listAuditForEntity(t.ctx, 'webhook_endpoint', e.id)).map((a) => a.action);
    expect(actions).toContain('disable_failures');

    // Disabled: a new event makes no delivery; enabling again starts the count afresh.
    await openCase((await customer()).id);
    await t.drainJobs();
    expect(receiver.received).toHaveLength(3);
    const on = await t.request('admin', 'PATCH', `/api/v1/webhooks/endpoints/${e.id}`, { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('refuses at delivery time a target that is no longer allowed, and sends nothing', async () => {
    const e = await endpoint();
    await openCase((await customer()).id);
    // The installation withdraws WEBHOOKS_ALLOW_PRIVATE after the endpoint was registered.
    t.ctx.config.webhooksAllowPrivate = false;
    try {
      await t.drainJobs();
    } finally {
      t.ctx.config.webhooksAllowPrivate = true;
    }
    expect(receiver.received).toHaveLength(0);
    const [attempt] = await log(e.id);
    expect(attempt).toMatchObject({ statusCode: null, deliveryStatus: 'pending' });
    expect(attempt.error).toMatch(/target refused: must not point to a private or local address/);
  });

  it('exports the deliveries about a customer and erases their bodies with the customer', async () => {
    const e = await endpoint();
    receiver.respondWith(500);
    const c = await customer();
    await openCase(c.id);
    await t.drainJobs();
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.webhooks[0]).toMatchObject({
      eventType: 'case.created',
      endpointUrl: receiver.url,
      status: 'pending',
    });
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    t.clock.advance(10_000);
    await t.drainJobs();
    expect(receiver.received).toHaveLength(1); // the retry was cancelled by the erasure
    const after = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(after.body.data.webhooks[0]).toMatchObject({ status: 'skipped', body: null });
    expect((await log(e.id)).at(-1).deliveryStatus).toBe('skipped');
  });

  it('prunes finished deliveries and their log after the retention, keeping pending ones', async () => {
    const e = await endpoint();
    const c = await customer();
    await openCase(c.id);
    await t.drainJobs();
    receiver.respondWith(500);
    await openCase(c.id);
    await t.drainJobs();
    expect(await log(e.id)).toHaveLength(2);
    const deleted = await pruneDeliveries(t.ctx, new Date(t.clock.now().getTime() + 1));
    expect(deleted).toBe(1);
    const left = await log(e.id);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ statusCode: 500, deliveryStatus: 'pending' });
  });

  it('keeps delivering to other endpoints while one receiver hangs until its timeout', async () => {
    await t.request('admin', 'PUT', '/api/v1/settings/webhooks', {
      ...defaultWebhookSettings,
      timeoutSeconds: 2,
    });
    const slow = await startWebhookReceiver('/slow');
    try {
      slow.respondWith('hang');
      const hanging = await endpoint(['case.created'], slow.url);
      await endpoint();
      await openCase((await customer()).id);
      const started = Date.now();
      const drained = t.drainJobs();
      await receiver.waitFor(1, 1500);
      expect(receiver.received).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(1500);
      await drained;
      const [attempt] = await log(hanging.id);
      expect(attempt.error).toBe('timeout after 2000 ms');
    } finally {
      await slow.close();
    }
  });
});
