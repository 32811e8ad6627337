// Bad input that once answered 500 (found by fuzzing the write routes): each must be a 400 that
// names the field and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
