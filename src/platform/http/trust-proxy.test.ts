import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { loadConfig } from '../config.js';

/**
 * 14 failed logins from one socket address, each claiming a different X-Forwarded-For (and naming
 * another account, so the per-account lock stays out of the picture).
 */
async function loginStorm(t: TestApp, remoteAddress: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 14; i++) {
    const r = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `storm-${i}@example.test`, password: 'bad' },
      remoteAddress,
      headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
    });
    statuses.push(r.statusCode);
  }
  return statuses;
}

describe('X-Forwarded-For and the rate limits', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await startTestApp();
    proxied = await startTestApp({ config: { trustProxy: '10.9.9.8' } });
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  it('ignores a client-supplied X-Forwarded-For by default, so the login limit still applies', async () => {
    expect(await loginStorm(direct, '10.9.9.7')).toContain(429);
  });

  it('takes the client address from a configured proxy', async () => {
    expect(await loginStorm(proxied, '10.9.9.8')).not.toContain(429);
  });

  it('ignores X-Forwarded-For from an address that is not the configured proxy', async () => {
    expect(await loginStorm(proxied, '10.9.9.6')).toContain(429);
  });

  it('reads TRUST_PROXY as off, a hop count or addresses, and refuses "true"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
