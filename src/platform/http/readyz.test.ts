import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe('/readyz', () => {
  let ok: TestApp;
  let full: TestApp;
  beforeAll(async () => {
    ok = await startTestApp();
    // A threshold no disk meets stands in for a full disk.
    full = await startTestApp({ config: { minFreeDiskMiB: Number.MAX_SAFE_INTEGER } });
  });
  afterAll(async () => {
    await ok?.close();
    await full?.close();
  });

  it('says ready with the job queue and the free disk space', async () => {
    const res = await ok.request(null, 'GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.freeDiskMiB).toBeGreaterThan(0);
  });

  it('says not ready when the data directory is (nearly) full', async () => {
    const res = await full.request(null, 'GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/MiB free/);
  });
});
