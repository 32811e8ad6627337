// The built web app as the server serves it: hashed assets cached for a year, index.html and the
// SPA fallback revalidated on every load (so a new deploy shows at once).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ensureWebBuild, repoRoot } from './helpers/browser.js';

describe('static web app serving', () => {
  let t: TestApp;
  beforeAll(async () => {
    await ensureWebBuild();
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('caches content-hashed assets as immutable and revalidates index.html and client routes', async () => {
    const index = await t.request(null, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = /\/assets\/[\w-]+\.js/.exec(index.text)?.[0];
    expect(asset).toBeTruthy();
    expect(fs.existsSync(path.join(repoRoot, 'web/dist', asset!))).toBe(true);
    const js = await t.request(null, 'GET', asset!);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const deepLink = await t.request(null, 'GET', '/customers/cus_123');
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers['cache-control']).toBe('no-cache');
    expect(deepLink.text).toContain('<div id="root">');
  });

  it('sends each script precompressed with brotli or gzip as the browser accepts, and plain to a client that accepts neither', async () => {
    const index = await t.request(null, 'GET', '/');
    const asset = /\/assets\/index-[\w-]+\.js/.exec(index.text)?.[0];
    expect(asset).toBeTruthy();
    const plain = fs.readFileSync(path.join(repoRoot, 'web/dist', asset!));
    const br = await t.request(null, 'GET', asset!, undefined, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(br.headers['content-length'])).toBeLessThan(plain.length / 2);
    expect(zlib.brotliDecompressSync(Buffer.from(br.rawPayload)).equals(plain)).toBe(true);
    const gz = await t.request(null, 'GET', asset!, undefined, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(gz.rawPayload)).equals(plain)).toBe(true);
    const identity = await t.request(null, 'GET', asset!, undefined, { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(Number(identity.headers['content-length'])).toBe(plain.length);
  });
});
