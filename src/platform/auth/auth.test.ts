import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe('authentication and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz without login', async () => {
    const res = await t.request(null, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('refuses an API route without credentials with 401 problem+json', async () => {
    const res = await t.request(null, 'GET', '/api/v1/users');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('logs in with a session cookie and requires the CSRF token for writes', async () => {
    const login = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@example.test', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'sk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const csrf = login.json().csrfToken as string;
    const headers = { cookie: `sk_session=${cookie!.value}` };
    const me = await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect(me.json().user.email).toBe('admin@example.test');
    const body = { name: 'Hotline' };
    const noCsrf = await t.server.inject({ method: 'POST', url: '/api/v1/teams', headers, payload: body });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_TOKEN_INVALID');
    const withCsrf = await t.server.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { ...headers, 'x-csrf-token': csrf },
      payload: body,
    });
    expect(withCsrf.statusCode).toBe(201);
  });

  it('refuses a wrong password without saying whether the e-mail exists', async () => {
    const wrong = await t.request(null, 'POST', '/api/v1/auth/login', {
      email: 'admin@example.test',
      password: 'nope',
    });
    const unknown = await t.request(null, 'POST', '/api/v1/auth/login', {
      email: 'ghost@example.test',
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rate-limits repeated login attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = await t.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'x@example.test', password: 'bad' },
        remoteAddress: '10.9.9.9',
      });
      statuses.push(r.statusCode);
    }
    expect(statuses).toContain(429);
  });

  it('forbids an agent to create users', async () => {
    const res = await t.request('agent', 'POST', '/api/v1/users', {
      email: 'new@example.test',
      name: 'New',
      role: 'agent',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('forbids a manager to change a user', async () => {
    const res = await t.request('manager', 'PATCH', `/api/v1/users/${t.staff.agent.id}`, { role: 'admin' });
    expect(res.status).toBe(403);
  });

  it('names the bad field when creating a user with an invalid e-mail, and creates nothing', async () => {
    const before = await t.request('admin', 'GET', '/api/v1/users');
    const res = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'not-an-email',
      name: 'X',
      role: 'agent',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('email');
    const after = await t.request('admin', 'GET', '/api/v1/users');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'agent@example.test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('stops accepting a revoked API token', async () => {
    const created = await t.request('agent', 'POST', '/api/v1/auth/tokens', { name: 'integration' });
    expect(created.status).toBe(201);
    const ok = await t.request(null, 'GET', '/api/v1/auth/me', undefined, {
      authorization: `Bearer ${created.body.token}`,
    });
    expect(ok.status).toBe(200);
    await t.request('agent', 'DELETE', `/api/v1/auth/tokens/${created.body.id}`);
    const revoked = await t.request(null, 'GET', '/api/v1/auth/me', undefined, {
      authorization: `Bearer ${created.body.token}`,
    });
    expect(revoked.status).toBe(401);
  });

  it('deactivating a user ends their access', async () => {
    const u = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'leaver@example.test',
      name: 'Leaver',
      role: 'agent',
      password: PASSWORD,
    });
    const login = await t.request(null, 'POST', '/api/v1/auth/login', {
      email: 'leaver@example.test',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    await t.request('admin', 'PATCH', `/api/v1/users/${u.body.id}`, { active: false });
    const again = await t.request(null, 'POST', '/api/v1/auth/login', {
      email: 'leaver@example.test',
      password: PASSWORD,
    });
    expect(again.status).toBe(401);
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await t.request(null, 'GET', '/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/users');
  });
});
