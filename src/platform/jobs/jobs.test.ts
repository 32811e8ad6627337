import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { openDatabase } from '../db/database.js';
import { dailyAt } from '../time/schedules.js';
import { claimJob, enqueueJob, type JobRow } from './jobs.service.js';
import { JobRegistry, Worker } from './worker.js';

/** Claims due jobs one by one (60 s locks) until none is left. */
async function claimAll(ctx: TestApp['ctx'], workerId: string): Promise<JobRow[]> {
  const claimed: JobRow[] = [];
  for (let job = await claimJob(ctx, workerId, 60_000); job; job = await claimJob(ctx, workerId, 60_000))
    claimed.push(job);
  return claimed;
}

describe('job queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('ignores a second job with the same key', async () => {
    expect(await enqueueJob(t.ctx, { type: 'noop', key: 'same' })).toBe(true);
    expect(await enqueueJob(t.ctx, { type: 'noop', key: 'same' })).toBe(false);
  });

  it('runs a job no earlier than its time', async () => {
    const registry = new JobRegistry();
    const ran: string[] = [];
    registry.handle('later', async (_ctx, p) => void ran.push(p.n));
    const worker = new Worker(t.ctx, registry, console);
    await enqueueJob(t.ctx, {
      type: 'later',
      key: 'later-1',
      payload: { n: 'a' },
      runAt: new Date('2026-03-02T10:00:00Z'),
    });
    await worker.drain();
    expect(ran).toEqual([]);
    t.clock.set('2026-03-02T10:00:00.000Z');
    await worker.drain();
    expect(ran).toEqual(['a']);
  });

  it('retries a failing job with growing backoff and records the last error', async () => {
    const registry = new JobRegistry();
    let calls = 0;
    registry.handle('flaky', async () => {
      calls++;
      if (calls < 3) throw new Error(`boom ${calls}`);
    });
    const worker = new Worker(t.ctx, registry, { warn() {}, error() {} });
    await enqueueJob(t.ctx, { type: 'flaky', key: 'flaky-1' });
    await worker.drain();
    const row = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', 'flaky-1')
      .executeTakeFirstOrThrow();
    expect(row.last_error).toBe('boom 1');
    const firstDelay = Date.parse(row.run_at) - t.clock.now().getTime();
    t.clock.advance(firstDelay);
    await worker.drain();
    const again = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', 'flaky-1')
      .executeTakeFirstOrThrow();
    expect(Date.parse(again.run_at) - t.clock.now().getTime()).toBeGreaterThan(firstDelay);
    t.clock.advance(3_600_000);
    await worker.drain();
    const done = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', 'flaky-1')
      .executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
    expect(calls).toBe(3);
  });

  it('takes back a job whose worker died holding its lock', async () => {
    await enqueueJob(t.ctx, { type: 'orphan', key: 'orphan-1' });
    const claimed = await claimAll(t.ctx, 'dead-worker');
    expect(claimed.map((j) => j.key)).toContain('orphan-1');
    expect((await claimAll(t.ctx, 'other')).map((j) => j.key)).not.toContain('orphan-1');
    t.clock.advance(61_000);
    expect((await claimAll(t.ctx, 'other')).map((j) => j.key)).toContain('orphan-1');
  });

  it('keeps the next occurrence of a schedule enqueued', async () => {
    const registry = new JobRegistry();
    let runs = 0;
    registry.handle('nightly', async () => void runs++);
    registry.schedule({ type: 'nightly', next: dailyAt(2) });
    const worker = new Worker(t.ctx, registry, console);
    await worker.ensureSchedules();
    await worker.ensureSchedules();
    const pending = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'nightly').execute();
    expect(pending).toHaveLength(1);
    t.clock.set(new Date(Date.parse(pending[0].run_at) + 1000));
    await worker.drain();
    expect(runs).toBe(1);
    const next = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', 'nightly')
      .where('status', '=', 'pending')
      .execute();
    expect(next).toHaveLength(1);
  });

  it.skipIf(dialectUnderTest !== 'postgres')(
    'lets concurrent workers on PostgreSQL claim disjoint jobs',
    async () => {
      for (let i = 0; i < 60; i++) await enqueueJob(t.ctx, { type: 'shared', key: `shared-${i}` });
      // A second connection pool stands for a second app instance on the same schema.
      const schema = (
        await t.ctx.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()
      ).s;
      const other = openDatabase({ databaseUrl: process.env.DATABASE_URL, sqlitePath: '', pgSchema: schema });
      try {
        const ctx2 = { ...t.ctx, db: other.db };
        const results = await Promise.all([
          claimAll(t.ctx, 'w1'),
          claimAll(ctx2, 'w2'),
          claimAll(t.ctx, 'w3'),
          claimAll(ctx2, 'w4'),
        ]);
        const keys = results
          .flat()
          .map((j) => j.key)
          .filter((k) => k.startsWith('shared-'));
        expect(keys.length).toBe(60);
        expect(new Set(keys).size).toBe(60);
      } finally {
        await other.close();
      }
    },
  );
});
