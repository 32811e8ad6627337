import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  for (const url of ['/api/docs', '/api/v1/auth/me', '/healthz']) {
    it(`forbids framing and foreign scripts on ${url}`, async () => {
      const res = await t.request(null, 'GET', url);
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  }

  it('keeps the stricter policy of the public survey pages', async () => {
    const res = await t.request(null, 'GET', '/s/not-a-real-token');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  for (const url of ['/complaint', '/c/not-a-real-token'])
    it(`sends the stricter policy of the public pages on ${url}: no scripts at all, no framing`, async () => {
      const res = await t.request(null, 'GET', url);
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('script-src');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

  it('sends no HSTS when the public URL is plain http', async () => {
    const res = await t.request(null, 'GET', '/healthz');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when the public URL is https', async () => {
    const https = await startTestApp({ config: { publicUrl: 'https://service.example.test' } });
    try {
      const res = await https.request(null, 'GET', '/healthz');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await https.close();
    }
  });
});
