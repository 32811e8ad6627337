// Runs registered job handlers on claimed jobs, and keeps recurring schedules enqueued.
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../context.js';
import { getCompanyTimeZone } from '../time/company-time-zone.js';
import type { NextOccurrence } from '../time/schedules.js';
import { claimJobs, completeJob, enqueueJob, failJob, type JobRow } from './jobs.service.js';

export type JobHandler = (ctx: Ctx, payload: any, job: JobRow) => Promise<void>;

/**
 * A recurring job: `next(after, timeZone)` says when it runs next (the company's zone, so a daily
 * 06:00 stays 06:00 local across daylight saving; `dailyAt`/`weeklyAt` in platform/time); the key
 * makes each occurrence unique.
 */
export type Schedule = { type: string; next: NextOccurrence; payload?: unknown };

export class JobRegistry {
  readonly handlers = new Map<string, JobHandler>();
  readonly schedules: Schedule[] = [];

  handle(type: string, handler: JobHandler): void {
    if (this.handlers.has(type)) throw new Error(`Job handler ${type} registered twice`);
    this.handlers.set(type, handler);
  }

  schedule(schedule: Schedule): void {
    this.schedules.push(schedule);
  }
}

export class Worker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private readonly id = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly ctx: Ctx,
    private readonly registry: JobRegistry,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
    private readonly options: { pollMs?: number; batch?: number; lockMs?: number } = {},
  ) {}

  start(): void {
    this.stopped = false;
    void this.ensureSchedules();
    this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }

  /** Enqueues the next occurrence of every schedule (idempotent by key). */
  async ensureSchedules(): Promise<void> {
    for (const s of this.registry.schedules) await enqueueNextOccurrence(this.ctx, s);
  }

  /** Runs due jobs until none are left; returns how many ran. Tests call it to drain the queue. */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  async runOnce(): Promise<number> {
    const jobs = await claimJobs(this.ctx, this.id, this.options.batch ?? 20, this.options.lockMs ?? 300_000);
    for (const job of jobs) await this.runJob(job);
    return jobs.length;
  }

  private async runJob(job: JobRow): Promise<void> {
    const handler = this.registry.handlers.get(job.type);
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      await handler(this.ctx, JSON.parse(job.payload), job);
      await completeJob(this.ctx, job.id);
      const schedule = this.registry.schedules.find((s) => s.type === job.type);
      if (schedule) await enqueueNextOccurrence(this.ctx, schedule);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn({ jobId: job.id, type: job.type, attempts: job.attempts, err: message }, 'job failed');
      await failJob(this.ctx, job, message);
    }
  }

  private loop(): void {
    if (this.stopped) return;
    this.running = true;
    this.runOnce()
      .catch((err) => this.log.error({ err }, 'worker round failed'))
      .then((n) => {
        this.running = false;
        if (!this.stopped) this.timer = setTimeout(() => this.loop(), n ? 0 : (this.options.pollMs ?? 500));
      });
  }
}

async function enqueueNextOccurrence(ctx: Ctx, s: Schedule): Promise<void> {
  const at = s.next(ctx.clock.now(), await getCompanyTimeZone(ctx));
  await enqueueJob(ctx, {
    type: s.type,
    key: `${s.type}@${at.toISOString()}`,
    payload: s.payload,
    runAt: at,
  });
}
