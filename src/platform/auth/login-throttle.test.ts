import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { runHousekeeping } from '../jobs/housekeeping.js';

describe('per-account login throttling', () => {
  let t: TestApp;
  let ip = 0;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Each attempt from another address: the per-address rate limit must not be what stops them.
  const login = (email: string, password: string) =>
    t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: `10.20.0.${++ip}`,
    });

  it('locks an account after five failed logins in a row, even for the right password, and audits it', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('agent@example.test', 'wrong password')).statusCode).toBe(401);
    const locked = await login('agent@example.test', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('LOGIN_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', t.staff.agent.id)
      .where('action', '=', 'login.locked')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets the right password in once the lock has run out, and forgets the failures', async () => {
    t.clock.advance(61_000);
    expect((await login('agent@example.test', PASSWORD)).statusCode).toBe(200);
    expect((await login('agent@example.test', 'wrong password')).statusCode).toBe(401);
    expect((await login('agent@example.test', PASSWORD)).statusCode).toBe(200);
  });

  it('doubles the lock with each further failure in a row', async () => {
    for (let i = 0; i < 5; i++) await login('manager@example.test', 'wrong password');
    t.clock.advance(61_000);
    expect((await login('manager@example.test', 'wrong password')).statusCode).toBe(401);
    const second = await login('manager@example.test', PASSWORD);
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(60);
    t.clock.advance(121_000);
    expect((await login('manager@example.test', PASSWORD)).statusCode).toBe(200);
  });

  it('counts unknown e-mails the same way, so the answer tells nothing about which accounts exist', async () => {
    for (let i = 0; i < 5; i++) expect((await login('ghost@example.test', 'x')).statusCode).toBe(401);
    expect((await login('ghost@example.test', 'x')).statusCode).toBe(429);
  });

  it('forgets old failure counts in the daily housekeeping', async () => {
    await login('admin@example.test', 'wrong password');
    t.clock.advance(2 * 86_400_000);
    expect((await runHousekeeping(t.ctx)).loginFailures).toBeGreaterThan(0);
    const left = await t.ctx.db.selectFrom('login_failures').select('email').execute();
    expect(left).toEqual([]);
  });
});
