// Import uploads over HTTP: the request body is streamed to a temp file (never held in memory),
// imported from there, and the file is removed when the response is done.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, invalid } from '../errors.js';
import type { ImportFormat, ImportReport } from './import.schema.js';

/** The largest import body accepted (bytes). */
export const MAX_IMPORT_BYTES = 8 * 1024 ** 3;

/** The parsed body of an import request; `file` is not enumerable, so the body's JSON (idempotency hash) is the content hash. */
export type UploadBody = { sha256: string; bytes: number; contentType: string; file: string };

export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/x-ndjson',
  'application/json',
  'text/plain',
  'application/octet-stream',
];

async function spool(req: FastifyRequest, payload: NodeJS.ReadableStream): Promise<UploadBody> {
  const file = path.join(os.tmpdir(), `stammkunde-import-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) return done(invalid('(body)', `larger than ${MAX_IMPORT_BYTES} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(payload, count, fs.createWriteStream(file));
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
  const body = {
    sha256: hash.digest('hex'),
    bytes,
    contentType: String(req.headers['content-type'] ?? ''),
  } as UploadBody;
  Object.defineProperty(body, 'file', { value: file, enumerable: false });
  return body;
}

/**
 * Makes the routes of this plugin scope take their body as a file: every import content type is
 * streamed to a temp file, removed again after the response.
 */
export function acceptUploads(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(IMPORT_CONTENT_TYPES, (req, payload, done) => {
    spool(req, payload).then((body) => done(null, body), done);
  });
  scope.addHook('onResponse', async (req) => {
    const file = (req.body as UploadBody | undefined)?.file;
    if (file) await fs.promises.rm(file, { force: true });
  });
}

/** The uploaded file and its format (the `format` query wins over the content type). */
export function uploadedFile(
  req: FastifyRequest,
  format: ImportFormat | undefined,
): { file: string; format: ImportFormat } {
  const body = req.body as UploadBody | undefined;
  if (!body?.file || body.bytes === 0) throw invalid('(body)', 'send the file as the request body');
  const type = body.contentType.split(';')[0].trim().toLowerCase();
  const fromType =
    type === 'text/csv'
      ? 'csv'
      : type === 'application/json' || type === 'application/x-ndjson'
        ? 'json'
        : undefined;
  const chosen = format ?? fromType;
  if (!chosen)
    throw new AppError(
      'VALIDATION_FAILED',
      'format: say ?format=csv or ?format=json, or send text/csv or application/json',
      { errors: [{ path: 'querystring.format', message: 'required for this content type' }] },
    );
  return { file: body.file, format: chosen };
}

/** The 422 IMPORT_REJECTED of a report that imported nothing, naming each bad line and field. */
export function importRejected(report: ImportReport): AppError {
  return new AppError('IMPORT_REJECTED', `${report.rejected} rows were rejected; nothing was imported`, {
    errors: report.rejectedRows.map((r) => ({ path: r.field, message: `line ${r.line}: ${r.reason}` })),
    extra: { report },
  });
}

/** Answers the report, or 422 IMPORT_REJECTED naming each bad line and field when nothing was imported. */
export function reportOrReject<E extends string>(report: ImportReport<E>): ImportReport<E> {
  if (report.imported) return report;
  throw importRejected(report);
}
