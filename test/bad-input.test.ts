// Bad input that once answered 500 or wrote something (found by fuzzing the write routes,
// test/fuzz.test.ts): each must be a 4xx problem that names the field and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintReader } from './helpers/db-fingerprint.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('bad input that used to answer 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses an empty ownerId on a customer naming the field', async () => {
    const res = await t.request('agent', 'POST', '/api/v1/customers', { name: 'Empty Owner', ownerId: '' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('ownerId');
    const list = await t.request('agent', 'GET', '/api/v1/customers?q=Empty%20Owner');
    expect(list.body.items).toHaveLength(0);
  });

  it('refuses an empty tier-rule list', async () => {
    const before = await t.request('admin', 'GET', '/api/v1/settings/tiers');
    const res = await t.request('admin', 'PUT', '/api/v1/settings/tiers', { rules: [] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toContain('rules');
    expect((await t.request('admin', 'GET', '/api/v1/settings/tiers')).body).toEqual(before.body);
  });

  it('reports a quote inside an unquoted CSV field as a file error with its line', async () => {
    const res = await t.request(
      'manager',
      'POST',
      '/api/v1/imports/customers',
      'external_ref,name\nK-1,Ab"c\n',
      {
        'content-type': 'text/csv',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('file');
    expect(res.body.errors[0].message).toMatch(/line 2/);
  });

  const customer = async (body: Record<string, unknown>) => {
    const res = await t.request('agent', 'POST', '/api/v1/customers', body);
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const idempotencyKeys = async () =>
    (await t.ctx.db.selectFrom('idempotency_keys').select('key').execute()).length;

  it('refuses another customer’s external reference on a change as 409 naming externalRef', async () => {
    await customer({ name: 'Ref Holder', externalRef: 'ERP-DUP-1' });
    const other = await customer({ name: 'Ref Taker' });
    const res = await t.request('agent', 'PATCH', `/api/v1/customers/${other.id}`, {
      externalRef: 'ERP-DUP-1',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE');
    expect(res.body.errors[0].path).toBe('externalRef');
    expect((await t.request('agent', 'GET', `/api/v1/customers/${other.id}`)).body.externalRef).toBeNull();
  });

  it('keeps a customer’s own external reference on a change that repeats it', async () => {
    const c = await customer({ name: 'Ref Keeper', externalRef: 'ERP-OWN-1' });
    const res = await t.request('agent', 'PATCH', `/api/v1/customers/${c.id}`, {
      externalRef: 'ERP-OWN-1',
      name: 'Ref Keeper 2',
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Ref Keeper 2');
  });

  it('refuses empty team and manager ids naming the field', async () => {
    const team = await t.request('admin', 'POST', '/api/v1/teams', { name: 'Empty Parent', parentId: '' });
    expect(team.status).toBe(400);
    expect(team.body.errors[0].path).toBe('parentId');
    const user = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'empty.team@example.test',
      name: 'Empty Team',
      role: 'agent',
      teamId: '',
    });
    expect(user.status).toBe(400);
    expect(user.body.errors[0].path).toBe('teamId');
    const patch = await t.request('admin', 'PATCH', `/api/v1/users/${t.staff.agent.id}`, { managerId: ' ' });
    expect(patch.status).toBe(400);
    expect(patch.body.errors[0].path).toBe('managerId');
    expect((await t.request('admin', 'GET', '/api/v1/teams')).body.items ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Empty Parent' }),
    );
  });

  it('refuses a NUL character in a body field, a path id and a query naming each', async () => {
    const c = await customer({ name: 'Nul Kunde' });
    const body = await t.request('agent', 'PATCH', `/api/v1/customers/${c.id}`, { name: 'Nul\u0000Kunde' });
    expect(body.status).toBe(400);
    expect(body.body.errors[0].path).toBe('name');
    const tags = await t.request('agent', 'PATCH', `/api/v1/customers/${c.id}`, { tags: ['ok', 'a\u0000'] });
    expect(tags.body.errors[0].path).toBe('tags.1');
    const path = await t.request('agent', 'POST', '/api/v1/cases/%00/close', {});
    expect(path.status).toBe(400);
    expect(path.body.errors[0].path).toBe('params.id');
    const query = await t.request('agent', 'GET', '/api/v1/customers?q=%00');
    expect(query.status).toBe(400);
    expect(query.body.errors[0].path).toBe('querystring.q');
    expect((await t.request('agent', 'GET', `/api/v1/customers/${c.id}`)).body.name).toBe('Nul Kunde');
  });

  it('rejects an import row with a NUL character naming the column and imports nothing', async () => {
    const res = await t.request(
      'manager',
      'POST',
      '/api/v1/imports/customers',
      'external_ref,name\nNUL-1,A\u0000b\nNUL-2,Fine\n',
      {
        'content-type': 'text/csv',
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'name', message: expect.stringContaining('line 2') }]);
    expect((await t.request('agent', 'GET', '/api/v1/customers?q=NUL-2')).body.items).toHaveLength(0);
  });

  it('refuses a JSON body nested thousands of levels deep, also with an Idempotency-Key', async () => {
    const deep = `{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const keysBefore = await idempotencyKeys();
    const res = await t.request('admin', 'POST', '/api/v1/retention/win-back/check', deep, {
      'content-type': 'application/json',
      'idempotency-key': 'deep-body',
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].path).toBe('(body)');
    expect(await idempotencyKeys()).toBe(keysBefore);
  });

  it('answers a malformed or overlong path id with a problem naming the URL', async () => {
    const bad = await t.request('agent', 'PATCH', '/api/v1/customers/%ZZ', { name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '(url)' }] });
    const long = await t.request('agent', 'PATCH', `/api/v1/customers/${'a'.repeat(5_000)}`, { name: 'x' });
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ status: 414, code: 'VALIDATION_FAILED', errors: [{ path: '(url)' }] });
  });

  it('keeps no Idempotency-Key of a refused request, so the corrected retry with that key runs', async () => {
    const fp = await fingerprintReader(t.ctx);
    const before = await fp();
    const headers = { 'idempotency-key': 'refused-then-fixed' };
    const refused = await t.request(
      'agent',
      'POST',
      '/api/v1/customers',
      { name: 'Retry', ownerId: 'usr_nobody' },
      headers,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('ownerId');
    expect(await fp()).toEqual(before);
    const fixed = await t.request(
      'agent',
      'POST',
      '/api/v1/customers',
      { name: 'Retry', ownerId: t.staff.agent.id },
      headers,
    );
    expect(fixed.status).toBe(201);
    const replay = await t.request(
      'agent',
      'POST',
      '/api/v1/customers',
      { name: 'Retry', ownerId: t.staff.agent.id },
      headers,
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(fixed.body.id);
  });

  it('answers a 204 write under an Idempotency-Key and replays it without a body', async () => {
    const c = await customer({ name: 'Erase Twice' });
    const headers = { 'idempotency-key': 'erase-once' };
    const first = await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`, undefined, headers);
    expect(first.status).toBe(204);
    const retry = await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`, undefined, headers);
    expect(retry.status).toBe(204);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe('');
  });
});
