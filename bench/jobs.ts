/**
 * Job queue benchmark: two workers (two connection pools, as two app instances) on PostgreSQL run
 * n jobs with short locks (500 ms) and some slow handlers (every 500th sleeps 2 s, four lock
 * lengths), so every lock would expire mid-run without its heartbeat. A third participant stalls:
 * it claims a job and freezes for three lock lengths (its lock expires; a worker may take the job
 * over), then checks its lock before running — a taken-over job is neither run nor completed by
 * it. Each handler counts its
 * executions per job id; the run fails unless every job ran exactly once and ended done.
 * Baseline in the same run: a bare `FOR UPDATE SKIP LOCKED` claim loop (claim, mark done, no
 * handler, no token, no heartbeat) over the same number of jobs with two pools.
 * Run: DATABASE_URL=postgres://… npx tsx bench/jobs.ts [n]   (default 10,000)
 * SQLite has one worker per database, so there is nothing to race: the bench skips.
 */
import pg from 'pg';
import { sql } from 'kysely';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { claimJob, completeJob, renewJobLock } from '../src/platform/jobs/jobs.service.js';
import { JobRegistry, Worker } from '../src/platform/jobs/worker.js';
import { machineLine } from './lib/bench-env.js';

const N = Number(process.argv[2] ?? 10_000);
const LOCK_MS = 500;
const SLOW_EVERY = 500;
const SLOW_MS = 2_000;
const url = process.env.DATABASE_URL;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function insertJobs(db: DatabaseHandle['db'], type: string, n: number): Promise<void> {
  const now = new Date().toISOString();
  for (let start = 0; start < n; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + 1000); i++)
      rows.push({
        id: `job_${type}_${i}`,
        type,
        key: `${type}:${i}`,
        payload: JSON.stringify({ i }),
        status: 'pending',
        run_at: now,
        attempts: 0,
        max_attempts: 10,
        last_error: null,
        locked_by: null,
        locked_until: null,
        lock_token: null,
        singleton_key: null,
        created_at: now,
        finished_at: null,
      });
    await db.insertInto('jobs').values(rows).execute();
  }
}

/** The bare loop: claim one due job with SKIP LOCKED, mark it done; nothing else. */
async function bareLoop(db: DatabaseHandle['db']): Promise<number> {
  let n = 0;
  for (;;) {
    const now = new Date().toISOString();
    const { rows } = await sql<{ id: string }>`
      update jobs set status = 'running', locked_until = ${now}
      where id = (select id from jobs where status = 'pending' and run_at <= ${now}
                  order by run_at limit 1 for update skip locked)
      returning id`.execute(db);
    if (rows.length === 0) return n;
    await sql`update jobs set status = 'done' where id = ${rows[0].id}`.execute(db);
    n++;
  }
}

