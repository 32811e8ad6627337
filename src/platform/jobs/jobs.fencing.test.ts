// The queue never runs a job twice: locks are fenced by a token, renewed while a handler runs, and
// singleton groups never overlap. Real-time tests use short locks (400 ms; shorter ones lose their
// heartbeat on a loaded two-core machine) and handlers that outlive them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { systemClock } from '../clock.js';
import type { Ctx } from '../context.js';
import { openDatabase } from '../db/database.js';
import { claimJob, completeJob, enqueueJob } from './jobs.service.js';
import { JobRegistry, Worker } from './worker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A log that keeps its lines, so a test can assert what a worker said. */
function recordingLog() {
  const lines: string[] = [];
  const keep = (a: unknown, b?: unknown) => void lines.push(String(typeof a === 'string' ? a : b));
  return { lines, warn: keep, error: keep, info: keep };
}

describe('job queue fencing', () => {
  let t: TestApp;
  let other: ReturnType<typeof openDatabase> | null = null;
  /** A second instance's context: a second pool on PostgreSQL, the same handle on SQLite. */
  let secondCtx: Ctx;
  /** The real clock: heartbeats and lock expiry in real time. */
  let live: Ctx;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
    live = { ...t.ctx, clock: systemClock };
    secondCtx = live;
    if (dialectUnderTest === 'postgres') {
      const schema = (
        await t.ctx.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()
      ).s;
      other = openDatabase({ databaseUrl: process.env.DATABASE_URL, sqlitePath: '', pgSchema: schema });
      secondCtx = { ...live, db: other.db };
    }
  });
  // Tests mix a fixed clock and the real one: a job left behind by one would be due for the next.
  afterEach(async () => {
    await t.ctx.db.deleteFrom('jobs').execute();
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const jobRow = (key: string) =>
    t.ctx.db.selectFrom('jobs').selectAll().where('key', '=', key).executeTakeFirstOrThrow();

  it('does not let a worker whose lock expired and was taken over complete the job', async () => {
    await enqueueJob(t.ctx, { type: 'fenced.complete', key: 'fenced-complete' });
    const registry = new JobRegistry();
    let takeover: Awaited<ReturnType<typeof claimJob>> = null;
    registry.handle('fenced.complete', async () => {
      // The handler stalls past its 60 s lock; another instance takes the job over meanwhile.
      t.clock.advance(61_000);
      takeover = await claimJob(t.ctx, 'second-instance', 60_000);
    });
    const log = recordingLog();
    await new Worker(t.ctx, registry, log, { lockMs: 60_000 }).runOnce();
    expect(takeover!.key).toBe('fenced-complete');
    const row = await jobRow('fenced-complete');
    expect(row.status).toBe('running');
    expect(row.locked_by).toBe('second-instance');
    expect(log.lines.some((l) => l.includes('job lock lost'))).toBe(true);
    expect(await completeJob(t.ctx, takeover!)).toBe(true);
    expect((await jobRow('fenced-complete')).status).toBe('done');
  });

  it('does not let a worker whose lock was taken over record a failure', async () => {
    await enqueueJob(t.ctx, { type: 'fenced.fail', key: 'fenced-fail' });
    const registry = new JobRegistry();
    registry.handle('fenced.fail', async () => {
      t.clock.advance(61_000);
      await claimJob(t.ctx, 'second-instance', 60_000);
      throw new Error('too late to matter');
    });
    const log = recordingLog();
    await new Worker(t.ctx, registry, log, { lockMs: 60_000 }).runOnce();
    const row = await jobRow('fenced-fail');
    expect(row.status).toBe('running');
    expect(row.last_error).toBeNull();
    expect(row.locked_by).toBe('second-instance');
    expect(log.lines.some((l) => l.includes('job lock lost'))).toBe(true);
  });

  it('keeps a long job locked through its heartbeat so no other worker claims it', async () => {
    await enqueueJob(live, { type: 'long', key: 'long-1' });
    const registry = new JobRegistry();
    let runs = 0;
    registry.handle('long', async () => {
      runs++;
      await sleep(1_200); // three times the 400 ms lock
    });
    const worker = new Worker(live, registry, recordingLog(), { lockMs: 400 });
    const running = worker.runOnce();
    const intruderClaims: string[] = [];
    for (let i = 0; i < 12; i++) {
      await sleep(100);
      const job = await claimJob(secondCtx, 'intruder', 400);
      if (job) intruderClaims.push(job.key);
    }
    await running;
    expect(intruderClaims).toEqual([]);
    expect(runs).toBe(1);
    expect((await jobRow('long-1')).status).toBe('done');
  });

  it('runs every job exactly once with two workers, short locks and slow handlers', async () => {
    const keys = Array.from({ length: 8 }, (_, i) => `slow-${i}`);
    for (const key of keys) await enqueueJob(live, { type: 'slow', key, payload: { key } });
    const runs = new Map<string, number>();
    const registry = new JobRegistry();
    registry.handle('slow', async (_ctx, p: { key: string }) => {
      runs.set(p.key, (runs.get(p.key) ?? 0) + 1);
      await sleep(900); // each handler outlives its 400 ms lock
    });
    const workers = [
      new Worker(live, registry, recordingLog(), { lockMs: 400, batch: 50 }),
      new Worker(secondCtx, registry, recordingLog(), { lockMs: 400, batch: 50 }),
    ];
    await Promise.all(workers.map((w) => w.drain()));
    expect(keys.map((k) => runs.get(k) ?? 0)).toEqual(keys.map(() => 1));
    const statuses = await t.ctx.db.selectFrom('jobs').select('status').where('type', '=', 'slow').execute();
    expect(statuses.every((s) => s.status === 'done')).toBe(true);
  });

  it('never claims a second job of a singleton group while one runs', async () => {
    await enqueueJob(t.ctx, { type: 'scoring', key: 'scoring-a', singleton: 'scoring-group' });
    await enqueueJob(t.ctx, { type: 'scoring', key: 'scoring-b', singleton: 'scoring-group' });
    await enqueueJob(t.ctx, { type: 'other', key: 'not-singleton' });
    const first = await claimJob(t.ctx, 'w1', 60_000);
    expect(first?.key).toBe('scoring-a');
    const second = await claimJob(t.ctx, 'w2', 60_000);
    expect(second?.key).toBe('not-singleton');
    expect(await claimJob(t.ctx, 'w2', 60_000)).toBeNull();
    await completeJob(t.ctx, first!);
    expect((await claimJob(t.ctx, 'w2', 60_000))?.key).toBe('scoring-b');
  });

  it('lets only one of two instances claiming at once win a singleton group', async () => {
    for (let i = 0; i < 4; i++)
      await enqueueJob(live, { type: 'race', key: `race-${i}`, singleton: 'race-group' });
    const claims = await Promise.all([
      claimJob(live, 'w1', 60_000),
      claimJob(secondCtx, 'w2', 60_000),
      claimJob(live, 'w3', 60_000),
      claimJob(secondCtx, 'w4', 60_000),
    ]);
    expect(claims.filter((c) => c?.type === 'race')).toHaveLength(1);
  });

  it('runs singleton jobs of one group one after another across two workers', async () => {
    for (let i = 0; i < 6; i++)
      await enqueueJob(live, { type: 'exclusive', key: `exclusive-${i}`, singleton: 'exclusive-group' });
    let inFlight = 0;
    let maxInFlight = 0;
    let ran = 0;
    const registry = new JobRegistry();
    registry.handle('exclusive', async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(60);
      inFlight--;
      ran++;
    });
    const workers = [
      new Worker(live, registry, recordingLog(), { lockMs: 400 }),
      new Worker(secondCtx, registry, recordingLog(), { lockMs: 400 }),
    ];
    // Drain repeatedly: a worker that finds the group busy answers 0 and would stop too early.
    for (let round = 0; round < 50 && ran < 6; round++) await Promise.all(workers.map((w) => w.drain()));
    expect(ran).toBe(6);
    expect(maxInFlight).toBe(1);
  });
});
