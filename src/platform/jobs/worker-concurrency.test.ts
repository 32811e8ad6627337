// Job types registered with a concurrency above 1 run side by side in one worker (network-bound
// handlers such as webhook deliveries); every other type still runs one job at a time, drain()
// waits for them and for what they enqueue, and failures are retried like any other job's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { enqueueJob } from './jobs.service.js';
import { JobRegistry, Worker } from './worker.js';

const quiet = { warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('worker concurrency per job type', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const statusOf = async (key: string) =>
    (await t.ctx.db.selectFrom('jobs').selectAll().where('key', '=', key).executeTakeFirstOrThrow()).status;

  it('runs up to the limit of a concurrent type at once and the other types one at a time', async () => {
    const registry = new JobRegistry();
    const active = { wait: 0, plain: 0 };
    const most = { wait: 0, plain: 0 };
    const track = (kind: 'wait' | 'plain') => async () => {
      active[kind]++;
      most[kind] = Math.max(most[kind], active[kind]);
      await sleep(30);
      active[kind]--;
    };
    registry.handle('wait', track('wait'), { concurrency: 3 });
    registry.handle('plain', track('plain'));
    for (let i = 0; i < 7; i++) await enqueueJob(t.ctx, { type: 'wait', key: `wait-${i}` });
    for (let i = 0; i < 3; i++) await enqueueJob(t.ctx, { type: 'plain', key: `plain-${i}` });
    const ran = await new Worker(t.ctx, registry, quiet).drain();
    expect(ran).toBe(10);
    expect(most).toEqual({ wait: 3, plain: 1 });
    for (let i = 0; i < 7; i++) expect(await statusOf(`wait-${i}`)).toBe('done');
  });

  it('drains what a concurrent job enqueues after the round that started it', async () => {
    const registry = new JobRegistry();
    const ran: string[] = [];
    registry.handle(
      'parent',
      async (ctx) => {
        await sleep(20);
        await enqueueJob(ctx, { type: 'child', key: 'child-1' });
      },
      { concurrency: 2 },
    );
    registry.handle('child', async () => void ran.push('child'));
    await enqueueJob(t.ctx, { type: 'parent', key: 'parent-1' });
    await new Worker(t.ctx, registry, quiet).drain();
    expect(ran).toEqual(['child']);
    expect(await statusOf('parent-1')).toBe('done');
  });

  it('retries a failing concurrent job with backoff and keeps its error', async () => {
    const registry = new JobRegistry();
    registry.handle(
      'flaky-net',
      async () => {
        await sleep(5);
        throw new Error('connection refused');
      },
      { concurrency: 4 },
    );
    await enqueueJob(t.ctx, { type: 'flaky-net', key: 'flaky-net-1' });
    await new Worker(t.ctx, registry, quiet).drain();
    const row = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', 'flaky-net-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'connection refused' });
    expect(row.run_at).toBe(new Date(t.clock.now().getTime() + 1000).toISOString());
  });

  it('lets stop() wait for concurrent jobs still running', async () => {
    const registry = new JobRegistry();
    let finished = false;
    registry.handle(
      'long-net',
      async () => {
        await sleep(100);
        finished = true;
      },
      { concurrency: 2 },
    );
    await enqueueJob(t.ctx, { type: 'long-net', key: 'long-net-1' });
    const worker = new Worker(t.ctx, registry, quiet, { pollMs: 10 });
    worker.start();
    while ((await statusOf('long-net-1')) !== 'running') await sleep(5);
    await worker.stop();
    expect(finished).toBe(true);
    expect(await statusOf('long-net-1')).toBe('done');
  });
});
