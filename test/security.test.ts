// Walks every API route: each declares its roles; anonymous callers get 401 and roles outside
// the declared ones get 403 before any handler runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/context.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('route security', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const apiRoutes = () => t.server.routeTable.filter((r) => r.url.startsWith('/api/v1'));
  const concrete = (url: string) => url.replace(/:(\w+)/g, 'x_$1');

  it('every API route declares the roles it allows', () => {
    const undeclared = apiRoutes()
      .filter((r) => r.roles === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(apiRoutes().length).toBeGreaterThan(10);
    expect(undeclared).toEqual([]);
  });

  it('every non-public API route refuses anonymous callers with 401', async () => {
    const open: string[] = [];
    for (const r of apiRoutes().filter((r) => r.roles !== 'public')) {
      const res = await t.request(
        null,
        r.method,
        concrete(r.url),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      if (res.status !== 401) open.push(`${r.method} ${r.url} -> ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('every API route refuses the roles it does not allow with 403', async () => {
    const leaks: string[] = [];
    let tried = 0;
    for (const r of apiRoutes().filter((r) => Array.isArray(r.roles))) {
      for (const role of (['agent', 'manager', 'admin'] as Role[]).filter(
        (x) => !(r.roles as Role[]).includes(x),
      )) {
        tried++;
        const res = await t.request(
          role,
          r.method,
          concrete(r.url),
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        );
        if (res.status !== 403) leaks.push(`${role} ${r.method} ${r.url} -> ${res.status}`);
      }
    }
    expect(tried).toBeGreaterThan(3);
    expect(leaks).toEqual([]);
  });
});