async function main(): Promise<void> {
  if (!url) {
    console.log(
      'skip: bench/jobs.ts needs PostgreSQL (set DATABASE_URL); on SQLite one worker owns the database',
    );
    return;
  }
  const schema = `bench_jobs_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const a = openDatabase({ databaseUrl: url, sqlitePath: '', pgSchema: schema, poolSize: 4 });
  const b = openDatabase({ databaseUrl: url, sqlitePath: '', pgSchema: schema, poolSize: 4 });
  try {
    await migrateToLatest(a.db, schema);

    // Baseline: the bare SKIP LOCKED loop, two pools.
    await insertJobs(a.db, 'bare', N);
    let t0 = performance.now();
    const bare = await Promise.all([bareLoop(a.db), bareLoop(b.db)]);
    const bareSecs = (performance.now() - t0) / 1000;
    await a.db.deleteFrom('jobs').execute();

    // The queue: two workers, short locks, slow handlers.
    const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', WORKER: 'off' });
    const ctxOf = (h: DatabaseHandle): Ctx => ({
      db: h.db,
      dialect: 'postgres',
      actor: systemActor('bench'),
      clock: systemClock,
      config,
    });
    const runs = new Map<number, number>();
    let slowRuns = 0;
    const registry = new JobRegistry();
    registry.handle('bench', async (_ctx, p: { i: number }) => {
      runs.set(p.i, (runs.get(p.i) ?? 0) + 1);
      if (p.i % SLOW_EVERY === 0) {
        slowRuns++;
        await sleep(SLOW_MS);
      }
    });
    const lockLost: string[] = [];
    const log = { warn: (_o: unknown, m?: string) => void lockLost.push(String(m)), error: console.error };
    const workers = [a, b].map((h) => new Worker(ctxOf(h), registry, log, { lockMs: LOCK_MS, batch: 50 }));
    await insertJobs(a.db, 'bench', N);
    t0 = performance.now();
    let done = 0;
    const stale = { refused: 0, accepted: 0, lostAfterRun: 0 };
    // Freezes between claim and handler (a paused VM, a long GC); on waking it checks its lock the
    // way the worker's heartbeat does and runs the job only while it still holds it.
    const stalling = async () => {
      const ctx = ctxOf(a);
      while (done < N) {
        const job = await claimJob(ctx, 'stalled-instance', LOCK_MS);
        if (!job) break;
        await sleep(LOCK_MS * 3);
        if (!(await renewJobLock(ctx, job, LOCK_MS))) {
          stale.refused++;
          continue;
        }
        await registry.handlers.get('bench')!(ctx, JSON.parse(job.payload), {
          ...job,
          signal: new AbortController().signal,
          log,
        });
        if (await completeJob(ctx, job)) stale.accepted++;
        else stale.lostAfterRun++;
      }
    };
    await Promise.all([
      stalling(),
      ...workers.map(async (w) => {
        while (done < N) {
          const ran = await w.runOnce();
          if (ran === 0) {
            const left = await a.db
              .selectFrom('jobs')
              .select('id')
              .where('status', '!=', 'done')
              .limit(1)
              .execute();
            if (left.length === 0) break;
            await sleep(20);
          }
        }
      }),
    ]);
    const queueSecs = (performance.now() - t0) / 1000;
    done = runs.size;
    const doubles = [...runs.values()].filter((c) => c > 1).length;
    const missing = N - runs.size;
    const notDone = (await a.db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute())
      .length;

    console.log(
      `jobs: ${N}; lock ${LOCK_MS} ms; every ${SLOW_EVERY}th handler sleeps ${SLOW_MS} ms (${slowRuns} slow runs)`,
    );
    console.log('');
    console.log('| loop (2 workers, PostgreSQL) | jobs | time | jobs/s |');
    console.log('|---|---:|---:|---:|');
    const bareN = bare[0] + bare[1];
    console.log(
      `| bare SKIP LOCKED claim + done (baseline) | ${bareN} | ${bareSecs.toFixed(1)} s | ${Math.round(bareN / bareSecs)} |`,
    );
    console.log(
      `| queue: token, heartbeat, fenced complete, slow handlers | ${done} | ${queueSecs.toFixed(1)} s | ${Math.round(done / queueSecs)} |`,
    );
    console.log('');
    console.log(
      `executions: ${[...runs.values()].reduce((s, c) => s + c, 0)}; double runs: ${doubles}; never ran: ${missing}; not done: ${notDone}; lock lost: ${lockLost.filter((l) => l.includes('lock lost')).length}`,
    );
    console.log(
      machineLine(`PostgreSQL ${(await admin.query('show server_version')).rows[0].server_version}`),
    );
    console.log(
      `stalled claims: taken over while frozen (neither run nor completed by it) ${stale.refused}; ` +
        `still held on waking, run and completed ${stale.accepted}; lost after running ${stale.lostAfterRun} (must be 0)`,
    );
    const ok = doubles === 0 && missing === 0 && notDone === 0 && stale.lostAfterRun === 0;
    console.log(
      ok ? 'OK: every job ran exactly once' : 'FAILED: a job ran twice, never, or did not end done',
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await a.close();
    await b.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

await main();
