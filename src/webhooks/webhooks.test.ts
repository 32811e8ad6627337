// Webhook endpoints through the HTTP API: admins only, secrets shown once, URL rules (SSRF) at
// registration, rotation, enable/disable, audit, the event catalogue and its OpenAPI components.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { listAuditForEntity } from '../platform/audit/audit.service.js';
import { WEBHOOK_EVENTS } from './webhooks.events.js';

describe('webhook endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The default installation: https only, no private targets.
    t = await startTestApp({ config: { webhooksAllowPrivate: false, webhooksAllowHttp: false } });
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    t.request('admin', 'POST', '/api/v1/webhooks/endpoints', body, headers);

  it('answers the generated secret on create and never again', async () => {
    const res = await register({
      url: 'https://hooks.example.com/in',
      events: ['case.created'],
      description: 'CRM',
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32);
    expect(res.body).toMatchObject({
      url: 'https://hooks.example.com/in',
      events: ['case.created'],
      enabled: true,
    });
    const one = await t.request('admin', 'GET', `/api/v1/webhooks/endpoints/${res.body.id}`);
    const list = await t.request('admin', 'GET', '/api/v1/webhooks/endpoints');
    expect(one.status).toBe(200);
    expect(one.text).not.toContain(res.body.secret.slice(6, 20));
    expect(one.body.secret).toBeUndefined();
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(res.body.id);
    expect(list.text).not.toContain(res.body.secret.slice(6, 20));
    const audit = await listAuditForEntity(t.ctx, 'webhook_endpoint', res.body.id);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(audit)).not.toContain(res.body.secret.slice(6, 20));
  });

  it.each([
    ['https://127.0.0.1/hook'],
    ['https://localhost:8443/hook'],
    ['https://[::1]/hook'],
    ['https://[::ffff:127.0.0.1]/hook'],
    ['https://[::ffff:7f00:1]/hook'],
    ['https://10.1.2.3/hook'],
    ['https://172.20.0.1/hook'],
    ['https://192.168.1.10/hook'],
    ['https://169.254.169.254/latest/meta-data'],
    ['https://[fd12:3456::1]/hook'],
    ['https://[fe80::1]/hook'],
    ['https://2130706433/hook'],
    ['https://[64:ff9b::a00:1]/hook'],
  ])('refuses the private or local target %s with a field error on url', async (url) => {
    const res = await register({ url, events: ['case.created'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { path: 'url', message: 'must not point to a private or local address' },
    ]);
  });

  it('words the url error in the reader language', async () => {
    const res = await register(
      { url: 'https://127.0.0.1/x', events: ['case.created'] },
      { 'accept-language': 'de' },
    );
    expect(res.body.errors).toEqual([
      { path: 'url', message: 'darf nicht auf eine private oder lokale Adresse zeigen' },
    ]);
  });

  it('refuses plain http until the admin allows it', async () => {
    const body = { url: 'http://hooks.example.com/in', events: ['survey.answered'] };
    const refused = await register(body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'url', message: 'must be an https URL' }]);
    const settings = await t.request('admin', 'GET', '/api/v1/settings/webhooks');
    const put = await t.request('admin', 'PUT', '/api/v1/settings/webhooks', {
      ...settings.body,
      allowHttp: true,
    });
    expect(put.status).toBe(200);
    expect((await register(body)).status).toBe(201);
    // http to a loopback address stays refused: allowing http does not allow private targets.
    const loop = await register({ ...body, url: 'http://127.0.0.1:9/in' });
    expect(loop.body.errors[0].path).toBe('url');
    await t.request('admin', 'PUT', '/api/v1/settings/webhooks', settings.body);
  });

  it('refuses an event that is not in the catalogue naming the field', async () => {
    const res = await register({
      url: 'https://hooks.example.com/in',
      events: ['case.created', 'case.deleted'],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('events.1');
  });

  it('refuses a url with credentials in it', async () => {
    const res = await register({ url: 'https://user:pw@hooks.example.com/in', events: ['case.created'] });
    expect(res.body.errors).toEqual([{ path: 'url', message: 'must not contain a user name or password' }]);
  });

  it('rotates the secret: a new one is answered once and the old one signs during the grace', async () => {
    const created = await register({ url: 'https://hooks.example.com/rot', events: ['case.closed'] });
    const rotated = await t.request(
      'admin',
      'POST',
      `/api/v1/webhooks/endpoints/${created.body.id}/rotate-secret`,
      {
        graceHours: 6,
      },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.previousSecretExpiresAt).toBe(
      new Date(t.clock.now().getTime() + 6 * 3_600_000).toISOString(),
    );
    const audit = await listAuditForEntity(t.ctx, 'webhook_endpoint', created.body.id);
    expect(audit.map((a) => a.action)).toContain('rotate_secret');
    expect(JSON.stringify(audit)).not.toContain(rotated.body.secret.slice(6, 20));
  });

  it('disables, enables, changes and deletes an endpoint, each audited', async () => {
    const { body: e } = await register({ url: 'https://hooks.example.com/life', events: ['case.created'] });
    const off = await t.request('admin', 'PATCH', `/api/v1/webhooks/endpoints/${e.id}`, { enabled: false });
    expect(off.body).toMatchObject({
      enabled: false,
      disabledReason: 'admin',
      disabledAt: t.clock.now().toISOString(),
    });
    const on = await t.request('admin', 'PATCH', `/api/v1/webhooks/endpoints/${e.id}`, { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null });
    const changed = await t.request('admin', 'PATCH', `/api/v1/webhooks/endpoints/${e.id}`, {
      events: ['customer.lost', 'customer.won_back'],
      url: 'https://10.0.0.1/x',
    });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0].path).toBe('url');
    const ok = await t.request('admin', 'PATCH', `/api/v1/webhooks/endpoints/${e.id}`, {
      events: ['customer.lost', 'customer.won_back'],
    });
    expect(ok.body.events).toEqual(['customer.lost', 'customer.won_back']);
    expect((await t.request('admin', 'DELETE', `/api/v1/webhooks/endpoints/${e.id}`)).status).toBe(204);
    expect((await t.request('admin', 'GET', `/api/v1/webhooks/endpoints/${e.id}`)).status).toBe(404);
    const actions = (await listAuditForEntity(t.ctx, 'webhook_endpoint', e.id))
      .map((a) => a.action)
      .reverse();
    expect(actions).toEqual(['create', 'disable', 'enable', 'update', 'delete']);
  });

  it('answers 403 to agents and managers on every webhook route', async () => {
    const routes = t.server.routeTable.filter((r) => r.url.includes('webhooks'));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const answers: string[] = [];
    for (const r of routes)
      for (const role of ['agent', 'manager'] as const) {
        const url = r.url.replace(':id', 'whe_x');
        const res = await t.request(
          role,
          r.method,
          url,
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        );
        answers.push(`${role} ${r.method} ${r.url} ${res.status}`);
      }
    expect(answers.filter((a) => !a.endsWith(' 403'))).toEqual([]);
  });

  it('lists every catalogue event with a description and its payload schema', async () => {
    const res = await t.request('admin', 'GET', '/api/v1/webhooks/events');
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { name: string }) => e.name)).toEqual(WEBHOOK_EVENTS);
    const answered = res.body.items.find((e: { name: string }) => e.name === 'survey.answered');
    expect(answered.payloadSchema.properties.score).toMatchObject({ type: 'integer', nullable: true });
    expect(answered.payloadComponent).toBe('WebhookPayloadSurveyAnswered');
  });

  it('documents the payloads as OpenAPI components and every webhook route with a summary', async () => {
    const doc = (await t.request(null, 'GET', '/api/docs/json')).body;
    expect(doc.components.schemas.WebhookPayloadCaseCreated.properties.caseId.type).toBe('string');
    expect(doc.components.schemas.WebhookPayloadLoyaltyPenaltyFound.required).toContain(
      'overpaymentPerYearMinor',
    );
    const ops = Object.entries(
      doc.paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>,
    )
      .filter(([p]) => p.includes('/webhooks'))
      .flatMap(([, methods]) => Object.values(methods));
    expect(ops.length).toBeGreaterThanOrEqual(8);
    expect(ops.filter((o) => !o.summary || !o.tags?.includes('webhooks'))).toEqual([]);
  });
});
