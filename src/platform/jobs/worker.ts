// Runs registered job handlers on claimed jobs, and keeps recurring schedules enqueued.
import os from 'node:os';
import type { Ctx } from '../context.js';
import { isDatabaseUnavailable, retryWhileDatabaseUnavailable } from '../db/unavailable.js';
import { getCompanyTimeZone } from '../time/company-time-zone.js';
import type { NextOccurrence } from '../time/schedules.js';
import { claimJob, completeJob, enqueueJob, failJob, type JobRow, releaseJob } from './jobs.service.js';
export type { WorkerLog } from './lease.js';
import { JobLease, type WorkerLog } from './lease.js';

/**
 * A claimed job as a handler sees it; `signal` aborts when the worker lost the job's lock; `log` is
 * the worker's log (for a handler that decides to skip its work and says why).
 */
export type RunningJob = JobRow & { signal: AbortSignal; log: WorkerLog };

export type JobHandler = (ctx: Ctx, payload: any, job: RunningJob) => Promise<void>;

/**
 * A recurring job: `next(after, timeZone)` says when it runs next (the company's zone, so a daily
 * 06:00 stays 06:00 local across daylight saving; `dailyAt`/`weeklyAt` in platform/time); the key
 * makes each occurrence unique. `singleton` names a group whose jobs never run at the same time.
 */
export type Schedule = { type: string; next: NextOccurrence; payload?: unknown; singleton?: string };

export type WorkerOptions = {
  pollMs?: number;
  /** Jobs run per round before the worker yields (each one claimed on its own). */
  batch?: number;
  /** How long a claim holds a job; a running handler renews it every third of this. */
  lockMs?: number;
  /** Longest wait between tries while the database is unavailable. */
  maxBackoffMs?: number;
};

export type HandlerOptions = {
  /**
   * Jobs of this type that may run at once in one worker (default 1: one after the other with all
   * other jobs). Above 1 the worker starts such a job and goes on claiming the next one while it
   * runs: for handlers that mostly wait on the network (webhook deliveries), so a slow receiver does
   * not hold up the queue. Their database work still goes through the one connection (SQLite) or
   * the pool (PostgreSQL).
   */
  concurrency?: number;
};

export class JobRegistry {
  readonly handlers = new Map<string, JobHandler>();
  readonly concurrency = new Map<string, number>();
  readonly schedules: Schedule[] = [];

  handle(type: string, handler: JobHandler, options: HandlerOptions = {}): void {
    if (this.handlers.has(type)) throw new Error(`Job handler ${type} registered twice`);
    this.handlers.set(type, handler);
    if ((options.concurrency ?? 1) > 1) this.concurrency.set(type, options.concurrency as number);
  }

  schedule(schedule: Schedule): void {
    this.schedules.push(schedule);
  }
}

