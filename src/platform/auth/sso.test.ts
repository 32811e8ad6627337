// Single sign-on against a real OpenID provider (oidc-provider on loopback): the whole code flow by
// HTTP — our start route, the provider's login and consent pages, our callback — with cookies kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdp, type TestIdp } from '../../../test/helpers/oidc-idp.js';
import { PASSWORD, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

const PUBLIC_URL = 'http://stammkunde.test';

describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let idp: TestIdp;
  let ip = 0;
  beforeAll(async () => {
    t = await startTestApp({ config: { publicUrl: PUBLIC_URL } });
    idp = await startTestIdp(`${PUBLIC_URL}/api/v1/auth/sso/callback`);
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const settings = () => ({
    enabled: true,
    displayName: 'Test-IdP',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: 'openid email profile groups',
    roleClaim: 'groups',
    roleMapping: [
      { value: 'service', role: 'agent' },
      { value: 'leads', role: 'manager' },
      { value: 'it', role: 'admin' },
    ],
    justInTime: 'create',
    allowedDomains: [],
  });

  /** One browser: our start route, the provider's pages, our callback; `tamper` edits the callback URL. */
  async function ssoLogin(
    account: string,
    options: { tamper?: (u: URL) => void; keepCookie?: boolean } = {},
  ) {
    const remoteAddress = `10.30.0.${++ip}`;
    const start = await t.server.inject({ method: 'GET', url: '/api/v1/auth/sso/login', remoteAddress });
    expect(start.statusCode).toBe(302);
    const browser = start.cookies.find((c) => c.name === 'sk_sso');
    expect(browser?.httpOnly).toBe(true);
    const callback = await idp.signIn(start.headers.location as string, account);
    options.tamper?.(callback);
    const res = await t.server.inject({
      method: 'GET',
      url: callback.pathname + callback.search,
      headers: options.keepCookie === false ? {} : { cookie: `sk_sso=${browser!.value}` },
      remoteAddress,
    });
    expect(res.statusCode).toBe(302);
    const session = res.cookies.find((c) => c.name === 'sk_session' && c.value);
    return {
      location: res.headers.location as string,
      session: session?.value,
      callback,
      browser: browser!.value,
    };
  }

  const me = (session: string) =>
    t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `sk_session=${session}` } });

  const userByEmail = async (email: string) =>
    (await t.request('admin', 'GET', '/api/v1/users')).body.items.find(
      (u: { email: string }) => u.email === email,
    );

  const auditOf = (entityId: string, action: string) =>
    t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', entityId)
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  it('offers no single sign-on until an admin sets it up, and its login start leads back to the login page', async () => {
    const option = await t.request(null, 'GET', '/api/v1/auth/sso');
    expect(option.body).toEqual({ enabled: false, displayName: null, loginUrl: null });
    const start = await t.request(null, 'GET', '/api/v1/auth/sso/login');
    expect(start.status).toBe(302);
    expect(start.headers.location).toBe('/login?ssoError=SSO_NOT_CONFIGURED');
  });

  it('names each missing or wrong field when an admin turns it on, in the reader’s language', async () => {
    const empty = await t.request(
      'admin',
      'PUT',
      '/api/v1/settings/sso',
      { enabled: true },
      {
        'accept-language': 'de',
      },
    );
    expect(empty.status).toBe(400);
    const byPath = Object.fromEntries(
      empty.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(byPath).toMatchObject({
      displayName: 'erforderlich',
      issuer: 'erforderlich',
      clientId: 'erforderlich',
      roleMapping: 'mindestens einen Wert einer Rolle zuordnen',
    });
    const wrong = await t.request(
      'admin',
      'PUT',
      '/api/v1/settings/sso',
      {
        ...settings(),
        issuer: 'http://sso.example.com/realms/staff',
        scopes: 'email profile',
        roleMapping: [
          { value: 'it', role: 'admin' },
          { value: 'it', role: 'agent' },
        ],
        justInTime: 'domains',
        allowedDomains: ['not a domain'],
      },
      { 'accept-language': 'en' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'issuer', message: 'use an https address (http only on this machine)' },
        { path: 'scopes', message: 'must include openid' },
        { path: 'roleMapping.1.value', message: 'each value only once' },
        { path: 'allowedDomains.0', message: 'not a domain name (e.g. example.com)' },
      ]),
    );
    const unreachable = await t.request('admin', 'PUT', '/api/v1/settings/sso', {
      ...settings(),
      issuer: 'http://127.0.0.1:9/nothing-here',
    });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.errors).toEqual([
      { path: 'issuer', message: 'no OpenID provider answers at this address' },
    ]);
    expect((await t.request('admin', 'GET', '/api/v1/settings/sso')).body.enabled).toBe(false);
  });

  it('lets only admins change the settings, never answers the secret and audits it without its value', async () => {
    expect((await t.request('manager', 'PUT', '/api/v1/settings/sso', settings())).status).toBe(403);
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/sso', settings());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      enabled: true,
      clientSecretSet: true,
      clientSecretFromEnvironment: false,
      redirectUri: `${PUBLIC_URL}/api/v1/auth/sso/callback`,
    });
    expect(JSON.stringify(saved.body)).not.toContain(idp.clientSecret);
    expect(JSON.stringify((await t.request('admin', 'GET', '/api/v1/settings/sso')).body)).not.toContain(
      idp.clientSecret,
    );
    const audit = await auditOf('sso.clientSecret', 'update');
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).not.toContain(idp.clientSecret);
    // A change without clientSecret keeps the stored one.
    const renamed = await t.request('admin', 'PUT', '/api/v1/settings/sso', { displayName: 'Konzern-Login' });
    expect(renamed.body).toMatchObject({ displayName: 'Konzern-Login', clientSecretSet: true });
    const option = await t.request(null, 'GET', '/api/v1/auth/sso');
    expect(option.body).toEqual({
      enabled: true,
      displayName: 'Konzern-Login',
      loginUrl: '/api/v1/auth/sso/login',
    });
  });

  it('creates a new user just in time with the mapped role, and the session works like a password login', async () => {
    idp.accounts.set('sub-new-1', {
      email: 'Nora.Neu@Example.test',
      email_verified: true,
      name: 'Nora Neu',
      locale: 'en-GB',
      groups: ['staff', 'leads'],
    });
    const login = await ssoLogin('sub-new-1');
    expect(login.location).toBe('/');
    expect(login.session).toBeTruthy();
    const session = await me(login.session!);
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({
      email: 'nora.neu@example.test',
      name: 'Nora Neu',
      role: 'manager',
      locale: 'en',
    });
    // A write with the session needs its CSRF token, exactly as after a password login.
    const headers = { cookie: `sk_session=${login.session}` };
    const noCsrf = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers,
      payload: { name: 'x' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { ...headers, 'x-csrf-token': session.json().csrfToken },
      payload: { name: 'from an SSO session' },
    });
    expect(withCsrf.statusCode).toBe(201);
    const user = session.json().user;
    expect(await auditOf(user.id, 'create')).toHaveLength(1);
    expect(await auditOf(user.id, 'sso.link')).toHaveLength(1);
    expect(await auditOf(user.id, 'sso.login')).toHaveLength(1);
  });

  it('returns to the page asked for, but never to another site', async () => {
    const remoteAddress = '10.30.1.1';
    for (const [asked, expected] of [
      ['/customers/cus_1', '/customers/cus_1'],
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
    ]) {
      const start = await t.server.inject({
        method: 'GET',
        url: `/api/v1/auth/sso/login?returnTo=${encodeURIComponent(asked)}`,
        remoteAddress,
      });
      const callback = await idp.signIn(start.headers.location as string, 'sub-new-1');
      const res = await t.server.inject({
        method: 'GET',
        url: callback.pathname + callback.search,
        headers: { cookie: `sk_sso=${start.cookies.find((c) => c.name === 'sk_sso')!.value}` },
        remoteAddress,
      });
      expect(res.headers.location).toBe(expected);
    }
  });

  it('logs an existing user in by verified e-mail and links the provider identity', async () => {
    idp.accounts.set('sub-agent', { email: 'agent@example.test', email_verified: true, groups: ['service'] });
    const login = await ssoLogin('sub-agent');
    expect(login.location).toBe('/');
    expect((await me(login.session!)).json().user.id).toBe(t.staff.agent.id);
    // Found again by the stored identity even after the e-mail at the provider changed.
    idp.accounts.set('sub-agent', {
      email: 'anna.agent@elsewhere.test',
      email_verified: false,
      groups: ['service'],
    });
    const again = await ssoLogin('sub-agent');
    expect((await me(again.session!)).json().user.id).toBe(t.staff.agent.id);
    expect(await auditOf(t.staff.agent.id, 'sso.link')).toHaveLength(1);
    expect(await auditOf(t.staff.agent.id, 'sso.login')).toHaveLength(2);
  });

  it('takes Entra ID’s xms_edov (domain-verified e-mail) as a verified e-mail', async () => {
    const created = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'eva.entra@example.test',
      name: 'Eva Entra',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    idp.accounts.set('sub-entra', { email: 'eva.entra@example.test', xms_edov: true, groups: ['service'] });
    const login = await ssoLogin('sub-entra');
    expect((await me(login.session!)).json().user.id).toBe(created.body.id);
  });

  it('does not match an existing user by an unverified e-mail', async () => {
    idp.accounts.set('sub-imposter', { email: 'admin@example.test', email_verified: false, groups: ['it'] });
    const login = await ssoLogin('sub-imposter');
    expect(login.location).toBe('/login?ssoError=SSO_NO_ACCOUNT');
    expect(login.session).toBeUndefined();
    const [refusal] = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'sso.refused')
      .where('changes', 'like', '%sub-imposter%')
      .execute();
    expect(refusal.entity_type).toBe('sso_login');
    expect(refusal.actor_name).toBe('single sign-on');
  });

  it('applies a changed role claim at the next login, audited', async () => {
    idp.accounts.set('sub-rolle', {
      email: 'rolf.rolle@example.test',
      email_verified: true,
      groups: ['service'],
    });
    const first = await ssoLogin('sub-rolle');
    const user = (await me(first.session!)).json().user;
    expect(user.role).toBe('agent');
    idp.accounts.set('sub-rolle', {
      email: 'rolf.rolle@example.test',
      email_verified: true,
      groups: ['service', 'it'],
    });
    const second = await ssoLogin('sub-rolle');
    expect((await me(second.session!)).json().user.role).toBe('admin');
    const [change] = await auditOf(user.id, 'update');
    expect(JSON.parse(change.changes)).toEqual({ role: { before: 'agent', after: 'admin' } });
    expect(change.actor_name).toBe('single sign-on');
    // A role change ends the sessions opened with the old role, as it does when an admin changes it.
    expect((await me(first.session!)).statusCode).toBe(401);
  });

  it('refuses a user whose claim maps to no role, with the reason for the login page, and audits it', async () => {
    idp.accounts.set('sub-agent', {
      email: 'agent@example.test',
      email_verified: true,
      groups: ['visitors'],
    });
    const login = await ssoLogin('sub-agent');
    expect(login.location).toBe('/login?ssoError=SSO_NO_ROLE');
    expect(login.session).toBeUndefined();
    const [refusal] = await auditOf(t.staff.agent.id, 'sso.refused');
    expect(JSON.parse(refusal.changes).code.after).toBe('SSO_NO_ROLE');
    expect(JSON.parse(refusal.changes).reason.after).toContain('visitors');
    expect((await userByEmail('agent@example.test')).role).toBe('agent');
  });

  it('refuses a deactivated user', async () => {
    idp.accounts.set('sub-manager', {
      email: 'manager@example.test',
      email_verified: true,
      groups: ['leads'],
    });
    expect((await ssoLogin('sub-manager')).session).toBeTruthy();
    await t.request('admin', 'PATCH', `/api/v1/users/${t.staff.manager.id}`, { active: false });
    const login = await ssoLogin('sub-manager');
    expect(login.location).toBe('/login?ssoError=SSO_USER_INACTIVE');
    expect(login.session).toBeUndefined();
    expect(await auditOf(t.staff.manager.id, 'sso.refused')).toHaveLength(1);
  });

  it('refuses a tampered state, a callback without the starting browser’s cookie, and a replayed callback', async () => {
    idp.accounts.set('sub-agent', { email: 'agent@example.test', email_verified: true, groups: ['service'] });
    const tampered = await ssoLogin('sub-agent', {
      tamper: (u) => u.searchParams.set('state', `${u.searchParams.get('state')}x`),
    });
    expect(tampered.location).toBe('/login?ssoError=SSO_FAILED');
    expect(tampered.session).toBeUndefined();
    const otherBrowser = await ssoLogin('sub-agent', { keepCookie: false });
    expect(otherBrowser.location).toBe('/login?ssoError=SSO_FAILED');
    expect(otherBrowser.session).toBeUndefined();
    const ok = await ssoLogin('sub-agent');
    expect(ok.session).toBeTruthy();
    const replay = await t.server.inject({
      method: 'GET',
      url: ok.callback.pathname + ok.callback.search,
      headers: { cookie: `sk_sso=${ok.browser}` },
      remoteAddress: '10.30.2.1',
    });
    expect(replay.headers.location).toBe('/login?ssoError=SSO_FAILED');
    const refusals = await t.ctx.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'sso.refused')
      .where('changes', 'like', '%SSO_FAILED%')
      .execute();
    expect(refusals.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses when the provider answers an error instead of a code (the user cancelled)', async () => {
    const cancelled = await ssoLogin('sub-agent', {
      tamper: (u) => {
        u.searchParams.delete('code');
        u.searchParams.set('error', 'access_denied');
      },
    });
    expect(cancelled.location).toBe('/login?ssoError=SSO_FAILED');
    expect(cancelled.session).toBeUndefined();
  });

  it('creates users only of the listed domains when the rule says so, and none when it is off', async () => {
    await t.request('admin', 'PUT', '/api/v1/settings/sso', {
      justInTime: 'domains',
      allowedDomains: ['autohaus.test'],
    });
    idp.accounts.set('sub-d1', { email: 'dora@autohaus.test', email_verified: true, groups: ['service'] });
    idp.accounts.set('sub-d2', { email: 'dave@other.test', email_verified: true, groups: ['service'] });
    expect((await ssoLogin('sub-d1')).location).toBe('/');
    expect((await ssoLogin('sub-d2')).location).toBe('/login?ssoError=SSO_NO_ACCOUNT');
    expect(await userByEmail('dave@other.test')).toBeUndefined();
    await t.request('admin', 'PUT', '/api/v1/settings/sso', { justInTime: 'off' });
    idp.accounts.set('sub-d3', { email: 'doris@autohaus.test', email_verified: true, groups: ['service'] });
    expect((await ssoLogin('sub-d3')).location).toBe('/login?ssoError=SSO_NO_ACCOUNT');
    expect(await userByEmail('doris@autohaus.test')).toBeUndefined();
    // Existing users still get in with the rule off.
    expect((await ssoLogin('sub-d1')).location).toBe('/');
  });

  it('keeps password login working beside single sign-on', async () => {
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@example.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('single sign-on with the client secret from OIDC_CLIENT_SECRET', () => {
  let t: TestApp;
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp(`${PUBLIC_URL}/api/v1/auth/sso/callback`);
    t = await startTestApp({ config: { publicUrl: PUBLIC_URL, oidcClientSecret: idp.clientSecret } });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('turns on without a stored secret, says where the secret comes from, and signs in with it', async () => {
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/sso', {
      enabled: true,
      displayName: 'Env-IdP',
      issuer: idp.issuer,
      clientId: idp.clientId,
      scopes: 'openid email groups',
      roleMapping: [{ value: 'service', role: 'agent' }],
      justInTime: 'create',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ clientSecretSet: true, clientSecretFromEnvironment: true });
    expect(
      await t.ctx.db.selectFrom('settings').select('key').where('key', '=', 'sso.clientSecret').execute(),
    ).toEqual([]);
    idp.accounts.set('sub-env', { email: 'emil@example.test', email_verified: true, groups: ['service'] });
    const start = await t.server.inject({ method: 'GET', url: '/api/v1/auth/sso/login' });
    const callback = await idp.signIn(start.headers.location as string, 'sub-env');
    const res = await t.server.inject({
      method: 'GET',
      url: callback.pathname + callback.search,
      headers: { cookie: `sk_sso=${start.cookies.find((c) => c.name === 'sk_sso')!.value}` },
    });
    expect(res.headers.location).toBe('/');
    expect(res.cookies.find((c) => c.name === 'sk_session')?.value).toBeTruthy();
  });
});
