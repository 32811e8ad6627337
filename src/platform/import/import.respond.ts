// Answers an import request: synchronously with the report (as always), or — with the request header
// `Prefer: respond-async` (RFC 7240) — by storing the upload and queuing the import, 202 with its id and
// status URL (also `Location`, and `Preference-Applied: respond-async`).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ImportFormat, ImportQueued, ImportReport } from './import.schema.js';
import type { Importer } from './import.jobs.js';
import { reportOrReject, type UploadBody, uploadedFile } from './import.upload.js';
import { queueImport } from './import-runs.service.js';

/** What an import route's description says about the asynchronous mode (appended to its own). */
export const ASYNC_IMPORT_NOTE =
  ' With `Prefer: respond-async` the upload is stored and the import queued: 202 with `{ id, statusUrl }` ' +
  'and `Location`; GET /imports/{id} reports its state, the rows processed so far and, when it ends, ' +
  'the report this route answers otherwise.';

/** The example of the 202 answer of an import route (OpenAPI). */
export const ASYNC_IMPORT_EXAMPLE: ImportQueued = {
  id: 'imp_01jnq40c2m8e5f7h9k3n6p4r2t',
  status: 'queued',
  statusUrl: '/api/v1/imports/imp_01jnq40c2m8e5f7h9k3n6p4r2t',
};

/** Whether the request asks for an asynchronous answer (`Prefer: respond-async`, among other preferences). */
export function prefersAsync(req: FastifyRequest): boolean {
  const header = req.headers.prefer;
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values
    .flatMap((v) => v.split(','))
    .some((p) => p.split(';')[0].trim().toLowerCase() === 'respond-async');
}

/** Runs the import now and answers its report, or queues it when the request prefers an asynchronous answer. */
export async function answerImport<E extends string>(
  req: FastifyRequest,
  reply: FastifyReply,
  entity: E,
  importer: Importer<E>,
  query: { format?: ImportFormat; skipInvalid: boolean },
): Promise<ImportReport<E> | FastifyReply> {
  const { file, format } = uploadedFile(req, query.format);
  if (!prefersAsync(req))
    return reportOrReject(await importer(req.ctx(), { file, format, skipInvalid: query.skipInvalid }));
  const bytes = (req.body as UploadBody).bytes;
  const queued: ImportQueued = await queueImport(req.ctx(), {
    entity,
    file,
    format,
    skipInvalid: query.skipInvalid,
    bytes,
  });
  return reply
    .code(202)
    .header('location', queued.statusUrl)
    .header('preference-applied', 'respond-async')
    .send(queued);
}
