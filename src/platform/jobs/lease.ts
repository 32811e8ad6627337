// The heartbeat of a running job: renews its lock while the handler runs, so only a dead or stalled
// worker loses a job; when the lock is lost anyway the handler's signal aborts and it is logged.
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../context.js';
import { type JobRow, renewJobLock } from './jobs.service.js';

/** What the worker logs through (a Fastify logger, or console in tests). */
export type WorkerLog = Pick<FastifyBaseLogger, 'warn' | 'error'> & Partial<Pick<FastifyBaseLogger, 'info'>>;

export class JobLease {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly job: JobRow,
    private readonly lockMs: number,
    private readonly log: WorkerLog,
  ) {
    this.next();
  }

  /** Aborts when another worker took the job over; a handler may check it between steps. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  // Renew at a third of the lock time: two renewals may fail (a slow database) before it expires.
  private next(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.renew(), Math.max(1, Math.floor(this.lockMs / 3)));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    if (this.stopped) return;
    try {
      if (await renewJobLock(this.ctx, this.job, this.lockMs)) return this.next();
      if (this.stopped) return;
      this.log.warn(
        { jobId: this.job.id, type: this.job.type },
        'job lock lost while running (expired and taken over); the handler is told to stop',
      );
      this.stop();
      this.controller.abort(new Error(`lock on job ${this.job.id} lost`));
    } catch (err) {
      this.log.warn({ jobId: this.job.id, err }, 'job lock renewal failed; trying again');
      this.next();
    }
  }
}
