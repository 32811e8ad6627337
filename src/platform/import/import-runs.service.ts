// The record of an asynchronous import (`Prefer: respond-async`): queued with its stored upload and its
// job in one transaction (audited), started, its progress, and its end — the report or the error, with
// the upload deleted in the same transaction. Its status is for the user who started it and admins.
// The record holds counts, the report (line, field and reason of rejected rows: no field values) and
// the problem; the upload, which holds the file's customer data, lives only until the import ends.
import { recordAudit } from '../audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../context.js';
import { type AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import type { PlatformTables } from '../db/platform.tables.js';
import type { ImportProgress } from './import.engine.js';
import type { ImportFormat, ImportQueued, ImportReport, ImportStatus } from './import.schema.js';
import { deleteUpload, storeUpload } from './import-uploads.js';

type ImportRow = PlatformTables['import_runs'];
export type ImportError = NonNullable<ImportStatus['error']>;

/** The job type that runs queued imports of `entity` (each domain registers its importer for it). */
export const importJobType = (entity: string) => `import.${entity}`;

export const importStatusUrl = (id: string) => `/api/v1/imports/${id}`;

/**
 * Queues an import of the uploaded `file`: the record, the upload (in the database, so any instance's
 * worker can run it) and the job in one transaction, audited; answers its id and status URL.
 */
export async function queueImport(
  ctx: Ctx,
  input: { entity: string; file: string; format: ImportFormat; skipInvalid: boolean; bytes: number },
): Promise<ImportQueued> {
  const id = newId('imp');
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insertInto('import_runs')
      .values({
        id,
        entity: input.entity,
        format: input.format,
        skip_invalid: input.skipInvalid ? 1 : 0,
        status: 'queued',
        phase: null,
        rows_processed: 0,
        bytes_read: 0,
        total_bytes: input.bytes,
        report: null,
        error: null,
        created_by: tx.actor.kind === 'user' ? tx.actor.id : null,
        created_at: nowIso(tx),
        started_at: null,
        finished_at: null,
      })
      .execute();
    await storeUpload(tx, id, input.file);
    await enqueueJob(tx, {
      type: importJobType(input.entity),
      key: `import:${id}`,
      payload: { importId: id },
      maxAttempts: 3,
    });
    await recordAudit(tx, {
      entityType: 'import_run',
      entityId: id,
      action: 'queue',
      changes: {
        entity: { before: null, after: input.entity },
        format: { before: null, after: input.format },
        skipInvalid: { before: null, after: input.skipInvalid },
        bytes: { before: null, after: input.bytes },
      },
    });
  });
  return { id, status: 'queued', statusUrl: importStatusUrl(id) };
}

function toStatus(r: ImportRow): ImportStatus {
  return {
    id: r.id,
    entity: r.entity,
    format: r.format as ImportFormat,
    skipInvalid: r.skip_invalid === 1,
    status: r.status as ImportStatus['status'],
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    progress: {
      phase: r.phase,
      rowsProcessed: Number(r.rows_processed),
      bytesRead: Number(r.bytes_read),
      totalBytes: Number(r.total_bytes),
    },
    report: r.report ? JSON.parse(r.report) : null,
    error: r.error ? JSON.parse(r.error) : null,
  };
}

/** An import's status; only its starter and admins see it (others get 404, as for an unknown id). */
export async function getImportStatus(ctx: Ctx, id: string): Promise<ImportStatus> {
  const row = await ctx.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  const { actor } = ctx;
  const allowed =
    actor.kind === 'system' ||
    (actor.kind === 'user' && (actor.role === 'admin' || actor.id === row?.created_by));
  if (!row || !allowed) throw notFound('Import', id);
  return toStatus(row);
}

/** Marks a queued import running; answers its row, or null when it ended already (its job ran again). */
export async function startImport(ctx: Ctx, id: string): Promise<ImportRow | null> {
  const started = await ctx.db
    .updateTable('import_runs')
    .set({ status: 'running', started_at: nowIso(ctx), phase: null, rows_processed: 0, bytes_read: 0 })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (Number(started.numUpdatedRows) === 0) return null;
  return ctx.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Records how far a running import got. */
export async function recordImportProgress(ctx: Ctx, id: string, p: ImportProgress): Promise<void> {
  await ctx.db
    .updateTable('import_runs')
    .set({ phase: p.phase, rows_processed: p.rowsRead, bytes_read: p.bytesRead, total_bytes: p.totalBytes })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Puts an import whose attempt failed back in the queue (its job is retried). */
export async function requeueImport(ctx: Ctx, id: string): Promise<void> {
  await ctx.db
    .updateTable('import_runs')
    .set({ status: 'queued', phase: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** The problem of an import that failed, as the synchronous import answers it. */
export function importErrorOf(err: AppError): ImportError {
  return {
    code: err.code,
    detail: err.message,
    ...(err.errors ? { errors: err.errors.map((e) => ({ path: e.path, message: e.message })) } : {}),
  };
}

/** Ends an import with its report or error and deletes its upload, in one transaction. */
export async function finishImport(
  ctx: Ctx,
  id: string,
  end: { status: 'done' | 'failed'; report: ImportReport | null; error: ImportError | null },
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('import_runs')
      .set({
        status: end.status,
        phase: null,
        finished_at: nowIso(tx),
        report: end.report ? JSON.stringify(end.report) : null,
        error: end.error ? JSON.stringify(end.error) : null,
        ...(end.report ? { rows_processed: end.report.rowsRead } : {}),
      })
      .where('id', '=', id)
      .execute();
    await deleteUpload(tx, id);
  });
}

/** Deletes the records of imports that ended before `before` (housekeeping); answers how many. */
export async function pruneImportRuns(ctx: Ctx, before: Date): Promise<number> {
  // An ended import has no upload left: finishImport deleted it in the same transaction.
  const result = await ctx.db
    .deleteFrom('import_runs')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
