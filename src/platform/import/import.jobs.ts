// The job that runs an asynchronous import: each domain registers its importer for its entity
// (`registerImportJob(registry, 'purchases', importPurchases)`), so the engine knows no domain. The job
// reads the stored upload back to a temp file, runs the importer as the user who started the import,
// records the progress, and ends the import with its report or error (deleting the upload).
import fs from 'node:fs';
import { actorOfUser, getUser } from '../auth/users.service.js';
import { type Ctx, systemActor } from '../context.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, nullIfNotFound } from '../errors.js';
import type { JobRegistry, RunningJob } from '../jobs/worker.js';
import type { ImportOptions } from './import.engine.js';
import type { ImportFormat, ImportReport } from './import.schema.js';
import { importRejected } from './import.upload.js';
import { readUploadToFile } from './import-uploads.js';
import {
  finishImport,
  importErrorOf,
  importJobType,
  recordImportProgress,
  requeueImport,
  startImport,
} from './import-runs.service.js';

/** A domain's importer: the function its synchronous route calls. */
export type Importer<E extends string = string> = (
  ctx: Ctx,
  options: ImportOptions,
) => Promise<ImportReport<E>>;

/** Progress is written at most this often (and at each change of phase). */
const PROGRESS_EVERY_MS = 1000;

/** Registers the job that runs queued imports of `entity` with the domain's importer. */
export function registerImportJob<E extends string>(
  registry: JobRegistry,
  entity: E,
  importer: Importer<E>,
): void {
  registry.handle(importJobType(entity), (ctx, payload: { importId: string }, job) =>
    runQueuedImport(ctx, payload.importId, importer, job),
  );
}

async function starterOf(ctx: Ctx, userId: string | null): Promise<Ctx['actor']> {
  const user = userId ? await getUser(ctx, userId).catch(nullIfNotFound) : null;
  return user ? actorOfUser(user) : systemActor('import');
}

async function runQueuedImport(
  ctx: Ctx,
  importId: string,
  importer: Importer,
  job: RunningJob,
): Promise<void> {
  const record = await startImport(ctx, importId);
  if (!record) return; // ended already: the job ran again
  let file: string | null = null;
  try {
    file = await readUploadToFile(ctx, importId);
    let written = { at: 0, phase: '' };
    const report = await importer(
      { ...ctx, actor: await starterOf(ctx, record.created_by) },
      {
        file,
        format: record.format as ImportFormat,
        skipInvalid: record.skip_invalid === 1,
        onProgress: async (p) => {
          // The worker lost the job's lock: another worker runs the import again (it is idempotent).
          if (job.signal.aborted) throw job.signal.reason;
          const now = performance.now();
          if (p.phase === written.phase && now - written.at < PROGRESS_EVERY_MS) return;
          written = { at: now, phase: p.phase };
          await recordImportProgress(ctx, importId, p);
        },
      },
    );
    if (report.imported) await finishImport(ctx, importId, { status: 'done', report, error: null });
    else
      await finishImport(ctx, importId, {
        status: 'failed',
        report,
        error: importErrorOf(importRejected(report)),
      });
  } catch (err) {
    // The database is away: the worker backs off, the job's lock expires and the job runs again.
    if (isDatabaseUnavailable(err)) throw err;
    // The worker lost the job's lock: the import is another worker's now; its record is left to it.
    if (job.signal.aborted) throw err;
    if (err instanceof AppError && err.status < 500) {
      // The file itself is unusable (a missing column, broken quoting): final, as the 400 of the synchronous import.
      await finishImport(ctx, importId, { status: 'failed', report: null, error: importErrorOf(err) });
      return;
    }
    if (job.attempts >= job.max_attempts) {
      // The message may quote data (a constraint's key); it stays in the job's last_error for operators.
      const error = { code: 'INTERNAL', detail: 'An internal error occurred' };
      await finishImport(ctx, importId, { status: 'failed', report: null, error });
    } else await requeueImport(ctx, importId);
    throw err;
  } finally {
    if (file) await fs.promises.rm(file, { force: true });
  }
}