export class Worker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  /** Rounds failed in a row because the database was unavailable (0: healthy). */
  private unavailableRounds = 0;
  /** Jobs of concurrent types still running, by type. */
  private readonly inFlight = new Map<string, Set<Promise<void>>>();
  readonly id = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly ctx: Ctx,
    private readonly registry: JobRegistry,
    private readonly log: WorkerLog,
    private readonly options: WorkerOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
    await this.settle();
  }

  /** Waits until every job of a concurrent type that was started has finished. */
  private async settle(): Promise<void> {
    for (;;) {
      const running = [...this.inFlight.values()].flatMap((s) => [...s]);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Enqueues the next occurrence of every schedule (idempotent by key). */
  async ensureSchedules(): Promise<void> {
    for (const s of this.registry.schedules) await enqueueNextOccurrence(this.ctx, s);
  }

  /**
   * Runs due jobs until none are left (including what concurrent jobs still running enqueue);
   * returns how many ran. Tests call it to drain the queue.
   */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) {
        if (this.inFlightCount() === 0) break;
        await this.settle();
      }
    }
    await this.settle();
    return total;
  }

  private inFlightCount(): number {
    let n = 0;
    for (const s of this.inFlight.values()) n += s.size;
    return n;
  }

  /**
   * Claims and runs due jobs one at a time (each under its own lock, so a long job never lets the
   * locks of jobs waiting behind it expire), up to `batch`; returns how many ran.
   */
  async runOnce(): Promise<number> {
    const batch = this.options.batch ?? 20;
    let ran = 0;
    while (ran < batch) {
      const job = await claimJob(this.ctx, this.id, this.lockMs);
      if (!job) break;
      const limit = this.registry.concurrency.get(job.type);
      if (limit) await this.startConcurrent(job, limit);
      else await this.runJob(job);
      ran++;
      // stop() was called while the loop ran this round (drain() runs with the loop stopped).
      if (this.stopped && this.running) break;
    }
    return ran;
  }

  /**
   * Starts a job of a concurrent type without waiting for it (after waiting for a free place when
   * `limit` of its type already run). A database outage inside it is logged; its lock expires and
   * the job runs again.
   */
  private async startConcurrent(job: JobRow, limit: number): Promise<void> {
    let running = this.inFlight.get(job.type);
    if (!running) {
      running = new Set();
      this.inFlight.set(job.type, running);
    }
    while (running.size >= limit) await Promise.race(running);
    const set = running;
    const p: Promise<void> = this.runJob(job)
      .catch((err) => this.log.warn({ jobId: job.id, type: job.type, err }, 'job interrupted'))
      .finally(() => set.delete(p));
    set.add(p);
  }

  private get lockMs(): number {
    return this.options.lockMs ?? 300_000;
  }

  private async runJob(job: JobRow): Promise<void> {
    const handler = this.registry.handlers.get(job.type);
    const lease = new JobLease(this.ctx, job, this.lockMs, this.log);
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      await handler(this.ctx, JSON.parse(job.payload), { ...job, signal: lease.signal, log: this.log });
      lease.stop();
      // The work is done: a short outage must not leave it to run again when the lock expires.
      if (!(await retryWhileDatabaseUnavailable(() => completeJob(this.ctx, job)))) {
        this.lockLost(job, 'not marked done');
        return;
      }
      const schedule = this.registry.schedules.find((s) => s.type === job.type);
      if (schedule) await enqueueNextOccurrence(this.ctx, schedule);
    } catch (err) {
      lease.stop();
      if (isDatabaseUnavailable(err)) {
        // Not the job's fault: give it back once the database answers (else its lock expires and
        // another claim takes it over); the loop backs off meanwhile.
        void retryWhileDatabaseUnavailable(() => releaseJob(this.ctx, job)).catch(() => {});
        throw err;
      }
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn({ jobId: job.id, type: job.type, attempts: job.attempts, err: message }, 'job failed');
      if (!(await failJob(this.ctx, job, message))) this.lockLost(job, 'failure not recorded');
    }
  }

  private lockLost(job: JobRow, what: string): void {
    this.log.warn(
      { jobId: job.id, type: job.type, workerId: this.id },
      `job lock lost (expired and taken over); ${what}: the current holder decides`,
    );
  }

  private loop(): void {
    if (this.stopped) return;
    this.running = true;
    this.ensureSchedulesOnStart()
      .then(() => this.runOnce())
      .then(
        (n) => {
          if (this.unavailableRounds > 0) {
            (this.log.info ?? this.log.warn).call(this.log, 'database available again; worker resumed');
            this.unavailableRounds = 0;
          }
          return n ? 0 : (this.options.pollMs ?? 500);
        },
        (err) => {
          if (!isDatabaseUnavailable(err)) {
            this.log.error({ err }, 'worker round failed');
            return this.options.pollMs ?? 500;
          }
          // Log once per outage, then wait longer each time instead of spinning or crashing.
          if (this.unavailableRounds === 0) this.log.warn({ err }, 'database unavailable; worker backs off');
          this.unavailableRounds++;
          const base = this.options.pollMs ?? 500;
          return Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** this.unavailableRounds);
        },
      )
      .then((delay) => {
        this.running = false;
        if (!this.stopped) this.timer = setTimeout(() => this.loop(), delay);
      });
  }

  private schedulesEnsured = false;

  /** Schedules are enqueued once the database answers (not lost when it is down at start-up). */
  private async ensureSchedulesOnStart(): Promise<void> {
    if (this.schedulesEnsured) return;
    await this.ensureSchedules();
    this.schedulesEnsured = true;
  }
}

async function enqueueNextOccurrence(ctx: Ctx, s: Schedule): Promise<void> {
  const at = s.next(ctx.clock.now(), await getCompanyTimeZone(ctx));
  await enqueueJob(ctx, {
    type: s.type,
    key: `${s.type}@${at.toISOString()}`,
    payload: s.payload,
    runAt: at,
    singleton: s.singleton,
  });
}
