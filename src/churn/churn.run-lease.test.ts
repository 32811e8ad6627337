// A scoring run as a long operation (queued with an id and a status URL that reports progress and the
// result) and one run at a time: a second start while a run is alive is refused and leaves the first
// run's scores alone; a run whose heartbeat stopped is taken over, and only then are its scores removed.
// A first run is paused at one of its checkpoints (the hook the CLI prints its phases with) while the
// test starts a second one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest, startTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { sql } from 'kysely';
import { openDatabase } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import { Worker } from '../platform/jobs/worker.js';
import { CHURN_NIGHTLY_JOB } from './churn.jobs.js';
import { type RunControl, runChurnScoring } from './run/churn-run.js';
import { RUN_STALE_MS, RunLeaseLost } from './run/run-lease.js';
import { failRun, openRun } from './run/run-record.js';
import { planRun, type RunState } from './run/run-state.js';

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;
const CUSTOMERS = 24;

/** A log that keeps its lines, so a test can assert what the worker's job said. */
function recordingLog() {
  const lines: string[] = [];
  const keep = (a: unknown, b?: unknown) => void lines.push(String(typeof a === 'string' ? a : b));
  return { lines, warn: keep, error: keep, info: keep };
}

describe('scoring runs as long operations, one at a time', () => {
  let t: TestApp;
  let purchaseNo = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const s = (await t.request('admin', 'GET', '/api/v1/settings/churn')).body;
    const saved = await t.request('admin', 'PUT', '/api/v1/settings/churn', {
      ...s,
      scoring: { ...s.scoring, models: ['bgnbd'] },
    });
    expect(saved.status).toBe(200);
    // 24 customers buying every 2–5 weeks for two years; every third stopped half a year ago.
    const end = Date.parse(NOW);
    for (let k = 0; k < CUSTOMERS; k++) {
      const since = end - 730 * DAY;
      const c = await t.request('agent', 'POST', '/api/v1/customers', {
        name: `Lease Kunde ${k}`,
        customerSince: new Date(since).toISOString(),
      });
      expect(c.status).toBe(201);
      const stop = k % 3 === 0 ? end - 180 * DAY : end - 2 * DAY;
      const gap = (14 + (k % 4) * 7) * DAY;
      for (let at = since + gap; at <= stop; at += gap) {
        const p = await t.request('agent', 'POST', '/api/v1/purchases', {
          externalId: `L-${++purchaseNo}`,
          customerId: c.body.id,
          purchasedAt: new Date(at).toISOString(),
          amountMinor: 5_000 + k * 100,
          currency: 'EUR',
          kind: 'sale',
        });
        expect(p.status).toBe(201);
      }
    }
  }, 180_000);
  afterEach(() => t.clock.set(NOW));
  afterAll(async () => {
    await t?.close();
  });

  const scoresOf = async (runId: string) =>
    Number(
      (
        await t.ctx.db
          .selectFrom('churn_scores')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('run_id', '=', runId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const status = async (runId: string) => {
    const res = await t.request('agent', 'GET', `/api/v1/churn/runs/${runId}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Runs a scoring run as the CLI does, pausing at `phase` for `during` (given the run's id). */
  const runPausedAt = (phase: string, during: (runId: string) => Promise<void>, control: RunControl = {}) =>
    runChurnScoring(
      t.ctx,
      {},
      {
        ...control,
        onCheckpoint: async (runId, p) => {
          if (p.phase === phase) await during(runId);
        },
      },
    );

  it('answers a queued run with its id, a status URL and Location, and the URL reports it queued at once', async () => {
    const res = await t.request('manager', 'POST', '/api/v1/churn/runs', {});
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', job: { type: 'churn.run' } });
    expect(res.body.statusUrl).toBe(`/api/v1/churn/runs/${res.body.id}`);
    expect(res.headers.location).toBe(res.body.statusUrl);
    const queued = await status(res.body.id);
    expect(queued).toMatchObject({
      id: res.body.id,
      status: 'queued',
      startedAt: null,
      error: null,
      progress: { phase: null, customers: null, customersScored: 0, phasesDone: [] },
    });
    await t.drainJobs();
    const done = await status(res.body.id);
    expect(done).toMatchObject({ status: 'done', model: 'bgnbd', customers: CUSTOMERS, error: null });
    expect(done.progress).toMatchObject({ phase: null, customers: CUSTOMERS, customersScored: CUSTOMERS });
    expect(done.progress.phasesDone.map((p: { name: string }) => p.name)).toContain('storing scores');
    expect(done.finishedAt).not.toBeNull();
    expect(await scoresOf(res.body.id)).toBe(CUSTOMERS);
  });

  it('reports the phase running now, the customers to score and those scored while a run runs', async () => {
    let seen: any = null;
    const run = await runPausedAt('alerts and retention tasks', async (runId) => {
      seen = await status(runId);
    });
    expect(seen).toMatchObject({
      id: run.id,
      status: 'running',
      finishedAt: null,
      heartbeatAt: NOW,
      progress: { phase: 'alerts and retention tasks', customers: CUSTOMERS, customersScored: CUSTOMERS },
    });
    expect(seen.progress.phasesDone.map((p: { name: string }) => p.name)).toContain('storing scores');
    expect(seen.model).toBeUndefined();
  });

  it('answers a second start through the API with 409 CHURN_RUN_RUNNING naming the running run, whose scores stay intact', async () => {
    const runsBefore = await t.ctx.db.selectFrom('churn_runs').select('id').execute();
    let refused: any = null;
    let scoresWhenRefused = -1;
    const first = await runPausedAt('alerts and retention tasks', async (runId) => {
      refused = await t.request('manager', 'POST', '/api/v1/churn/runs', {});
      scoresWhenRefused = await scoresOf(runId);
    });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'CHURN_RUN_RUNNING', runId: first.id });
    expect(scoresWhenRefused).toBe(CUSTOMERS);
    expect(await scoresOf(first.id)).toBe(CUSTOMERS);
    expect((await status(first.id)).status).toBe('done');
    const runsAfter = await t.ctx.db.selectFrom('churn_runs').select('id').execute();
    expect(runsAfter.length).toBe(runsBefore.length + 1);
  });

  it('refuses a second run started directly (CLI) during the first, which completes with all its scores', async () => {
    let second: unknown = null;
    const first = await runPausedAt('alerts and retention tasks', async () => {
      second = await runChurnScoring(t.ctx, {}).catch((err) => err);
    });
    expect(second).toBeInstanceOf(AppError);
    expect(second).toMatchObject({ code: 'CHURN_RUN_RUNNING', extra: { runId: first.id } });
    expect((await status(first.id)).status).toBe('done');
    expect(await scoresOf(first.id)).toBe(CUSTOMERS);
    const running = await t.ctx.db
      .selectFrom('churn_runs')
      .select('id')
      .where('status', '=', 'running')
      .execute();
    expect(running).toEqual([]);
  });

  it('lets only one of two runs started at the same moment run', async () => {
    const both = await Promise.allSettled([runChurnScoring(t.ctx, {}), runChurnScoring(t.ctx, {})]);
    const won = both.filter((r) => r.status === 'fulfilled');
    const lost = both.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: 'CHURN_RUN_RUNNING' });
    const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
    expect(await scoresOf(winner.id)).toBe(CUSTOMERS);
  });

  it.runIf(dialectUnderTest === 'postgres')(
    'refuses a start that raced another past the check, on the unique index of running runs (two pools)',
    async () => {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0].s;
      const other = openDatabase({ databaseUrl: process.env.DATABASE_URL, sqlitePath: '', pgSchema: schema });
      let held: RunState | null = null;
      let racer: Promise<unknown> = Promise.resolve();
      try {
        const plan = await planRun(t.ctx, {});
        await other.db.transaction().execute(async (trx) => {
          held = await openRun({ ...t.ctx, db: trx }, plan);
          // The racer sees no running run yet (uncommitted) and waits on the index for our commit.
          racer = runChurnScoring(t.ctx, {}).catch((err) => err);
          for (let i = 0; i < 100; i++) {
            const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where wait_event_type = 'Lock' and query like 'insert into "churn_runs"%'`.execute(t.ctx.db);
            if (waiting.rows[0].n > 0) break;
            await new Promise((r) => setTimeout(r, 50));
          }
        });
        expect(await racer).toMatchObject({ code: 'CHURN_RUN_RUNNING', extra: { runId: held!.id } });
      } finally {
        if (held) {
          const run: RunState = held;
          run.lease.stop();
          await failRun({ ...run, ctx: t.ctx }, new Error('test over'));
        }
        await other.close();
      }
    },
  );

  it('skips the nightly job with a log line, and fails a queued run with CHURN_RUN_RUNNING, while a run is running', async () => {
    const queued = await t.request('manager', 'POST', '/api/v1/churn/runs', {});
    expect(queued.status).toBe(202);
    await enqueueJob(t.ctx, {
      type: CHURN_NIGHTLY_JOB,
      key: 'nightly-during-run',
      singleton: 'churn.scoring',
    });
    const log = recordingLog();
    const runsBefore = (await t.ctx.db.selectFrom('churn_runs').select('id').execute()).length;
    const first = await runPausedAt('storing scores', async () => {
      expect(await new Worker(t.ctx, t.registry, log).drain()).toBe(2);
    });
    expect(log.lines.filter((l) => l.includes('skipped: another scoring run is running'))).toHaveLength(2);
    const refused = await status(queued.body.id);
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'CHURN_RUN_RUNNING' } });
    expect(refused.error.message).toContain(first.id);
    expect(await scoresOf(first.id)).toBe(CUSTOMERS);
    const jobs = await t.ctx.db
      .selectFrom('jobs')
      .select(['key', 'status'])
      .where('key', 'in', ['nightly-during-run', queued.body.job.key])
      .execute();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
    expect((await t.ctx.db.selectFrom('churn_runs').select('id').execute()).length).toBe(runsBefore + 1);
  });

  it('lets the job of a queued run, claimed again after its worker was given up, take its own run over and complete it', async () => {
    const queued = await t.request('manager', 'POST', '/api/v1/churn/runs', {});
    expect(queued.status).toBe(202);
    const control = { runId: queued.body.id, jobKey: queued.body.job.key };
    let again: { id: string } | null = null;
    // The first attempt stalls after storing its scores; the job's second attempt starts the same run.
    const first = await runPausedAt(
      'alerts and retention tasks',
      async () => {
        again = await runChurnScoring(t.ctx, {}, control);
      },
      control,
    ).catch((err) => err);
    expect(first).toBeInstanceOf(RunLeaseLost);
    expect(again!.id).toBe(queued.body.id);
    expect((await status(queued.body.id)).status).toBe('done');
    expect(await scoresOf(queued.body.id)).toBe(CUSTOMERS);
  });

  it('takes over a run whose heartbeat is older than the timeout: its scores go, the new run completes, and the old one stops', async () => {
    let second: { id: string } | null = null;
    let scoresBeforeTakeover = -1;
    const first = await runPausedAt('alerts and retention tasks', async (firstId) => {
      scoresBeforeTakeover = await scoresOf(firstId);
      // Still alive a minute short of the timeout: refused.
      t.clock.advance(RUN_STALE_MS - 60_000);
      await expect(runChurnScoring(t.ctx, {})).rejects.toMatchObject({ code: 'CHURN_RUN_RUNNING' });
      // No heartbeat for longer than the timeout: taken over.
      t.clock.advance(2 * 60_000);
      second = await runChurnScoring(t.ctx, {});
      const old = await status(firstId);
      expect(old).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
      expect(old.error.message).toContain('interrupted');
      expect(await scoresOf(firstId)).toBe(0);
    }).catch((err) => err);
    expect(scoresBeforeTakeover).toBe(CUSTOMERS);
    expect(first).toBeInstanceOf(RunLeaseLost);
    expect(second).not.toBeNull();
    expect((await status(second!.id)).status).toBe('done');
    expect(await scoresOf(second!.id)).toBe(CUSTOMERS);
    const failed = await t.ctx.db
      .selectFrom('churn_runs')
      .select(['id', 'status'])
      .where('status', '=', 'running')
      .execute();
    expect(failed).toEqual([]);
  });
});
