import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe('credentials: password reset, token expiry, references', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function newUserWithCredentials(email: string) {
    const user = await t.request('admin', 'POST', '/api/v1/users', {
      email,
      name: 'Rita Reset',
      role: 'agent',
      password: PASSWORD,
    });
    const login = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const token = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: 'integration' },
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
    });
    return {
      id: user.body.id as string,
      cookie,
      token: token.json().token as string,
      tokenBody: token.json(),
    };
  }
  const me = (headers: Record<string, string>) =>
    t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

  it('ends the old session and revokes the old API tokens when an admin resets the password', async () => {
    const u = await newUserWithCredentials('rita@example.test');
    expect((await me({ cookie: u.cookie })).statusCode).toBe(200);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(200);
    const reset = await t.request('admin', 'PATCH', `/api/v1/users/${u.id}`, {
      password: 'a new long passphrase',
    });
    expect(reset.status).toBe(200);
    expect((await me({ cookie: u.cookie })).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(401);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', u.id)
      .where('action', '=', 'credentials.revoke')
      .execute();
    expect(audit).toEqual([{ action: 'credentials.revoke', actor_id: t.staff.admin.id }]);
  });

  it('keeps credentials when an admin changes something other than the password', async () => {
    const u = await newUserWithCredentials('nina@example.test');
    await t.request('admin', 'PATCH', `/api/v1/users/${u.id}`, { name: 'Nina Neu' });
    expect((await me({ cookie: u.cookie })).statusCode).toBe(200);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(200);
  });

  it('expires an API token after its term (90 days by default)', async () => {
    const u = await newUserWithCredentials('tom@example.test');
    const created = new Date(u.tokenBody.createdAt).getTime();
    expect(new Date(u.tokenBody.expiresAt).getTime() - created).toBe(90 * 86_400_000);
    t.clock.advance(89 * 86_400_000);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(200);
    t.clock.advance(2 * 86_400_000);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(401);
  });

  it('refuses a token term beyond two years with a field error', async () => {
    const res = await t.request('agent', 'POST', '/api/v1/auth/tokens', {
      name: 'forever',
      expiresInDays: 5000,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('expiresInDays');
  });

  it('lets an admin list and revoke another user’s tokens, and nobody else', async () => {
    const u = await newUserWithCredentials('ute@example.test');
    expect((await t.request('manager', 'GET', `/api/v1/users/${u.id}/tokens`)).status).toBe(403);
    const list = await t.request('admin', 'GET', `/api/v1/users/${u.id}/tokens`);
    expect(list.body.items).toHaveLength(1);
    const tokenId = list.body.items[0].id;
    expect((await t.request('agent', 'DELETE', `/api/v1/users/${u.id}/tokens/${tokenId}`)).status).toBe(403);
    expect((await t.request('admin', 'DELETE', `/api/v1/users/${u.id}/tokens/${tokenId}`)).status).toBe(204);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(401);
  });

  it('refuses passwords shorter than 12 characters', async () => {
    const res = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'short@example.test',
      name: 'Short',
      role: 'agent',
      password: 'elevenchars',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('password');
  });

  it('refuses unknown team and manager ids with field errors instead of a 500', async () => {
    const base = { name: 'Nobody', role: 'agent' };
    const team = await t.request('admin', 'POST', '/api/v1/users', {
      ...base,
      email: 'a1@example.test',
      teamId: 'team_x',
    });
    expect(team.status).toBe(400);
    expect(team.body.errors[0].path).toBe('teamId');
    const boss = await t.request('admin', 'POST', '/api/v1/users', {
      ...base,
      email: 'a2@example.test',
      managerId: 'usr_x',
    });
    expect(boss.status).toBe(400);
    expect(boss.body.errors[0].path).toBe('managerId');
    const self = await t.request('admin', 'PATCH', `/api/v1/users/${t.staff.agent.id}`, {
      managerId: t.staff.agent.id,
    });
    expect(self.status).toBe(400);
    const parent = await t.request('admin', 'POST', '/api/v1/teams', { name: 'Orphans', parentId: 'team_x' });
    expect(parent.status).toBe(400);
    expect(parent.body.errors[0].path).toBe('parentId');
  });
});
